"""CCOPS-001 over hand-built snapshots."""

from datetime import date

from tests.conflicts.world import news_case, run
from tracker.conflicts.choices import Severity


def _ccops(case):  # type: ignore[no-untyped-def]
    return case.world.law(case.city, "ccops_approval", technologies=("surveillance_technology",), acts=("acquire",))


def test_task_force_agreement_of_bound_police_without_approval_is_flagged():
    case = news_case()
    _ccops(case)
    case.world.partnership(case.police, case.world.tfm())
    (found,) = run("CCOPS-001", case.world.snapshot())
    assert found.severity == Severity.HIGH
    assert "No approval" in found.explanation


def test_recorded_approval_of_the_agreement_silences_the_rule():
    case = news_case()
    _ccops(case)
    part = case.world.partnership(case.police, case.world.tfm())
    case.world.approval(case.city, partnership_id=part)
    assert run("CCOPS-001", case.world.snapshot()) == []


def test_approval_decided_after_the_date_does_not_count():
    case = news_case()
    _ccops(case)
    part = case.world.partnership(case.police, case.world.tfm())
    case.world.approval(case.city, partnership_id=part, decided_on=date(2027, 1, 1))
    assert len(run("CCOPS-001", case.world.snapshot())) == 1


def test_sheriff_operating_within_is_not_bound_by_the_city_ccops_ordinance():
    case = news_case()
    _ccops(case)
    case.world.partnership(case.sheriff, case.world.tfm())
    assert run("CCOPS-001", case.world.snapshot()) == []


def test_program_without_surveillance_capability_is_silent():
    case = news_case()
    _ccops(case)
    case.world.partnership(case.police, case.world.jem())
    assert run("CCOPS-001", case.world.snapshot()) == []


def test_unapproved_deployment_of_a_covered_technology_is_flagged():
    case = news_case()
    case.world.law(case.city, "ccops_approval", technologies=("alpr",))
    case.world.deployment(case.police, technology="alpr")
    case.world.deployment(case.police, technology="drones")
    (found,) = run("CCOPS-001", case.world.snapshot())
    assert found.deployment_id is not None


def _sharing_ccops(case, **fields):  # type: ignore[no-untyped-def]
    values = {"technologies": ("surveillance_technology",), "acts": ("acquire", "share"), **fields}
    return case.world.law(case.city, "ccops_approval", **values)


def test_a_sharing_arrangement_of_bound_police_without_approval_is_flagged_by_ccops_002():
    case = news_case()
    _sharing_ccops(case)
    arrangement = case.world.arrangement(case.police)
    (found,) = run("CCOPS-002", case.world.snapshot())
    assert (found.arrangement_id, found.severity, found.partnership_id) == (arrangement, Severity.HIGH, None)
    assert "No approval" in found.explanation
    assert run("CCOPS-001", case.world.snapshot()) == []


def test_a_recorded_approval_of_the_arrangement_silences_ccops_002():
    case = news_case()
    _sharing_ccops(case)
    arrangement = case.world.arrangement(case.police)
    case.world.approval(case.city, arrangement_id=arrangement)
    assert run("CCOPS-002", case.world.snapshot()) == []
    assert len(run("CCOPS-002", case.world.snapshot(as_of=date(2024, 12, 31)))) == 0  # not in effect before 2025


def test_an_approval_decided_after_the_date_does_not_count_for_the_arrangement():
    case = news_case()
    _sharing_ccops(case)
    arrangement = case.world.arrangement(case.police)
    case.world.approval(case.city, arrangement_id=arrangement, decided_on=date(2027, 1, 1))
    assert len(run("CCOPS-002", case.world.snapshot())) == 1


def test_an_approval_of_the_technology_answers_an_ordinance_on_technology_but_not_of_the_deployment_alone():
    case = news_case()
    _sharing_ccops(case, technologies=("alpr",), acts=("acquire", "use"))
    case.world.arrangement(case.police)
    deployment = case.world.deployment(case.police, technology="alpr")
    case.world.approval(case.city, deployment_id=deployment)
    assert len(run("CCOPS-002", case.world.snapshot())) == 1
    case.world.approval(case.city, technology="alpr")
    assert run("CCOPS-002", case.world.snapshot()) == []


def test_an_ordinance_naming_sharing_needs_the_arrangement_approved_not_only_the_technology():
    case = news_case()
    _sharing_ccops(case)
    arrangement = case.world.arrangement(case.police)
    case.world.approval(case.city, technology="alpr", decided_on=date(2022, 10, 18))
    (found,) = run("CCOPS-002", case.world.snapshot())
    assert "approved alpr on 18 Oct 2022, but no approval of this sharing arrangement is recorded" in found.explanation
    case.world.approval(case.city, arrangement_id=arrangement)
    assert run("CCOPS-002", case.world.snapshot()) == []


def test_an_ordinance_on_other_technology_that_says_nothing_of_sharing_is_silent():
    case = news_case()
    _sharing_ccops(case, technologies=("face_recognition",), acts=("acquire",))
    case.world.arrangement(case.police)
    assert run("CCOPS-002", case.world.snapshot()) == []


def test_an_ordinance_requiring_approval_of_sharing_reaches_any_technology():
    case = news_case()
    _sharing_ccops(case, technologies=("face_recognition",), acts=("agree_third_party",))
    case.world.arrangement(case.police)
    assert len(run("CCOPS-002", case.world.snapshot())) == 1


def test_an_ended_arrangement_and_the_sheriff_operating_within_are_not_flagged_by_ccops_002():
    case = news_case()
    _sharing_ccops(case)
    case.world.arrangement(case.police, ended_on=date(2026, 1, 1))
    case.world.arrangement(case.sheriff)
    assert run("CCOPS-002", case.world.snapshot()) == []


def test_a_reported_arrangement_raises_ccops_002_at_the_lowest_severity():
    case = news_case()
    _sharing_ccops(case)
    case.world.arrangement(case.police, verified=False)
    (found,) = run("CCOPS-002", case.world.snapshot())
    assert (found.severity, found.verified) == (Severity.INFO, False)
