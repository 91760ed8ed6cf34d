"""Loading snapshots: the pure partnership helper agrees with the queryset; queries stay fixed."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories.conflicts import city_case, join, task_force_program
from tests.factories.partnerships import PartnershipFactory
from tests.factories.places import StateFactory
from tracker.conflicts.loader import build_snapshot
from tracker.partnerships.models import Partnership
from tracker.partnerships.querysets import active_on

pytestmark = pytest.mark.django_db

CASES = [
    {"status": "active", "signed_on": date(2025, 1, 1)},
    {"status": "active", "signed_on": date(2026, 9, 1)},
    {"status": "active", "signed_on": None, "first_seen_on": date(2025, 7, 18)},
    {"status": "active", "signed_on": None, "first_seen_on": None},
    {"status": "ended", "signed_on": date(2024, 1, 1), "ended_on": date(2026, 5, 18)},
    {"status": "ended", "signed_on": date(2024, 1, 1), "ended_on": date(2026, 7, 1)},
    {"status": "ended", "signed_on": None, "ended_on": date(2026, 7, 1)},
    {"kind": "application", "status": "pending", "signed_on": None},
    {"kind": "application", "status": "ended", "signed_on": None, "first_seen_on": date(2025, 5, 15),
     "ended_on": date(2026, 5, 18)},
]


@pytest.mark.parametrize("on", [date(2025, 6, 1), date(2026, 6, 1), date(2027, 1, 1)])
def test_partnership_helper_agrees_with_the_active_queryset(on):
    for fields in CASES:
        PartnershipFactory(**fields)
    by_queryset = set(Partnership.objects.active(on=on).values_list("id", flat=True))
    by_helper = {
        p.id for p in Partnership.objects.all()
        if active_on(p, on)
    }
    assert by_helper == by_queryset


def _queries(ids):  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as ctx:
        build_snapshot(ids, date(2026, 6, 1))
    return len(ctx.captured_queries)


def test_snapshot_queries_do_not_grow_with_the_number_of_jurisdictions():
    state = StateFactory()
    program = task_force_program()
    cases = [city_case(state) for _ in range(12)]
    for case in cases:
        join(case.sheriff, program)
    # 20 loads (jurisdictions, county links, agencies, coverage, instruments + sources, provisions + sources,
    # bound agencies, exceptions, programs, capabilities + sources, partnerships + sources, deployments +
    # sources, approvals, sharing arrangements + sources); a scoped load adds 2 to resolve the scope.
    assert _queries(None) == 21
    assert _queries([cases[0].city.id]) == _queries([c.city.id for c in cases]) == 23


def test_scoped_snapshot_holds_what_evaluating_the_city_needs():
    case = city_case()
    join(case.sheriff, task_force_program())
    snap = build_snapshot([case.city.id], date(2026, 6, 1))
    assert {case.city.id, case.county.id, case.state.id} <= set(snap.jurisdictions)
    assert {case.police.id, case.sheriff.id} <= set(snap.agencies)
    assert snap.operating_in(case.city.id).keys() == {case.police.id, case.sheriff.id}
