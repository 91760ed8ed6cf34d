"""STATE-001 to STATE-004 over hand-built snapshots."""

from datetime import date

from tests.conflicts.world import news_case, run
from tracker.conflicts.choices import Severity


def test_state_prohibition_flags_every_active_287g_agreement_in_the_state():
    case = news_case()
    w = case.world
    w.law(case.state, "prohibits_287g", binds="all_law_enforcement", inst_kind="statute",
          inst_effective_on=date(2025, 1, 1))
    w.partnership(case.sheriff, w.jem())
    w.partnership(case.police, w.tfm(), signed_on=date(2025, 6, 1))
    found = run("STATE-001", w.snapshot())
    assert {f.agency_id for f in found} == {case.sheriff, case.police}
    assert all(f.severity == Severity.CRITICAL and f.jurisdiction_id == case.state for f in found)
    assert any("after the law took effect" in f.explanation for f in found)


def test_state_prohibition_is_silent_before_it_takes_effect():
    case = news_case()
    w = case.world
    w.law(case.state, "prohibits_287g", binds="all_law_enforcement", inst_kind="statute",
          inst_status="enacted", inst_effective_on=date(2026, 10, 1))
    w.partnership(case.sheriff, w.jem())
    assert run("STATE-001", w.snapshot()) == []
    assert len(run("STATE-001", w.snapshot(as_of=date(2026, 10, 1)))) == 1


def test_state_prohibition_ignores_pending_applications():
    case = news_case()
    w = case.world
    w.law(case.state, "prohibits_287g", binds="all_law_enforcement", inst_kind="statute")
    w.partnership(case.sheriff, w.jem(), status="pending", signed_on=None)
    assert run("STATE-001", w.snapshot()) == []


def test_state_mandate_against_a_local_trust_ordinance_is_a_preemption_risk():
    case = news_case()
    w = case.world
    trust = w.law(case.city, "immigration_limit")
    mandate = w.law(case.state, "mandates_287g", binds="local_governments", inst_kind="statute")
    (found,) = run("STATE-002", w.snapshot())
    assert (found.provision_id, found.other_provision_id) == (trust, mandate)
    assert found.jurisdiction_id == case.city
    assert found.severity == Severity.HIGH


def test_mandate_of_another_state_is_not_a_preemption_risk():
    case = news_case()
    w = case.world
    w.law(case.city, "immigration_limit")
    w.law(w.state("Synthetic State B"), "mandates_287g", binds="local_governments", inst_kind="statute")
    assert run("STATE-002", w.snapshot()) == []


def test_state_fr_preemption_against_a_local_ban_is_flagged():
    case = news_case()
    case.world.law(case.state, "preempts_local_fr", binds="local_governments", inst_kind="statute")
    (found,) = run("STATE-003", case.world.snapshot())
    assert found.provision_id == case.ban


def test_prohibition_binding_jail_operators_reaches_the_sheriff_but_not_city_police():
    case = news_case()
    w = case.world
    w.law(case.state, "prohibits_287g", binds="jail_operators", inst_kind="statute")
    w.partnership(case.sheriff, w.jem())
    w.partnership(case.police, w.jem())
    (found,) = run("STATE-001", w.snapshot())
    assert found.agency_id == case.sheriff


def test_prohibition_binding_local_enforcement_spares_state_agencies():
    case = news_case()
    w = case.world
    w.law(case.state, "prohibits_287g", binds="local_enforcement", inst_kind="statute")
    w.partnership(case.state_police, w.jem())
    w.partnership(case.police, w.jem())
    (found,) = run("STATE-001", w.snapshot())
    assert found.agency_id == case.police


def test_state_conditions_on_287g_name_every_active_agreement_for_review():
    case = news_case()
    w = case.world
    w.law(case.state, "conditions_287g", binds="all_law_enforcement", inst_kind="statute",
          quote="Synthetic: an agreement must be in writing and include the listed conditions.",
          inst_effective_on=date(2026, 4, 1))
    w.partnership(case.sheriff, w.tfm(), signed_on=date(2025, 6, 1))
    w.partnership(case.police, w.tfm(), status="pending", signed_on=None)
    (found,) = run("STATE-004", w.snapshot())
    assert found.agency_id == case.sheriff
    assert found.severity == Severity.MEDIUM
    assert "must be in writing" in found.explanation
    assert "not recorded as meeting these conditions" in found.explanation
    assert run("STATE-001", w.snapshot()) == []


def test_state_conditions_on_287g_are_silent_before_they_take_effect():
    case = news_case()
    w = case.world
    w.law(case.state, "conditions_287g", binds="all_law_enforcement", inst_kind="statute",
          inst_status="enacted", inst_effective_on=date(2026, 10, 1))
    w.partnership(case.sheriff, w.tfm())
    assert run("STATE-004", w.snapshot()) == []
