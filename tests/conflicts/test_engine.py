"""The sweep: idempotent upserts, staleness, dismissals, as-of dates and fixed query counts."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories.conflicts import city_case, jail_program, join, task_force_program
from tests.factories.places import StateFactory
from tracker.conflicts.choices import FlagStatus, Relation
from tracker.conflicts.engine import sweep
from tracker.conflicts.models import Flag
from tracker.conflicts.services import flag_transition
from tracker.laws.choices import InstrumentStatus

pytestmark = pytest.mark.django_db
TODAY = date(2026, 6, 1)


def test_sheriff_in_task_force_inside_ban_city_raises_fr_fed_001_operating_within():
    case = city_case()
    join(case.sheriff, task_force_program())
    summary = sweep(as_of=TODAY)
    flag = Flag.objects.get(rule_id="FR-FED-001")
    assert summary.new == summary.found >= 1
    assert (flag.jurisdiction, flag.agency, flag.relation) == (case.city, case.sheriff, Relation.OPERATES_WITHIN)
    assert flag.events.get().to_status == FlagStatus.NEW


def test_same_sheriff_in_the_jail_model_raises_nothing():
    case = city_case()
    join(case.sheriff, jail_program())
    sweep(as_of=TODAY)
    assert not Flag.objects.filter(rule_id="FR-FED-001").exists()


def test_a_second_sweep_changes_nothing():
    case = city_case()
    join(case.sheriff, task_force_program())
    first = sweep(as_of=TODAY)
    second = sweep(as_of=TODAY)
    assert Flag.objects.count() == first.found
    assert (second.new, second.unchanged, second.stale) == (0, first.found, 0)


def test_a_flag_whose_facts_vanish_becomes_stale_and_is_kept():
    case = city_case()
    partnership = join(case.sheriff, task_force_program())
    sweep(as_of=TODAY)
    partnership.status, partnership.ended_on = "ended", date(2026, 5, 1)
    partnership.save()
    summary = sweep(as_of=TODAY)
    flag = Flag.objects.get(rule_id="FR-FED-001")
    assert summary.stale == 1
    assert flag.status == FlagStatus.STALE
    assert flag.events.last().to_status == FlagStatus.STALE


def test_dismissed_flag_stays_dismissed_until_its_evidence_changes_then_reopens(editor):
    case = city_case()
    join(case.sheriff, task_force_program())
    sweep(as_of=TODAY)
    flag = Flag.objects.get(rule_id="FR-FED-001")
    flag = flag_transition(flag=flag, to=FlagStatus.IN_REVIEW, by=editor, expected_version=flag.version)
    flag_transition(flag=flag, to=FlagStatus.DISMISSED, by=editor, reason="Synthetic reason",
                    expected_version=flag.version)
    sweep(as_of=TODAY)
    assert Flag.objects.get(pk=flag.pk).status == FlagStatus.DISMISSED
    case.ban.quote = "Synthetic: no department shall use face recognition or information derived from it."
    case.ban.save()
    summary = sweep(as_of=TODAY)
    flag.refresh_from_db()
    assert summary.reopened == 1
    assert flag.status == FlagStatus.NEW
    last = flag.events.last()
    assert (last.from_status, last.to_status) == (FlagStatus.DISMISSED, FlagStatus.NEW)
    assert "provision.quote" in last.reason


def test_flags_depend_on_the_as_of_date_of_the_law_and_the_agreement():
    case = city_case()
    instrument = case.ban.instrument
    instrument.status, instrument.effective_on = InstrumentStatus.IN_FORCE, date(2026, 1, 1)
    instrument.save()
    join(case.sheriff, task_force_program(), signed_on=date(2025, 3, 1), status="ended", ended_on=date(2026, 5, 18))
    assert sweep(as_of=date(2025, 12, 31), rule_ids=["FR-FED-001"]).found == 0
    assert sweep(as_of=date(2026, 3, 1), rule_ids=["FR-FED-001"]).found == 1
    after = sweep(as_of=date(2026, 5, 18), rule_ids=["FR-FED-001"])
    assert (after.found, after.stale) == (0, 1)


def test_full_sweep_restricted_to_a_city_equals_a_sweep_of_that_city_alone():
    state = StateFactory()
    program = task_force_program()
    cases = [city_case(state) for _ in range(3)]
    for case in cases:
        join(case.sheriff, program)
        join(case.police, program)
    sweep(as_of=TODAY)
    target = cases[1].city
    full = set(Flag.objects.filter(jurisdiction=target).values_list("fingerprint", "severity", "evidence_hash"))
    Flag.objects.all().delete()
    sweep([target.id], as_of=TODAY)
    alone = set(Flag.objects.values_list("fingerprint", "severity", "evidence_hash"))
    assert full == alone
    assert len(alone) == 2


def _steady_sweep_queries(n: int) -> int:
    state = StateFactory()
    program = task_force_program()
    for _ in range(n):
        join(city_case(state).sheriff, program)
    sweep(as_of=TODAY)
    with CaptureQueriesContext(connection) as ctx:
        summary = sweep(as_of=TODAY)
    assert summary.unchanged == summary.found >= n
    return len(ctx.captured_queries)


def test_full_sweep_query_count_does_not_grow_with_jurisdictions():
    # savepoint, (PostgreSQL: advisory lock), 20 snapshot loads, existing flags, one UPDATE of the flags
    # seen again, release.
    one = _steady_sweep_queries(1)
    Flag.objects.all().delete()
    fifty = _steady_sweep_queries(50)
    assert one == fifty == 25 + (connection.vendor == "postgresql")
