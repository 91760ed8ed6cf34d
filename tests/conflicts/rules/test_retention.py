"""RET-001 over hand-built snapshots."""

from tests.conflicts.world import news_case, run
from tracker.conflicts.choices import Severity


def test_federal_retention_longer_than_the_local_limit_is_flagged():
    case = news_case()
    case.world.law(case.city, "retention_limit", retention_days=30)
    case.world.partnership(case.police, case.world.tfm())
    (found,) = run("RET-001", case.world.snapshot())
    assert found.severity == Severity.HIGH
    assert "30 days" in found.explanation


def test_federal_retention_within_the_limit_is_silent():
    case = news_case()
    case.world.law(case.city, "retention_limit", retention_days=10000)
    case.world.partnership(case.police, case.world.tfm())
    assert run("RET-001", case.world.snapshot()) == []


def test_unknown_federal_retention_is_never_flagged():
    case = news_case()
    case.world.law(case.city, "retention_limit", retention_days=30)
    case.world.partnership(case.police, case.world.program("287g-tfm", ("face_recognition",)))
    assert run("RET-001", case.world.snapshot()) == []


def test_a_licence_plate_retention_limit_is_never_set_against_face_photos():
    case = news_case()
    case.world.law(case.city, "retention_limit", retention_days=21, technologies=("alpr",))
    case.world.partnership(case.police, case.world.tfm())
    assert run("RET-001", case.world.snapshot()) == []


def test_a_face_recognition_retention_limit_is_set_against_the_face_app():
    case = news_case()
    case.world.law(case.city, "retention_limit", retention_days=30, technologies=("face_recognition",))
    case.world.partnership(case.police, case.world.tfm())
    assert len(run("RET-001", case.world.snapshot())) == 1
