"""Every page runs a fixed number of queries, whether it shows one row or many."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client

from tests.api.builders import World, make_flag
from tests.factories.laws import InstrumentFactory, ProvisionFactory
from tests.factories.partnerships import PartnershipFactory
from tests.factories.places import AgencyCoverageFactory, AgencyFactory
from tests.factories.sources import SourceFactory
from tracker.conflicts.services import flag_assign, flag_note_add
from tracker.laws.models import InstrumentEvent

#: Query budgets of anonymous pages (collisions: the open flags, their states' names, the rule registry is in memory;
#: search: the states, then for each of places, agencies, laws and flags a page of ids ranked and counted on its
#: rows, and that page's rows read by id, and the homes of the agencies and the agencies of the flags on those pages;
#: dossier: its law, agencies and flags, the research on file at each level, the counties it lies in (read once,
#: then handed on), and the ids its agencies and flags are read by (the places inside in one UNION, the agencies
#: operating there or at home inside in another: indexed reads, each cheaper than the scans the same sets cost as
#: subqueries); the flags' agencies, provisions, other provisions, sharing arrangements and assignees are read by id,
#: each only when a flag has one;
#: flag: the flag, its cited sources' kinds, the agency's other flags under the same provision).
BUDGETS = {"home": 5, "state": 5, "search": 11, "dossier": 21, "flag": 3, "collisions": 2}
#: A signed-in request adds six (session read and save, user, groups); the flag page adds trail, notes and reviewers.
REVIEWER_BUDGETS = {"home": 11, "dossier": 27, "flag": 12, "queue": 11}


def _grow(world: World, reviewer, n: int = 12) -> None:  # type: ignore[no-untyped-def]
    """Many more rows of every kind on the same city."""
    tfm = world.objects["tfm"]
    for i in range(n):
        agency = AgencyFactory(home=world.city, name=f"Synthetic Extra Agency {i}")
        AgencyCoverageFactory(agency=agency)
        part = PartnershipFactory(agency=agency, program=tfm, signed_on=datetime.date(2025, 1, 1 + i))
        part.sources.add(SourceFactory())
        inst = InstrumentFactory(jurisdiction=world.city, title=f"Synthetic Extra Ordinance {i}")
        inst.sources.add(SourceFactory())
        ProvisionFactory(instrument=inst).sources.add(SourceFactory())
        InstrumentEvent.objects.create(instrument=inst, kind="amended", occurred_on=datetime.date(2022, 1, 1 + i))
        flag = make_flag(world.city, agency=agency, partnership=part)
        flag_assign(flag=flag, assignee=reviewer, by=reviewer, expected_version=1)
        flag_note_add(flag=world.objects["flag"], author=reviewer, text=f"Synthetic note {i}")


def _urls(world: World) -> dict[str, str]:
    return {
        "home": "/", "state": "/map/56/", "search": "/search/?q=synthetic", "dossier": f"/j/{world.city.ocd_id}/",
        "flag": f"/flags/{world.objects['flag'].pk}/", "collisions": "/collisions/?state=ZQ", "queue": "/review/",
    }


@pytest.mark.parametrize("grow", [False, True], ids=["few rows", "many rows"])
def test_public_pages_stay_within_their_query_budget(
    client: Client, world: World, reviewer, grow: bool, django_assert_max_num_queries  # type: ignore[no-untyped-def]
) -> None:
    if grow:
        _grow(world, reviewer)
    urls = _urls(world)
    client.get("/")  # warm the map geometry cache outside the measurement
    for page, budget in BUDGETS.items():
        with django_assert_max_num_queries(budget):
            assert client.get(urls[page]).status_code == 200, page


@pytest.mark.parametrize("grow", [False, True], ids=["few rows", "many rows"])
def test_reviewer_pages_stay_within_their_query_budget(
    reviewer_client: Client, world: World, reviewer, grow: bool, django_assert_max_num_queries  # type: ignore[no-untyped-def]
) -> None:
    if grow:
        _grow(world, reviewer)
    urls = _urls(world)
    for page, budget in REVIEWER_BUDGETS.items():
        with django_assert_max_num_queries(budget):
            assert reviewer_client.get(urls[page]).status_code == 200, page
