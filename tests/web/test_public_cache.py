"""Anonymous answers are shared through the cache, retired by every committed write, and never private."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client

from tests.api.builders import World
from tests.factories.sources import SourceFactory
from tracker.common.public_cache import HEADER
from tracker.conflicts.choices import FlagStatus
from tracker.conflicts.engine import sweep
from tracker.conflicts.services import flag_note_add, flag_transition

CANARY = "synthetic-canary-7f3a-private-note"


@pytest.fixture(autouse=True)
def _shared_answers(settings) -> None:  # type: ignore[no-untyped-def]
    settings.PUBLIC_CACHE_SECONDS = 300
    cache.clear()


def _dossier(world: World) -> str:
    return f"/j/{world.city.ocd_id}/"


def test_a_second_anonymous_visit_is_answered_from_the_cache_without_queries(  # type: ignore[no-untyped-def]
    client: Client, world: World, django_assert_num_queries
) -> None:
    first = client.get(_dossier(world))
    assert first[HEADER] == "miss"
    with django_assert_num_queries(0):
        second = client.get(_dossier(world))
    assert second[HEADER] == "hit"
    assert second.content == first.content
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_api_answers_are_kept_apart_by_query_string_and_accept_header(client: Client, world: World) -> None:
    flags = client.get("/api/flags/?rule=FR-FED-001", HTTP_ACCEPT="application/json")
    assert flags[HEADER] == "miss"
    assert client.get("/api/flags/?rule=IMM-001", HTTP_ACCEPT="application/json")[HEADER] == "miss"
    browsable = client.get("/api/flags/?rule=FR-FED-001", HTTP_ACCEPT="text/html")
    assert browsable.get(HEADER) != "hit" and browsable["Content-Type"].startswith("text/html")
    assert client.get("/api/flags/?rule=FR-FED-001", HTTP_ACCEPT="application/json").json() == flags.json()


def test_a_committed_review_retires_the_cached_answers(  # type: ignore[no-untyped-def]
    client: Client, world: World, reviewer, django_capture_on_commit_callbacks
) -> None:
    flag = world.objects["flag"]
    url = f"/flags/{flag.pk}/"
    assert client.get(url)[HEADER] == "miss"
    assert client.get(url)[HEADER] == "hit"
    assert "In review" not in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        flag_transition(flag=flag, to=FlagStatus.IN_REVIEW, by=reviewer, expected_version=flag.version)
    fresh = client.get(url)
    assert fresh[HEADER] == "miss"
    assert "In review" in fresh.content.decode()


def test_a_sweep_retires_the_cached_answers(  # type: ignore[no-untyped-def]
    client: Client, world: World, django_capture_on_commit_callbacks
) -> None:
    client.get("/")
    with django_capture_on_commit_callbacks(execute=True):
        sweep()
    assert client.get("/")[HEADER] == "miss"


def test_a_write_rolled_back_retires_nothing(client: Client, world: World) -> None:
    client.get("/")
    sweep()  # inside the test's transaction: its commit hook never runs
    assert client.get("/")[HEADER] == "hit"


def test_signed_in_visits_are_neither_served_nor_stored(  # type: ignore[no-untyped-def]
    client: Client, world: World, reviewer
) -> None:
    flag = world.objects["flag"]
    flag_note_add(flag=flag, author=reviewer, text=CANARY)
    url = f"/flags/{flag.pk}/"
    signed_in = Client()
    signed_in.force_login(reviewer)
    for _ in range(2):
        page = signed_in.get(url)
        assert CANARY in page.content.decode() and HEADER not in page
    public = client.get(url)
    assert public[HEADER] == "miss" and CANARY not in public.content.decode()


def test_token_requests_bypass_the_cache(client: Client, world: World) -> None:
    client.get("/api/flags/")
    assert HEADER not in client.get("/api/flags/", HTTP_AUTHORIZATION="Token synthetic-not-a-token")


def test_an_answer_that_sets_a_cookie_is_not_stored(client: Client, world: World) -> None:
    sign_in = client.get("/login/")
    assert sign_in.cookies  # the CSRF cookie of this visitor
    assert HEADER not in sign_in
    assert HEADER not in Client().get("/login/")


def test_errors_are_not_stored(client: Client, world: World) -> None:
    assert client.get("/j/ocd-division/country:us/state:zz/").status_code == 404
    assert HEADER not in client.get("/j/ocd-division/country:us/state:zz/")


def test_off_when_the_setting_is_zero(client: Client, world: World, settings) -> None:  # type: ignore[no-untyped-def]
    settings.PUBLIC_CACHE_SECONDS = 0
    client.get("/")
    assert HEADER not in client.get("/")


def test_an_edit_that_owes_no_sweep_still_retires_the_cached_answers(  # type: ignore[no-untyped-def]
    client: Client, world: World, editor, django_capture_on_commit_callbacks
) -> None:
    from rest_framework.test import APIClient

    source = SourceFactory()
    url = f"/api/sources/{source.key}/"
    assert client.get(url)[HEADER] == "miss"
    assert client.get(url)[HEADER] == "hit"
    writer = APIClient()
    writer.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        changed = writer.patch(url, {"title": "Synthetic corrected title"}, format="json")
    assert changed.status_code == 200, changed.content
    fresh = client.get(url)
    assert fresh[HEADER] == "miss" and fresh.json()["title"] == "Synthetic corrected title"
