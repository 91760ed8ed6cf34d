"""The review queue: reviewers only, filters, bulk assignment with versions."""

from __future__ import annotations

from django.test import Client

from tests.api.builders import World, make_flag
from tests.factories.places import StateFactory
from tracker.conflicts.choices import FlagStatus, Severity
from tracker.conflicts.services import flag_assign


def test_anonymous_is_sent_to_sign_in(client: Client, world: World) -> None:
    response = client.get("/review/")
    assert response.status_code == 302 and response["Location"] == "/login/?next=/review/"


def test_editor_is_forbidden(editor_client: Client, world: World) -> None:
    assert editor_client.get("/review/").status_code == 403


def test_reviewer_sees_open_flags_with_labelled_filters(reviewer_client: Client, world: World) -> None:
    make_flag(world.city, rule_id="IMM-001", status=FlagStatus.DISMISSED)
    html = reviewer_client.get("/review/").content.decode()
    assert f'/flags/{world.objects["flag"].pk}/' in html and "IMM-001" not in html.split("<tbody>", 1)[1]
    for field in ("state", "rule", "severity", "status", "assignee"):
        assert f'<label for="id_{field}">' in html


def test_queue_filters_by_rule_severity_status_state_and_assignee(
    reviewer_client: Client, world: World, reviewer  # type: ignore[no-untyped-def]
) -> None:
    low = make_flag(world.city, rule_id="IMM-001", severity=Severity.LOW)
    dismissed = make_flag(world.city, rule_id="RET-001", status=FlagStatus.DISMISSED)
    flag_assign(flag=low, assignee=reviewer, by=reviewer, expected_version=1)

    def rows(**params: str) -> str:
        return reviewer_client.get("/review/", params).content.decode().split("<tbody>", 1)[1]

    assert f"/flags/{low.pk}/" in rows(rule="IMM-001") and "FR-FED-001" not in rows(rule="IMM-001")
    assert f"/flags/{low.pk}/" in rows(severity=str(Severity.LOW)) and "FR-FED-001" not in rows(severity="10")
    assert f"/flags/{dismissed.pk}/" in rows(status="dismissed") and f"/flags/{dismissed.pk}/" not in rows()
    assert f"/flags/{low.pk}/" in rows(assignee=str(reviewer.pk)) and "FR-FED-001" not in rows(
        assignee=str(reviewer.pk))
    assert f"/flags/{low.pk}/" not in rows(assignee="none")
    assert "FR-FED-001" in rows(state="ZQ")
    StateFactory(ocd_id="ocd-division/country:us/state:zr", postal_code="ZR", name="Synthetic State ZR")
    assert "No flag matches." in rows(state="ZR")


def test_an_invalid_filter_is_reported_not_silently_dropped(reviewer_client: Client, world: World) -> None:
    html = reviewer_client.get("/review/", {"state": "ZZ"}).content.decode()
    assert "Select a valid choice" in html


def test_bulk_assign_assigns_every_selected_flag(
    reviewer_client: Client, world: World, reviewer  # type: ignore[no-untyped-def]
) -> None:
    other = make_flag(world.city, rule_id="IMM-001")
    flag = world.objects["flag"]
    response = reviewer_client.post("/review/", {"flags": [f"{flag.pk}:1", f"{other.pk}:1"],
                                                 "assignee": reviewer.pk}, follow=True)
    flag.refresh_from_db()
    other.refresh_from_db()
    assert flag.assignee == reviewer and other.assignee == reviewer
    assert "Assigned 2 flag(s) to reviewer." in response.content.decode()


def test_bulk_assign_reports_flags_changed_meanwhile(
    reviewer_client: Client, world: World, reviewer  # type: ignore[no-untyped-def]
) -> None:
    other = make_flag(world.city, rule_id="IMM-001")
    flag = world.objects["flag"]
    flag_assign(flag=other, assignee=None, by=reviewer, expected_version=1)  # version 2 now
    response = reviewer_client.post("/review/", {"flags": [f"{flag.pk}:1", f"{other.pk}:1"],
                                                 "assignee": reviewer.pk}, follow=True)
    other.refresh_from_db()
    assert other.assignee is None
    assert f"changed since you loaded the queue: #{other.pk}" in response.content.decode()


def test_bulk_assign_by_an_editor_is_forbidden(editor_client: Client, world: World, reviewer) -> None:  # type: ignore[no-untyped-def]
    flag = world.objects["flag"]
    assert editor_client.post("/review/", {"flags": [f"{flag.pk}:1"], "assignee": reviewer.pk}).status_code == 403
    flag.refresh_from_db()
    assert flag.assignee is None
