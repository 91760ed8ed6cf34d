"""IMM-001 and PEND-001 over hand-built snapshots."""

from datetime import date

from tests.conflicts.world import news_case, run
from tracker.conflicts.choices import Relation, Severity


def test_trust_ordinance_that_names_287g_and_own_police_in_287g_is_critical():
    case = news_case()
    case.world.law(case.city, "immigration_limit", federal_reach="express")
    case.world.partnership(case.police, case.world.jem())
    (found,) = run("IMM-001", case.world.snapshot())
    assert found.relation == Relation.BOUND
    assert found.severity == Severity.CRITICAL


def test_a_limit_whose_reach_to_287g_is_arguable_is_high_not_critical():
    case = news_case()
    case.world.law(case.city, "immigration_limit", federal_reach="arguably")
    case.world.partnership(case.police, case.world.jem())
    (found,) = run("IMM-001", case.world.snapshot())
    assert found.severity == Severity.HIGH


def test_sheriff_in_287g_inside_trust_city_is_medium_overlap():
    case = news_case()
    case.world.law(case.city, "immigration_limit")
    case.world.partnership(case.sheriff, case.world.jem())
    (found,) = run("IMM-001", case.world.snapshot())
    assert found.relation == Relation.OPERATES_WITHIN
    assert found.severity == Severity.MEDIUM


def test_ended_287g_agreement_does_not_meet_the_trust_ordinance():
    case = news_case()
    case.world.law(case.city, "immigration_limit")
    case.world.partnership(case.sheriff, case.world.jem(), status="ended", ended_on=date(2026, 5, 1))
    assert run("IMM-001", case.world.snapshot()) == []


def test_non_287g_program_is_not_an_immigration_conflict():
    case = news_case()
    w = case.world
    w.law(case.city, "immigration_limit")
    task_force = w.program("synthetic-task-force", ("alpr",))
    w.programs[task_force] = w.programs[task_force].__class__(task_force, "synthetic-task-force", "Synthetic", "task_force")
    w.partnership(case.police, task_force)
    assert run("IMM-001", w.snapshot()) == []


def test_pending_task_force_application_inside_a_ban_city_is_an_early_warning():
    case = news_case()
    case.world.partnership(case.sheriff, case.world.tfm(), status="pending", signed_on=None)
    (found,) = run("PEND-001", case.world.snapshot())
    assert found.severity == Severity.LOW
    assert "pending application" in found.explanation


def test_pending_jail_model_application_does_not_warn_against_a_face_recognition_ban():
    case = news_case()
    case.world.partnership(case.sheriff, case.world.jem(), status="pending", signed_on=None)
    assert run("PEND-001", case.world.snapshot()) == []


def test_active_agreement_is_not_an_early_warning():
    case = news_case()
    case.world.partnership(case.police, case.world.tfm())
    assert run("PEND-001", case.world.snapshot()) == []
