"""The flag page and the reviewer actions on it."""

from __future__ import annotations

from django.test import Client

from tests.api.builders import World
from tracker.conflicts.choices import FlagStatus
from tracker.conflicts.models import FlagEvent, FlagNote
from tracker.conflicts.services import flag_note_add, flag_transition


def _url(world: World, action: str = "") -> str:
    flag = world.objects["flag"]
    return f"/flags/{flag.pk}/{action + '/' if action else ''}"


def test_anyone_reads_rule_question_basis_and_explanation(client: Client, world: World) -> None:
    html = client.get(_url(world)).content.decode()
    assert "Synthetic question?" in html and "Synthetic explanation." in html
    assert "<h3>Legal basis</h3>" in html  # FR-FED-001 is a registered rule


def test_evidence_of_both_sides_is_shown_with_sources(client: Client, world: World) -> None:
    flag = world.objects["flag"]
    flag.evidence = {
        "provision": {"citation": "Synthetic Code § 1", "section": "§ 2", "title": "Synthetic Ban", "jurisdiction":
                      "Synthetic City", "type": "fr_ban", "status": "in_force", "summary": "Synthetic summary.",
                      "quote": "Synthetic operative words.", "federal_reach": "silent", "binds": "own_government",
                      "verified": True, "sources": [{"title": "Synthetic Local Source", "url": "https://example.org/l"}]},
        "agency": {"name": "Synthetic County Sheriff's Office", "how": "concurrent coverage of the county"},
        "partnership": {"program": "Synthetic Task Force Model", "status": "active", "signed_on": "2025-02-01",
                        "verified": True, "moa_url": "https://example.org/moa",
                        "sources": [{"title": "Synthetic Sheet", "url": "https://example.org/sheet"}],
                        "capabilities": [{"name": "Synthetic app", "kind": "face_recognition", "retention_days": 5475,
                                          "verified": True, "sources": []}]},
    }
    flag.save()
    html = client.get(_url(world)).content.decode()
    assert "Synthetic operative words." in html and "Federal reach: <strong>Silent</strong>" in html
    assert '<a href="https://example.org/l" rel="noopener noreferrer">Synthetic Local Source</a>' in html
    assert '<a href="https://example.org/sheet" rel="noopener noreferrer">Synthetic Sheet</a>' in html
    assert "concurrent coverage of the county" in html and "kept 5475 days" in html


def test_anonymous_sees_no_trail_no_notes_and_no_forms(client: Client, world: World, reviewer) -> None:  # type: ignore[no-untyped-def]
    flag_note_add(flag=world.objects["flag"], author=reviewer, text="Synthetic private note")
    html = client.get(_url(world)).content.decode()
    assert "Synthetic private note" not in html
    assert "Review trail" not in html and "csrfmiddlewaretoken" not in html.split("<main", 1)[1]


def test_editor_is_not_a_reviewer_and_sees_no_trail(editor_client: Client, world: World) -> None:
    html = editor_client.get(_url(world)).content.decode()
    assert "Review trail" not in html and "Start review" not in html


def test_reviewer_sees_trail_notes_and_the_allowed_actions(
    reviewer_client: Client, world: World, reviewer  # type: ignore[no-untyped-def]
) -> None:
    flag_note_add(flag=world.objects["flag"], author=reviewer, text="Synthetic private note")
    html = reviewer_client.get(_url(world)).content.decode()
    assert "Synthetic private note" in html and "Review trail" in html
    assert "Start review" in html and "Confirm" not in html  # a new flag must be taken into review first
    assert f'name="version" value="{world.objects["flag"].version}"' in html
    assert '<label for="id_assignee">Assign to</label>' in html


def test_reviewer_starts_review_then_confirms(reviewer_client: Client, world: World) -> None:
    response = reviewer_client.post(_url(world, "transition"), {"to": "in_review", "version": 1})
    assert response.status_code == 302
    response = reviewer_client.post(_url(world, "transition"), {"to": "confirmed", "version": 2}, follow=True)
    flag = world.objects["flag"]
    flag.refresh_from_db()
    assert flag.status == FlagStatus.CONFIRMED and flag.version == 3
    assert "is now “Confirmed”" in response.content.decode()


def test_dismissal_without_a_reason_is_refused(reviewer_client: Client, world: World) -> None:
    reviewer_client.post(_url(world, "transition"), {"to": "in_review", "version": 1})
    response = reviewer_client.post(_url(world, "transition"), {"to": "dismissed", "version": 2, "reason": " "},
                                    follow=True)
    flag = world.objects["flag"]
    flag.refresh_from_db()
    assert flag.status == FlagStatus.IN_REVIEW
    assert "A dismissal needs a reason." in response.content.decode()


def test_dismissal_with_a_reason_is_recorded_in_the_trail(reviewer_client: Client, world: World) -> None:
    reviewer_client.post(_url(world, "transition"), {"to": "in_review", "version": 1})
    reviewer_client.post(_url(world, "transition"),
                         {"to": "dismissed", "version": 2, "reason": "Synthetic: the MOA excludes it."})
    event = FlagEvent.objects.filter(flag=world.objects["flag"]).latest("id")
    assert (event.to_status, event.reason) == ("dismissed", "Synthetic: the MOA excludes it.")


def test_a_stale_version_gives_a_clear_message_and_loses_nothing(
    reviewer_client: Client, world: World, django_user_model  # type: ignore[no-untyped-def]
) -> None:
    api_admin = django_user_model.objects.create_user("synthetic-admin", is_staff=True)
    flag = world.objects["flag"]
    flag_transition(flag=flag, to="in_review", by=api_admin, expected_version=1)  # someone else, first
    response = reviewer_client.post(_url(world, "transition"), {"to": "in_review", "version": 1}, follow=True)
    html = response.content.decode()
    assert "Not saved: this flag changed since you opened it (you had version 1, it is now version 2" in html
    flag.refresh_from_db()
    assert flag.version == 2 and FlagEvent.objects.filter(flag=flag, by=api_admin).count() == 1


