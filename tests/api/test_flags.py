"""Flags: public reads, reviewer-only trail and notes, review actions with optimistic concurrency."""

import pytest

from tests.api.builders import build_world
from tracker.conflicts.models import FlagNote

pytestmark = pytest.mark.django_db


@pytest.fixture
def flag():  # type: ignore[no-untyped-def]
    return build_world().objects["flag"]


def act(client, flag, action, **data):  # type: ignore[no-untyped-def]
    return client.post(f"/api/flags/{flag.pk}/{action}/", data, format="json")


def test_anyone_reads_a_flag_without_its_assignee(anon, flag, api_reviewer) -> None:
    flag.assignee = api_reviewer
    flag.save()
    body = anon.get(f"/api/flags/{flag.pk}/").json()
    assert body["rule_id"] == "FR-FED-001"
    assert body["evidence"] == {"synthetic": True}
    assert body["assignee"] is None


def test_a_reviewer_sees_the_assignee(reviewer_client, flag, api_reviewer) -> None:
    flag.assignee = api_reviewer
    flag.save()
    assert reviewer_client.get(f"/api/flags/{flag.pk}/").json()["assignee"] == "synthetic-reviewer"


@pytest.mark.parametrize("path", ["trail", "notes"])
def test_trail_and_notes_are_refused_to_anonymous_and_editors(anon, editor_client, flag, path) -> None:
    assert anon.get(f"/api/flags/{flag.pk}/{path}/").status_code == 401
    assert editor_client.get(f"/api/flags/{flag.pk}/{path}/").status_code == 403


def test_a_review_walks_through_the_workflow_and_leaves_a_trail(reviewer_client, flag) -> None:
    response = act(reviewer_client, flag, "start-review", expected_version=1)
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "in_review"
    response = act(reviewer_client, flag, "confirm", expected_version=2, reason="Synthetic: the ban binds them.")
    assert response.json()["status"] == "confirmed"
    response = act(reviewer_client, flag, "resolve", expected_version=3)
    assert response.json()["status"] == "resolved"
    trail = reviewer_client.get(f"/api/flags/{flag.pk}/trail/").json()
    assert [(e["from_status"], e["to_status"]) for e in trail] == [
        ("new", "in_review"), ("in_review", "confirmed"), ("confirmed", "resolved")
    ]
    assert trail[0]["by"] == "synthetic-reviewer"


def test_a_stale_version_gets_409_with_the_current_state(reviewer_client, flag) -> None:
    act(reviewer_client, flag, "start-review", expected_version=1)
    response = act(reviewer_client, flag, "dismiss", expected_version=1, reason="Synthetic reason")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "conflict"
    assert response.json()["current"]["status"] == "in_review"
    assert response.json()["current"]["version"] == 2


def test_an_invalid_transition_is_a_400(reviewer_client, flag) -> None:
    response = act(reviewer_client, flag, "resolve", expected_version=1)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_transition"


def test_a_dismissal_needs_a_reason(reviewer_client, flag) -> None:
    act(reviewer_client, flag, "start-review", expected_version=1)
    response = act(reviewer_client, flag, "dismiss", expected_version=2)
    assert response.status_code == 400
    assert "reason" in response.json()["error"]["fields"]


def test_a_flag_is_assigned_to_a_reviewer_only(reviewer_client, flag, api_editor) -> None:
    response = act(reviewer_client, flag, "assign", expected_version=1, assignee="synthetic-editor")
    assert response.status_code == 400
    response = act(reviewer_client, flag, "assign", expected_version=1, assignee="synthetic-reviewer")
    assert response.status_code == 200
    assert response.json()["assignee"] == "synthetic-reviewer"


@pytest.mark.parametrize("action", ["assign", "start-review", "confirm", "dismiss", "resolve", "notes"])
def test_review_actions_are_refused_to_anonymous_and_editors(anon, editor_client, flag, action) -> None:
    assert act(anon, flag, action, expected_version=1).status_code == 401
    assert act(editor_client, flag, action, expected_version=1).status_code == 403


def test_an_admin_may_act_on_flags(admin_api_client, flag) -> None:
    assert act(admin_api_client, flag, "start-review", expected_version=1).status_code == 200


def test_a_note_is_added_and_read_by_reviewers_only(reviewer_client, anon, flag) -> None:
    response = act(reviewer_client, flag, "notes", text="CANARY-synthetic-note")
    assert response.status_code == 201
    assert FlagNote.objects.get().author.username == "synthetic-reviewer"
    assert reviewer_client.get(f"/api/flags/{flag.pk}/notes/").json()[0]["text"] == "CANARY-synthetic-note"
    for url in (f"/api/flags/{flag.pk}/", "/api/flags/", "/api/flags/?format=csv",
                f"/api/jurisdictions/{flag.jurisdiction.ocd_id}/dossier/"):
        response = anon.get(url)
        content = b"".join(response.streaming_content) if response.streaming else response.content
        assert b"CANARY" not in content


def test_an_action_on_a_missing_flag_is_a_404(reviewer_client) -> None:
    response = reviewer_client.post("/api/flags/999999/start-review/", {"expected_version": 1}, format="json")
    assert response.status_code == 404
