"""FR-FED-001, FR-DEP-001 and FR-LIM-001 over hand-built snapshots (no database)."""

from dataclasses import replace
from datetime import date

import pytest

from tests.conflicts.world import World, news_case, run
from tracker.conflicts.choices import Relation, Severity


def test_sheriff_in_task_force_inside_ban_city_is_flagged_as_operating_within():
    case = news_case()
    case.world.partnership(case.sheriff, case.world.tfm())
    (found,) = run("FR-FED-001", case.world.snapshot())
    assert found.agency_id == case.sheriff
    assert found.relation == Relation.OPERATES_WITHIN
    assert "county coverage (concurrent)" in found.relation_how
    assert found.severity == Severity.MEDIUM


def test_city_police_in_task_force_is_bound_by_its_own_ban():
    case = news_case()
    case.world.partnership(case.police, case.world.tfm())
    (found,) = run("FR-FED-001", case.world.snapshot())
    assert found.relation == Relation.BOUND
    assert found.severity == Severity.HIGH


def test_express_reach_over_use_raises_the_bound_case_to_critical():
    case = news_case()
    case.world.change("provisions", case.ban, federal_reach="express")
    case.world.partnership(case.police, case.world.tfm())
    (found,) = run("FR-FED-001", case.world.snapshot())
    assert found.severity == Severity.CRITICAL
    assert "expressly reaches" in found.question


def test_silent_provision_asks_whether_general_language_reaches():
    case = news_case()
    case.world.partnership(case.police, case.world.tfm())
    (found,) = run("FR-FED-001", case.world.snapshot())
    assert "silent on federal partnerships" in found.question


def test_excluded_reach_lowers_the_flag_and_quotes_the_carve_out():
    case = news_case()
    case.world.change("provisions", case.ban, federal_reach="excluded",
                      federal_reach_quote="Synthetic: does not apply to work with a federal agency.")
    case.world.partnership(case.police, case.world.tfm())
    (found,) = run("FR-FED-001", case.world.snapshot())
    assert found.severity == Severity.LOW
    assert "does not apply to work with a federal agency" in found.explanation


def test_state_agency_with_statewide_coverage_operates_within_the_city():
    case = news_case()
    case.world.partnership(case.state_police, case.world.tfm())
    (found,) = run("FR-FED-001", case.world.snapshot())
    assert found.relation == Relation.OPERATES_WITHIN
    assert "statewide coverage" in found.relation_how


def test_jail_enforcement_agreement_raises_nothing():
    case = news_case()
    case.world.partnership(case.sheriff, case.world.jem())
    assert run("FR-FED-001", case.world.snapshot()) == []


def test_pending_application_raises_nothing():
    case = news_case()
    case.world.partnership(case.sheriff, case.world.tfm(), status="pending", signed_on=None)
    assert run("FR-FED-001", case.world.snapshot()) == []


def test_ended_agreement_raises_nothing():
    case = news_case()
    case.world.partnership(case.sheriff, case.world.tfm(), status="ended", ended_on=date(2026, 1, 1))
    assert run("FR-FED-001", case.world.snapshot()) == []


def test_repealed_ban_raises_nothing():
    case = news_case()
    inst = case.world.provisions[case.ban].instrument_id
    case.world.change("instruments", inst, status="repealed", repealed_on=date(2025, 1, 1))
    case.world.partnership(case.police, case.world.tfm())
    assert run("FR-FED-001", case.world.snapshot()) == []


def test_ban_not_yet_effective_raises_nothing():
    case = news_case()
    inst = case.world.provisions[case.ban].instrument_id
    case.world.change("instruments", inst, status="enacted", effective_on=date(2026, 12, 1))
    case.world.partnership(case.police, case.world.tfm())
    assert run("FR-FED-001", case.world.snapshot()) == []


