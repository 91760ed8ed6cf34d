"""Atom feeds of flag changes per state, rule and place: public, capped, newest first, cached for anonymous readers."""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from tests.api.builders import World, make_flag
from tracker.common.public_cache import HEADER
from tracker.conflicts.choices import FlagStatus, Severity
from tracker.conflicts.models import Flag, FlagEvent
from tracker.conflicts.services import flag_assign, flag_note_add, flag_transition
from tracker.web.feeds import LIMIT

ATOM = "{http://www.w3.org/2005/Atom}"
CANARY = "synthetic-canary-feed-4b1e"


def event(flag: Flag, to: str, *, before: str = "", minutes_ago: int = 0, reason: str = "") -> FlagEvent:
    """A status change as the engine or a reviewer records it."""
    at = timezone.now() - datetime.timedelta(minutes=minutes_ago)
    return FlagEvent.objects.create(flag=flag, at=at, from_status=before, to_status=to, reason=reason)


def entries(response) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    """Each entry's title, link, id and summary."""
    root = ET.fromstring(response.content)  # noqa: S314 - our own answer, not untrusted input
    return [
        {
            "title": e.findtext(f"{ATOM}title") or "",
            "link": e.find(f"{ATOM}link").get("href"),  # type: ignore[union-attr]
            "id": e.findtext(f"{ATOM}id") or "",
            "summary": e.findtext(f"{ATOM}summary") or "",
        }
        for e in root.iter(f"{ATOM}entry")
    ]


def state_feed(world: World) -> str:
    return f"/feeds/state/{world.state.geoid}/"


def test_a_new_flag_is_an_atom_entry_linking_its_page_with_severity_place_and_agency(
    client: Client, world: World
) -> None:
    flag = world.objects["flag"]
    event(flag, FlagStatus.NEW)
    response = client.get(state_feed(world))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    [entry] = entries(response)
    assert entry["title"].startswith(f"New flag: FR-FED-001 #{flag.pk} in Synthetic City")
    assert "Critical (S4)" in entry["title"]
    assert entry["link"].endswith(f"/flags/{flag.pk}/")
    assert "Jurisdiction: Synthetic City" in entry["summary"]
    assert "Agency: Synthetic County Sheriff's Office" in entry["summary"]


def test_reopened_stale_and_reviewed_flags_are_listed_newest_first_and_assignments_are_not(
    client: Client, world: World, reviewer
) -> None:  # type: ignore[no-untyped-def]
    flag = world.objects["flag"]
    event(flag, FlagStatus.NEW, minutes_ago=30)
    event(flag, FlagStatus.STALE, before=FlagStatus.NEW, minutes_ago=20)
    event(flag, FlagStatus.NEW, before=FlagStatus.STALE, minutes_ago=10)
    flag.refresh_from_db()
    flag = flag_transition(flag=flag, to=FlagStatus.IN_REVIEW, by=reviewer, expected_version=flag.version)
    flag_assign(flag=flag, assignee=reviewer, by=reviewer, expected_version=flag.version)
    titles = [e["title"].split(":")[0] for e in entries(client.get(state_feed(world)))]
    assert titles == ["New → In review", "Reopened", "Went stale (its facts no longer hold)", "New flag"]


def test_each_change_has_its_own_entry_id(client: Client, world: World) -> None:
    flag = world.objects["flag"]
    event(flag, FlagStatus.NEW, minutes_ago=5)
    event(flag, FlagStatus.STALE, before=FlagStatus.NEW)
    ids = [e["id"] for e in entries(client.get(state_feed(world)))]
    assert len(set(ids)) == 2


def test_a_feed_holds_at_most_the_latest_fifty_changes_newest_first(client: Client, world: World) -> None:
    flag = world.objects["flag"]
    made = [
        event(flag, FlagStatus.IN_REVIEW, before=FlagStatus.NEW, minutes_ago=minutes) for minutes in range(LIMIT + 5)
    ]
    found = entries(client.get(state_feed(world)))
    assert len(found) == LIMIT
    assert found[0]["id"].endswith(f"#change-{made[0].pk}")
    assert found[-1]["id"].endswith(f"#change-{made[LIMIT - 1].pk}")