def test_an_illegal_transition_is_refused_with_a_message(reviewer_client: Client, world: World) -> None:
    response = reviewer_client.post(_url(world, "transition"), {"to": "resolved", "version": 1}, follow=True)
    assert "cannot become resolved" in response.content.decode()


def test_reviewer_assigns_and_the_stale_assign_is_refused(
    reviewer_client: Client, world: World, reviewer  # type: ignore[no-untyped-def]
) -> None:
    reviewer_client.post(_url(world, "assign"), {"assignee": reviewer.pk, "version": 1})
    flag = world.objects["flag"]
    flag.refresh_from_db()
    assert flag.assignee == reviewer and flag.version == 2
    response = reviewer_client.post(_url(world, "assign"), {"assignee": "", "version": 1}, follow=True)
    flag.refresh_from_db()
    assert flag.assignee == reviewer
    assert "changed since you opened it" in response.content.decode()


def test_reviewer_adds_a_note(reviewer_client: Client, world: World) -> None:
    reviewer_client.post(_url(world, "notes"), {"text": "Synthetic note from the page"})
    assert FlagNote.objects.get(flag=world.objects["flag"]).text == "Synthetic note from the page"


def test_anonymous_post_is_sent_to_sign_in_and_changes_nothing(client: Client, world: World) -> None:
    response = client.post(_url(world, "transition"), {"to": "in_review", "version": 1})
    assert response.status_code == 302 and response["Location"].startswith("/login/?next=")
    world.objects["flag"].refresh_from_db()
    assert world.objects["flag"].status == FlagStatus.NEW


def test_editor_post_is_forbidden(editor_client: Client, world: World) -> None:
    assert editor_client.post(_url(world, "transition"), {"to": "in_review", "version": 1}).status_code == 403
    assert editor_client.post(_url(world, "notes"), {"text": "Synthetic"}).status_code == 403
    assert not FlagNote.objects.exists()


def test_actions_are_csrf_protected(reviewer) -> None:  # type: ignore[no-untyped-def]
    from tests.api.builders import build_world

    world = build_world()
    client = Client(enforce_csrf_checks=True)
    client.force_login(reviewer)
    assert client.post(_url(world, "transition"), {"to": "in_review", "version": 1}).status_code == 403
    world.objects["flag"].refresh_from_db()
    assert world.objects["flag"].status == FlagStatus.NEW


def test_actions_refuse_get(reviewer_client: Client, world: World) -> None:
    assert reviewer_client.get(_url(world, "transition")).status_code == 405


def test_unknown_flag_is_404(client: Client, world: World) -> None:
    assert client.get("/flags/999999/").status_code == 404


def test_official_sources_come_first_and_secondary_ones_say_so(client: Client, world: World) -> None:
    from tests.factories.sources import SourceFactory

    news = SourceFactory(kind="news", title="Synthetic Newspaper Story", url="https://example.org/news")
    code = SourceFactory(kind="primary_text", title="Synthetic Code Text", url="https://example.org/code")
    flag = world.objects["flag"]
    flag.evidence = {"provision": {"citation": "Synthetic Code § 1", "summary": "Synthetic summary.", "sources": [
        {"id": news.pk, "title": news.title, "url": news.url}, {"id": code.pk, "title": code.title, "url": code.url},
    ]}}
    flag.save()
    html = client.get(_url(world)).content.decode()
    assert html.index("Synthetic Code Text") < html.index("Synthetic Newspaper Story")
    assert "(secondary: news report)" in html
    assert "(official: official text" in html


def test_a_flag_says_what_would_resolve_it_rule_and_unmet_conditions(client: Client, world: World) -> None:
    flag = world.objects["flag"]
    flag.rule_id = "FR-LIM-001"
    flag.evidence = {"unmet_conditions": {"codes": ["warrant"], "gaps": ["no warrant or court order is shown"]}}
    flag.save()
    html = client.get(_url(world)).content.decode()
    assert "What would resolve this" in html
    assert "Obtain a warrant or court order before app searches" in html
    assert "moves to a model without it" in html


def test_the_agreements_dates_are_shown_as_the_sheets_show_them(client: Client, world: World) -> None:
    import datetime

    from tests.factories.sources import SourceFactory

    part = world.objects["sheriff_tfm"]
    part.first_seen_on, part.last_seen_on = datetime.date(2025, 5, 16), datetime.date(2026, 5, 18)
    part.ended_in = SourceFactory(published_on=datetime.date(2026, 6, 2))
    part.status, part.ended_on = "ended", datetime.date(2026, 6, 2)
    part.save()
    flag = world.objects["flag"]
    flag.evidence = {"partnership": {"program": "Synthetic Task Force Model", "status": "active",
                                     "signed_on": "2025-02-01", "verified": True, "sources": [], "capabilities": []}}
    flag.save()
    html = client.get(_url(world)).content.decode()
    assert "signed 2025-02-01" in html
    assert "first listed 2025-05-16; last listed 2026-05-18; absent from the sheet of 2026-06-02" in html


def test_the_agencys_other_flags_under_the_same_provision_are_listed(client: Client, world: World) -> None:
    from tests.api.builders import make_flag

    flag = world.objects["flag"]
    other = make_flag(world.county, agency=flag.agency, partnership=flag.partnership, provision=flag.provision)
    html = client.get(_url(world)).content.decode()
    assert "other flags under this provision" in html and f'href="/flags/{other.pk}/"' in html