def test_agency_neither_bound_nor_operating_in_the_city_raises_nothing():
    case = news_case()
    other_county = case.world.county(case.state)
    other_sheriff = case.world.agency(other_county, {other_county: "concurrent"}, kind="sheriff")
    case.world.partnership(other_sheriff, case.world.tfm())
    assert run("FR-FED-001", case.world.snapshot()) == []


def test_jail_only_county_coverage_does_not_reach_into_the_city():
    case = news_case()
    w = case.world
    jailer = w.agency(case.county, {case.county: "jail_only"}, kind="corrections")
    w.partnership(jailer, w.tfm())
    assert run("FR-FED-001", w.snapshot()) == []


def test_unverified_ban_caps_the_flag_at_the_lowest_severity():
    case = news_case()
    case.world.change("provisions", case.ban, verified=False, federal_reach="express")
    case.world.partnership(case.police, case.world.tfm())
    (found,) = run("FR-FED-001", case.world.snapshot())
    assert found.verified is False
    assert found.severity == Severity.INFO


def test_explanation_cites_both_sides():
    case = news_case()
    w = case.world
    part = w.partnership(case.sheriff, w.tfm())
    (found,) = run("FR-FED-001", w.snapshot())
    inst = w.instruments[w.provisions[case.ban].instrument_id]
    assert inst.citation in found.explanation
    assert w.partnerships[part].moa_url in found.explanation
    assert "Synthetic Program 287g-tfm" in found.explanation
    assert w.partnerships[part].sources[0].url in found.explanation
    assert inst.sources[0].id in found.source_ids


def test_state_preemption_of_local_fr_rules_caps_the_bound_case():
    case = news_case()
    w = case.world
    w.change("provisions", case.ban, federal_reach="express")
    w.law(case.state, "preempts_local_fr", binds="local_governments", inst_kind="statute")
    w.partnership(case.police, w.tfm())
    (found,) = run("FR-FED-001", w.snapshot())
    assert found.severity == Severity.HIGH
    assert "may preempt" in found.explanation


def test_face_recognition_deployment_of_the_city_police_is_flagged():
    case = news_case()
    case.world.deployment(case.police)
    (found,) = run("FR-DEP-001", case.world.snapshot())
    assert found.relation == Relation.BOUND
    assert found.severity == Severity.HIGH


def test_alpr_deployment_is_not_a_face_recognition_conflict():
    case = news_case()
    case.world.deployment(case.police, technology="alpr")
    assert run("FR-DEP-001", case.world.snapshot()) == []


def test_deployment_reported_after_the_date_is_not_counted():
    case = news_case()
    case.world.deployment(case.sheriff, reported_on=date(2027, 1, 1))
    assert run("FR-DEP-001", case.world.snapshot()) == []


def _state_statute(w: World, state: int, **fields: object) -> int:
    values = {"binds": "all_law_enforcement", "conditions": ("named_channel", "warrant", "reporting"),
              "inst_kind": "statute", "quote": "Synthetic: only through the state police, with a warrant.",
              "summary": "Synthetic: conditions face recognition.", "acts": ("use",)}
    values.update(fields)
    return w.law(state, "fr_conditions", **values)


def test_state_statute_conditioning_fr_flags_a_task_force_sheriff_and_names_each_condition():
    case = news_case()
    w = case.world
    _state_statute(w, case.state)
    w.partnership(case.sheriff, w.tfm())
    (found,) = run("FR-LIM-001", w.snapshot())
    assert found.jurisdiction_id == case.state
    assert found.relation == Relation.BOUND
    assert found.severity == Severity.HIGH
    assert "not the state channel the law names" in found.explanation
    assert "no warrant or court order is shown" in found.explanation
    assert "no reporting of app searches is shown" in found.explanation
    assert "only through the state police" in found.explanation
    assert "federal face-recognition app under a federal agreement" in found.question


@pytest.mark.parametrize("governs", ["own_systems", "named_systems"])
def test_conditions_on_the_states_own_databases_never_reach_a_federal_app(governs):
    case = news_case()
    w = case.world
    _state_statute(w, case.state, governs=governs)
    w.partnership(case.sheriff, w.tfm())
    assert run("FR-LIM-001", w.snapshot()) == []