def test_reasons_notes_and_reviewers_never_reach_a_feed(
    client: Client, reviewer_client: Client, world: World, reviewer
) -> None:  # type: ignore[no-untyped-def]
    flag = world.objects["flag"]
    flag = flag_transition(flag=flag, to=FlagStatus.IN_REVIEW, by=reviewer, expected_version=flag.version)
    flag_transition(
        flag=flag, to=FlagStatus.DISMISSED, by=reviewer, reason=f"{CANARY} reason", expected_version=flag.version
    )
    flag_note_add(flag=flag, author=reviewer, text=f"{CANARY} note")
    for path in (state_feed(world), f"/feeds/rule/{flag.rule_id}/", f"/feeds/place/{world.city.ocd_id}/"):
        for reader in (client, reviewer_client):
            body = reader.get(path).content.decode()
            assert "Dismissed" in body
            assert CANARY not in body
            assert reviewer.get_username() not in body


def test_the_rule_feed_lists_only_that_rules_flags(client: Client, world: World) -> None:
    other = make_flag(world.city, rule_id="IMM-001", severity=Severity.LOW)
    event(world.objects["flag"], FlagStatus.NEW)
    event(other, FlagStatus.NEW)
    titles = [e["title"] for e in entries(client.get("/feeds/rule/IMM-001/"))]
    assert len(titles) == 1 and f"#{other.pk}" in titles[0] and "Low (S1)" in titles[0]


def test_the_place_feed_lists_what_its_dossier_counts_and_not_other_places(client: Client, world: World) -> None:
    here = world.objects["flag"]
    elsewhere = make_flag(world.other_city, agency=world.objects["far_police"])
    event(here, FlagStatus.NEW)
    event(elsewhere, FlagStatus.NEW)
    county = entries(client.get(f"/feeds/place/{world.county.ocd_id}/"))
    assert [f"#{here.pk} " in e["title"] for e in county] == [True]
    assert len(entries(client.get(state_feed(world)))) == 2


@pytest.mark.parametrize(
    "path", ["/feeds/state/00/", "/feeds/rule/NO-SUCH-999/", "/feeds/place/ocd-division/country:us/state:zz/"]
)
def test_an_unknown_state_rule_or_place_gets_the_sites_404_page(client: Client, world: World, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    assert b"<!doctype html>" in response.content.lower()


def test_a_feed_answers_in_three_queries(client: Client, world: World, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    for flag in [world.objects["flag"], *(make_flag(world.city, rule_id=f"SYN-{n}") for n in range(5))]:
        event(flag, FlagStatus.NEW)
    # 1. the state by GEOID; 2. the ids of the places in it (one UNION); 3. the latest status changes with their
    # flag, place and agency.
    with django_assert_num_queries(3):
        assert len(entries(client.get(state_feed(world)))) == 6


def test_anonymous_feeds_are_shared_through_the_cache_and_retired_by_a_review(  # type: ignore[no-untyped-def]
    client: Client, world: World, reviewer, settings, django_capture_on_commit_callbacks
) -> None:
    settings.PUBLIC_CACHE_SECONDS = 300
    cache.clear()
    flag = world.objects["flag"]
    event(flag, FlagStatus.NEW)
    first = client.get(state_feed(world))
    assert first[HEADER] == "miss" and not first.cookies
    assert client.get(state_feed(world))[HEADER] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        flag_transition(flag=flag, to=FlagStatus.IN_REVIEW, by=reviewer, expected_version=flag.version)
    fresh = client.get(state_feed(world))
    assert fresh[HEADER] == "miss"
    assert "New → In review" in fresh.content.decode()
