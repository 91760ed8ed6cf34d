"""SHARE-001 over hand-built snapshots: the cases that must flag, and the near-misses that must not."""

from datetime import date

from tests.conflicts.world import AS_OF, World, news_case, run
from tracker.conflicts.choices import Severity

STATUTE = {
    "binds": "all_law_enforcement", "acts": ("share",), "technologies": ("alpr",), "federal_reach": "express",
    "summary": "Synthetic: agencies may share plate-reader data only with agencies of this state.",
    "inst_kind": "statute",
}


def _no_federal_sharing(w: World, state: int, **fields) -> int:  # type: ignore[no-untyped-def]
    return w.law(state, "data_sharing_limit", **{**STATUTE, "barred_recipients": ("federal", "out_of_state"), **fields})


def _no_immigration_use(w: World, state: int, **fields) -> int:  # type: ignore[no-untyped-def]
    values = {**STATUTE, "federal_reach": "silent", "barred_purposes": ("immigration_enforcement",), **fields}
    return w.law(state, "data_sharing_limit", **values)


def test_a_network_giving_federal_immigration_lookup_meets_a_bar_on_federal_sharing():
    case = news_case()
    law = _no_federal_sharing(case.world, case.state)
    arrangement = case.world.arrangement(case.police)
    (found,) = run("SHARE-001", case.world.snapshot())
    assert (found.provision_id, found.agency_id, found.arrangement_id) == (law, case.police, arrangement)
    assert found.jurisdiction_id == case.state and found.severity == Severity.CRITICAL and found.verified
    assert found.evidence["arrangement"]["barred_recipients_met"] == ["federal"]
    assert f"arrangement:{arrangement}" in found.fact_refs
    assert "federal immigration" in found.explanation and "bars sharing with federal" in found.explanation


def test_searches_reported_for_immigration_meet_a_bar_on_immigration_use():
    case = news_case()
    _no_immigration_use(case.world, case.state)
    case.world.arrangement(case.police, recipients=("out_of_state",), purposes=("immigration_enforcement",))
    (found,) = run("SHARE-001", case.world.snapshot())
    assert found.severity == Severity.HIGH
    assert found.evidence["arrangement"]["barred_purposes_met"] == ["immigration_enforcement"]
    assert "silent on federal partnerships" in found.question


def test_lookup_turned_off_before_the_date_is_judged_only_before_it():
    case = news_case()
    _no_federal_sharing(case.world, case.state)
    case.world.arrangement(case.police, ended_on=date(2025, 9, 1))
    assert run("SHARE-001", case.world.snapshot()) == []
    assert len(run("SHARE-001", case.world.snapshot(as_of=date(2025, 8, 1)))) == 1


def test_federal_lookup_turned_off_ends_a_federal_flag_and_keeps_one_for_other_states():
    case = news_case()
    case.world.law(case.state, "data_sharing_limit", **{**STATUTE, "barred_recipients": ("federal",)})
    off = (date(2025, 9, 1), "federal_lookup_disabled")
    federal = case.world.arrangement(case.police, switches=(off,))
    assert run("SHARE-001", case.world.snapshot()) == []
    (found,) = run("SHARE-001", case.world.snapshot(as_of=date(2025, 8, 1)))
    assert found.arrangement_id == federal and found.evidence["arrangement"]["switches"] == []
    bar_on_other_states = news_case()
    bar_on_other_states.world.law(bar_on_other_states.state, "data_sharing_limit",
                                  **{**STATUTE, "barred_recipients": ("out_of_state",)})
    bar_on_other_states.world.arrangement(bar_on_other_states.police, recipients=("out_of_state", "federal"),
                                          switches=(off,))
    (found,) = run("SHARE-001", bar_on_other_states.world.snapshot())
    assert found.evidence["arrangement"]["recipients"] == ["out_of_state"]
    assert found.evidence["arrangement"]["switches"] == [{"on": "2025-09-01", "kind": "federal_lookup_disabled"}]
    assert "federal or national lookup turned off 2025-09-01" in found.explanation


def test_access_last_shown_before_the_law_applied_is_not_assumed_to_continue_under_it():
    case = news_case()
    _no_federal_sharing(case.world, case.state, inst_enacted_on=date(2026, 3, 1), inst_effective_on=date(2026, 3, 30))
    reported = date(2025, 10, 21)
    case.world.arrangement(case.police, first_evidence_on=reported)
    assert run("SHARE-001", case.world.snapshot()) == []
    shown_since = news_case()
    _no_federal_sharing(shown_since.world, shown_since.state, inst_effective_on=date(2026, 3, 30))
    audit = date(2026, 4, 2)
    shown_since.world.arrangement(shown_since.police, first_evidence_on=reported, evidence_to=audit)
    (found,) = run("SHARE-001", shown_since.world.snapshot())
    assert found.evidence["arrangement"]["evidence_to"] == "2026-04-02"
    assert "since 2025-10-21, last shown 2026-04-02" in found.explanation