def test_a_ban_limited_to_named_systems_never_reaches_a_federal_app():
    case = news_case()
    w = case.world
    w.provisions[case.ban] = replace(w.provisions[case.ban], governs="named_systems")
    w.partnership(case.police, w.tfm())
    assert run("FR-FED-001", w.snapshot()) == []


def test_state_conditions_stay_silent_for_jail_enforcement_and_warrant_service():
    case = news_case()
    w = case.world
    _state_statute(w, case.state)
    w.partnership(case.sheriff, w.jem())
    w.partnership(case.police, w.program("287g-wso", ("immigration_detainer",)))
    assert run("FR-LIM-001", w.snapshot()) == []


def test_state_conditions_stay_silent_before_the_effective_date_and_after_expiry():
    case = news_case()
    w = case.world
    _state_statute(w, case.state, inst_effective_on=date(2026, 7, 1), inst_sunset_on=date(2027, 7, 1))
    w.partnership(case.sheriff, w.tfm())
    assert run("FR-LIM-001", w.snapshot(as_of=date(2026, 6, 30))) == []
    assert len(run("FR-LIM-001", w.snapshot(as_of=date(2026, 7, 1)))) == 1
    assert run("FR-LIM-001", w.snapshot(as_of=date(2027, 7, 1))) == []


def test_federal_partnership_exclusion_lowers_the_conditions_flag_and_quotes_it():
    case = news_case()
    w = case.world
    _state_statute(w, case.state, federal_reach="excluded",
                   federal_reach_quote="Synthetic: does not apply in partnership with a federal agency.")
    w.partnership(case.sheriff, w.tfm())
    (found,) = run("FR-LIM-001", w.snapshot())
    assert found.severity == Severity.LOW
    assert "in partnership with a federal agency" in found.explanation


def test_federal_partnership_exception_lowers_the_conditions_flag_to_medium():
    case = news_case()
    w = case.world
    _state_statute(w, case.state, exceptions=(("federal_partnership", "Synthetic: federal partnership work."),))
    w.partnership(case.sheriff, w.tfm())
    (found,) = run("FR-LIM-001", w.snapshot())
    assert found.severity == Severity.MEDIUM
    assert "Synthetic: federal partnership work." in found.explanation


def test_reporting_only_conditions_are_low():
    case = news_case()
    w = case.world
    _state_statute(w, case.state, conditions=("reporting", "not_sole_basis"))
    w.partnership(case.sheriff, w.tfm())
    (found,) = run("FR-LIM-001", w.snapshot())
    assert found.severity == Severity.LOW


def test_state_conditions_do_not_reach_agencies_of_another_state():
    case = news_case()
    w = case.world
    _state_statute(w, case.state)
    other_state = w.state("Synthetic State B")
    other_county = w.county(other_state)
    other_sheriff = w.agency(other_county, {other_county: "concurrent"}, kind="sheriff")
    w.partnership(other_sheriff, w.tfm())
    assert run("FR-LIM-001", w.snapshot()) == []


def test_local_conditions_cap_an_operating_agency_at_medium():
    case = news_case()
    w = case.world
    w.law(case.city, "fr_conditions", conditions=("warrant",))
    w.partnership(case.sheriff, w.tfm())
    (found,) = run("FR-LIM-001", w.snapshot())
    assert found.relation == Relation.OPERATES_WITHIN
    assert found.severity == Severity.MEDIUM


def test_scope_restricts_findings_to_the_named_jurisdictions():
    case = news_case()
    case.world.partnership(case.sheriff, case.world.tfm())
    assert run("FR-FED-001", case.world.snapshot(scope=frozenset({case.county}))) == []
    assert len(run("FR-FED-001", case.world.snapshot(scope=frozenset({case.city})))) == 1


