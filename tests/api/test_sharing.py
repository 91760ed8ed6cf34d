"""Data-sharing arrangements and their events: read by anyone with sources and marks, written by editors only."""

import pytest

from tests.api.builders import build_world
from tests.factories.partnerships import SharingArrangementFactory
from tracker.partnerships.models import SharingArrangement

pytestmark = pytest.mark.django_db


def new_arrangement(world, **extra):  # type: ignore[no-untyped-def]
    return {"key": "synthetic-new-network", "agency_id": world.objects["sheriff"].pk, "kind": "direct_grant",
            "technology": "alpr", "recipients": ["federal_immigration"], "first_evidence_on": "2025-05-01",
            "summary": "Synthetic: a direct grant to a federal agency.", **extra}


def test_an_arrangement_reads_by_key_with_its_events_sources_and_mark(anon) -> None:
    world = build_world()
    body = anon.get(f"/api/sharing-arrangements/{world.objects['arrangement'].key}/").json()
    assert body["agency"]["name"] == "Synthetic City Police Department"
    assert (body["kind"], body["recipients"], body["verified"]) == ("vendor_network", ["federal_immigration"], False)
    assert [e["kind"] for e in body["events"]] == ["immigration_searches_reported"]
    assert [s["key"] for s in body["events"][0]["sources"]] == [world.objects["source"].key]
    assert [s["key"] for s in body["sources"]] == [world.objects["source"].key]


def test_the_active_filter_leaves_out_an_arrangement_that_ended(anon) -> None:
    world = build_world()
    SharingArrangementFactory(agency=world.objects["police"], key="synthetic-ended", ended_on="2025-03-01")
    keys = [r["key"] for r in anon.get("/api/sharing-arrangements/?active=true").json()["results"]]
    assert keys == [world.objects["arrangement"].key]
    ended = [r["key"] for r in anon.get("/api/sharing-arrangements/?active=false").json()["results"]]
    assert ended == ["synthetic-ended"]


def test_anonymous_and_reviewers_cannot_write_an_arrangement(anon, request) -> None:
    from tests.api.conftest import client_for

    world = build_world()
    assert anon.post("/api/sharing-arrangements/", new_arrangement(world), format="json").status_code == 401
    reviewer = client_for(request.getfixturevalue("api_reviewer"))
    assert reviewer.post("/api/sharing-arrangements/", new_arrangement(world), format="json").status_code == 403
    assert not SharingArrangement.objects.filter(key="synthetic-new-network").exists()


def test_an_editor_creates_an_arrangement_recorded_with_user_and_reason(editor_client, api_editor) -> None:
    world = build_world()
    response = editor_client.post(
        "/api/sharing-arrangements/",
        new_arrangement(world, change_reason="Synthetic report", source_keys=[world.objects["source"].key]),
        format="json",
    )
    assert response.status_code == 201, response.content
    created = SharingArrangement.objects.get(key="synthetic-new-network")
    assert created.agency == world.objects["sheriff"] and created.verified is False
    first = created.history.last()
    assert (first.history_user, first.history_change_reason) == (api_editor, "Synthetic report")


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"recipients": ["federal", "synthetic-nobody"]}, "recipients"),
        ({"purposes": ["curiosity"]}, "purposes"),
        ({"kind": "telepathy"}, "kind"),
        ({"ended_on": "2025-01-01"}, "__all__"),
    ],
)
def test_bad_arrangement_input_is_a_400_naming_the_field(editor_client, extra, field) -> None:
    world = build_world()
    response = editor_client.post("/api/sharing-arrangements/", new_arrangement(world, **extra), format="json")
    assert response.status_code == 400
    assert field in str(response.json()["error"])
    assert not SharingArrangement.objects.filter(key="synthetic-new-network").exists()


def test_an_editor_records_an_event_of_an_arrangement(editor_client) -> None:
    world = build_world()
    arrangement = world.objects["arrangement"]
    response = editor_client.post("/api/sharing-events/", {
        "arrangement": arrangement.key, "kind": "federal_lookup_disabled", "occurred_on": "2025-09-02",
        "description": "Synthetic: national lookup turned off.",
    }, format="json")
    assert response.status_code == 201, response.content
    assert list(arrangement.events.values_list("kind", flat=True)) == [
        "immigration_searches_reported", "federal_lookup_disabled"
    ]