def test_access_first_reported_after_the_date_is_not_judged_yet():
    case = news_case()
    _no_federal_sharing(case.world, case.state)
    case.world.arrangement(case.police, first_evidence_on=date(2026, 9, 1))
    assert run("SHARE-001", case.world.snapshot()) == []


def test_a_network_with_no_federal_access_does_not_meet_a_bar_on_federal_sharing():
    case = news_case()
    case.world.law(case.state, "data_sharing_limit", **{**STATUTE, "barred_recipients": ("federal",)})
    case.world.arrangement(case.police, recipients=("out_of_state",))
    assert run("SHARE-001", case.world.snapshot()) == []


def test_a_bar_on_immigration_agencies_does_not_reach_other_federal_agencies():
    case = news_case()
    case.world.law(case.state, "data_sharing_limit", **{**STATUTE, "barred_recipients": ("federal_immigration",)})
    case.world.arrangement(case.police, recipients=("federal",))
    assert run("SHARE-001", case.world.snapshot()) == []


def test_an_agency_in_a_state_without_such_a_law_is_not_flagged():
    case = news_case()
    _no_federal_sharing(case.world, case.state)
    other_state = case.world.state("Synthetic Other State")
    elsewhere = case.world.agency(case.world.place(other_state))
    case.world.arrangement(elsewhere)
    assert run("SHARE-001", case.world.snapshot()) == []


def test_a_limit_on_other_data_does_not_reach_plate_reader_sharing():
    case = news_case()
    _no_federal_sharing(case.world, case.state, technologies=("face_recognition",))
    case.world.arrangement(case.police)
    assert run("SHARE-001", case.world.snapshot()) == []


def test_a_limit_naming_no_technology_reaches_any_data_of_the_agencies_it_binds():
    case = news_case()
    _no_federal_sharing(case.world, case.state, technologies=())
    case.world.arrangement(case.police, kind="dmv_access", technology="other")
    assert len(run("SHARE-001", case.world.snapshot())) == 1


def test_a_sharing_limit_that_bars_nothing_typed_raises_nothing():
    case = news_case()
    case.world.law(case.state, "data_sharing_limit", **STATUTE)
    case.world.arrangement(case.police)
    assert run("SHARE-001", case.world.snapshot()) == []


def test_a_city_limit_binds_its_police_not_the_sheriff_operating_there():
    case = news_case()
    case.world.law(case.city, "data_sharing_limit", barred_recipients=("federal",), technologies=("alpr",))
    case.world.arrangement(case.sheriff)
    assert run("SHARE-001", case.world.snapshot()) == []
    police = case.world.arrangement(case.police)
    (found,) = run("SHARE-001", case.world.snapshot())
    assert (found.arrangement_id, found.jurisdiction_id) == (police, case.city)


def test_a_reported_arrangement_is_capped_at_the_lowest_severity():
    case = news_case()
    _no_federal_sharing(case.world, case.state)
    case.world.arrangement(case.police, verified=False)
    (found,) = run("SHARE-001", case.world.snapshot())
    assert (found.severity, found.verified) == (Severity.INFO, False)
    assert "reported, not verified" in found.explanation


def test_a_limit_excluding_federal_partnerships_lowers_the_flag():
    case = news_case()
    _no_federal_sharing(case.world, case.state, federal_reach="excluded", federal_reach_quote="synthetic carve-out")
    case.world.arrangement(case.police)
    (found,) = run("SHARE-001", case.world.snapshot())
    assert found.severity == Severity.LOW


def test_a_repealed_limit_is_silent():
    case = news_case()
    _no_federal_sharing(case.world, case.state, inst_status="repealed", inst_repealed_on=date(2026, 1, 1))
    case.world.arrangement(case.police)
    assert run("SHARE-001", case.world.snapshot()) == []
    assert len(run("SHARE-001", case.world.snapshot(as_of=date(2025, 6, 1)))) == 1


def test_the_finding_is_stable_across_runs_and_dates():
    case = news_case()
    _no_federal_sharing(case.world, case.state)
    case.world.arrangement(case.police)
    first = run("SHARE-001", case.world.snapshot())[0].fact_refs
    assert run("SHARE-001", case.world.snapshot(as_of=AS_OF.replace(year=2027)))[0].fact_refs == first
