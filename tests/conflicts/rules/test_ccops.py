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
