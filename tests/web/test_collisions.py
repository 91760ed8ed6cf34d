"""Where the collisions are: the page and the selector a command can call."""

from __future__ import annotations

import datetime

from django.test import Client
from django.utils import timezone

from tests.api.builders import World, build_world, make_flag
from tracker.conflicts.choices import FlagStatus
from tracker.conflicts.models import FlagEvent
from tracker.conflicts.selectors import collisions as collisions_table


def _event(flag, on: datetime.date, to: str, before: str = "") -> None:  # type: ignore[no-untyped-def]
    at = timezone.make_aware(datetime.datetime.combine(on, datetime.time(12)))
    FlagEvent.objects.create(flag=flag, at=at, from_status=before, to_status=to, reason="Synthetic.")


def test_open_flags_are_grouped_by_state_and_rule_with_agencies(world: World) -> None:
    make_flag(world.state, agency=world.objects["patrol"])
    make_flag(world.city, rule_id="IMM-001", agency=world.objects["police"])
    make_flag(world.city, rule_id="RET-001", status=FlagStatus.DISMISSED)
    rows = [r.as_dict() for r in collisions_table()]
    assert rows == [
        {"state": "ZQ", "state_name": "Synthetic State ZQ", "rule_id": "FR-FED-001",
         "rule_title": rows[0]["rule_title"], "severity": "S4 Critical", "max_severity": 40, "flags": 2,
         "agencies": ["Synthetic County Sheriff's Office", "Synthetic State Patrol"]},
        {"state": "ZQ", "state_name": "Synthetic State ZQ", "rule_id": "IMM-001",
         "rule_title": rows[1]["rule_title"], "severity": "S4 Critical", "max_severity": 40, "flags": 1,
         "agencies": ["Synthetic City Police Department"]},
    ]
    assert rows[0]["rule_title"] != "FR-FED-001"  # the registered title, not the id


def test_state_filter_keeps_one_state(world: World) -> None:
    other = build_world("ZR")
    assert {r.state for r in collisions_table()} == {"ZQ", "ZR"}
    assert {r.state for r in collisions_table(state="zr")} == {"ZR"}
    assert other.objects["flag"].jurisdiction.state.postal_code == "ZR"


def test_collisions_page_shows_the_table_to_anyone(client: Client, world: World) -> None:
    response = client.get("/collisions/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<td>Synthetic State ZQ (ZQ)</td>" in html and "Synthetic County Sheriff&#x27;s Office" in html
    assert "1 open flag in 1 state." in html
    assert '<label for="id_as_of">As of</label>' in html and '<label for="id_state">State</label>' in html


def test_collisions_page_filters_by_state_and_date(client: Client, world: World) -> None:
    build_world("ZR")
    html = client.get("/collisions/", {"state": "ZR"}).content.decode()
    assert "(ZR)" in html and "(ZQ)</td>" not in html
    html = client.get("/collisions/", {"as_of": "2000-01-01"}).content.decode()
    assert "No open flags" in html and "as they stood on 2000-01-01" in html
