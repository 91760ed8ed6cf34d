"""Only editors change facts; each write is recorded in the history with its user and reason."""

import pytest

from tests.api.builders import build_world
from tests.factories.sources import SourceFactory
from tracker.laws.models import Instrument

pytestmark = pytest.mark.django_db


def new_instrument(world, **extra):  # type: ignore[no-untyped-def]
    return {"key": "synthetic-new-ordinance", "jurisdiction": world.city.ocd_id, "kind": "ordinance",
            "title": "Synthetic new ordinance", "citation": "Synthetic Code § 99", "status": "proposed", **extra}


def test_anonymous_writes_get_401(anon) -> None:
    world = build_world()
    assert anon.post("/api/instruments/", new_instrument(world), format="json").status_code == 401


@pytest.mark.parametrize("persona", ["plain_user", "api_reviewer"])
def test_signed_in_non_editors_get_403(request, persona) -> None:
    from tests.api.conftest import client_for

    world = build_world()
    client = client_for(request.getfixturevalue(persona))
    response = client.post("/api/instruments/", new_instrument(world), format="json")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"


@pytest.mark.parametrize("persona", ["api_editor", "api_admin"])
def test_editors_and_admins_create_facts(request, persona) -> None:
    from tests.api.conftest import client_for

    world = build_world()
    response = client_for(request.getfixturevalue(persona)).post(
        "/api/instruments/", new_instrument(world), format="json"
    )
    assert response.status_code == 201, response.content
    assert Instrument.objects.filter(key="synthetic-new-ordinance").exists()


def test_a_write_is_recorded_with_its_user_and_reason(editor_client, api_editor) -> None:
    world = build_world()
    source = SourceFactory()
    ban = world.objects["city_ban"]
    response = editor_client.patch(
        f"/api/instruments/{ban.key}/",
        {"status": "repealed", "repealed_on": "2024-05-01", "change_reason": "Synthetic repeal", "source_keys": [source.key]},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert [s["key"] for s in response.json()["sources"]] == [source.key]
    latest = ban.history.filter(status="repealed").first()
    assert latest.history_user == api_editor
    assert latest.history_change_reason == "Synthetic repeal"


def test_a_write_without_a_reason_gets_the_default_reason(editor_client) -> None:
    source = SourceFactory()
    editor_client.patch(f"/api/sources/{source.key}/", {"title": "Synthetic corrected title"}, format="json")
    assert source.history.first().history_change_reason == "Changed through the API"


def test_a_write_breaking_a_database_constraint_is_a_400(editor_client) -> None:
    world = build_world()
    response = editor_client.patch(
        f"/api/instruments/{world.objects['city_ban'].key}/", {"repealed_on": "1999-01-01"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"


def test_a_second_active_partnership_of_the_same_agency_and_program_is_a_400(editor_client) -> None:
    world = build_world()
    existing = world.objects["sheriff_tfm"]
    response = editor_client.post(
        "/api/partnerships/", {"agency_id": existing.agency_id, "program": "287g-tfm", "status": "active"},
        format="json",
    )
    assert response.status_code == 400


def test_facts_cannot_be_deleted(editor_client) -> None:
    source = SourceFactory()
    assert editor_client.delete(f"/api/sources/{source.key}/").status_code == 405


def test_read_only_resources_refuse_writes_even_to_editors(editor_client) -> None:
    build_world()
    assert editor_client.post("/api/programs/", {"code": "x"}, format="json").status_code == 405
    # Rules live in code: no role may write them, so the permission refuses before the method check.
    assert editor_client.post("/api/rules/", {}, format="json").status_code == 403


def test_the_review_note_of_an_agency_is_for_reviewers_only(anon, editor_client, reviewer_client) -> None:
    world = build_world()
    sheriff = world.objects["sheriff"]
    sheriff.review_note = "Synthetic private note"
    sheriff.save()
    url = f"/api/agencies/{sheriff.pk}/"
    assert anon.get(url).json()["review_note"] is None
    assert editor_client.get(url).json()["review_note"] is None
    assert reviewer_client.get(url).json()["review_note"] == "Synthetic private note"


def test_a_nul_character_anywhere_in_a_body_is_a_400_not_a_500(editor_client) -> None:
    world = build_world()
    body = new_instrument(world, jurisdiction="ocd-division/country:us/state:zq\x00", title="Synthetic\x00title")
    response = editor_client.post("/api/instruments/", body, format="json")
    assert response.status_code == 400
    assert "Null characters are not allowed" in response.content.decode()
    assert not Instrument.objects.filter(key="synthetic-new-ordinance").exists()
