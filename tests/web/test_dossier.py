"""The jurisdiction dossier, keyed by an OCD id with its slashes."""

from __future__ import annotations

from urllib.parse import quote

from django.test import Client
from django.utils import timezone

from tests.api.builders import World


def _page(client: Client, world: World, **params: str) -> str:
    response = client.get(f"/j/{world.city.ocd_id}/", params)
    assert response.status_code == 200
    return response.content.decode()


def test_dossier_puts_own_county_and_state_law_beside_every_agency_operating_there(
    client: Client, world: World
) -> None:
    html = _page(client, world)
    city_ban = world.objects["city_ban"]
    assert f'id="law-{city_ban.pk}"' in html and city_ban.citation in html
    assert world.objects["county_law"].citation in html and world.objects["state_law"].citation in html
    for agency in ("Synthetic City Police Department", "Synthetic County Sheriff&#x27;s Office",
                   "Synthetic State Patrol"):
        assert agency in html
    assert "Synthetic Far Police Department" not in html
    assert "here as: covers the county (concurrent" in html and "here as: statewide" in html


def test_each_provision_shows_type_federal_reach_and_verified_marker(client: Client, world: World) -> None:
    html = _page(client, world)
    assert "Face-recognition use ban" in html
    assert "Federal reach: <strong>Silent</strong>" in html
    assert "◐ unverified" in html


def test_partnerships_show_program_status_and_sources(client: Client, world: World) -> None:
    html = _page(client, world)
    assert "<strong>Synthetic Task Force Model</strong>: Active" in html
    assert world.objects["source"].title in html


def test_dossier_lists_the_flags_with_explanation_and_question(client: Client, world: World) -> None:
    html = _page(client, world)
    flag = world.objects["flag"]
    assert f'href="/flags/{flag.pk}/"' in html
    assert "Synthetic explanation." in html and "Synthetic question?" in html


def test_timeline_has_enactments_agreements_and_flags(client: Client, world: World) -> None:
    html = _page(client, world)
    assert f"{world.objects['city_ban'].citation} took effect" in html
    assert "Synthetic County Sheriff&#x27;s Office joined Synthetic Task Force Model" in html
    assert "FR-FED-001 flag raised" in html


def test_as_of_judges_law_and_agreements_on_that_date(client: Client, world: World) -> None:
    today = _page(client, world)
    assert "not in force on" in today  # the state statute was repealed in 2021
    before = _page(client, world, as_of="2020-06-01")
    assert "In force and active are judged on 2020-06-01." in before
    assert "not active on 2020-06-01" in before  # the agreement was signed in 2025
    assert "joined Synthetic Task Force Model" not in before  # the timeline stops at the date
    assert before.count("in force on 2020-06-01") >= 3


def test_a_malformed_as_of_falls_back_to_today(client: Client, world: World) -> None:
    html = _page(client, world, as_of="not-a-date")
    assert f"judged on {timezone.localdate().isoformat()}" in html


def test_dossier_of_an_unknown_ocd_id_is_404(client: Client, world: World) -> None:
    assert client.get("/j/ocd-division/country:us/state:zq/place:nowhere/").status_code == 404


def test_anonymous_dossier_hides_the_assignee(client: Client, world: World, reviewer) -> None:  # type: ignore[no-untyped-def]
    flag = world.objects["flag"]
    flag.assignee = reviewer
    flag.save()
    assert "assigned to reviewer" not in _page(client, world)
    signed_in = Client()
    signed_in.force_login(reviewer)
    assert "assigned to reviewer" in _page(signed_in, world)


def test_the_dossier_links_its_memo_and_pdf(client, world) -> None:  # type: ignore[no-untyped-def]
    ocd_id = world.city.ocd_id
    html = client.get(f"/j/{ocd_id}/").content.decode()
    assert f'href="/memo/{ocd_id}/"' in html and f'href="/memo/{ocd_id}.pdf"' in html
    assert "Watch this place" not in html  # watching needs a sign-in


def test_each_flag_on_the_dossier_says_what_would_resolve_it(client: Client, world: World) -> None:
    from tracker.conflicts.registry import registry

    flag = world.objects["flag"]
    html = _page(client, world)
    panel = html[html.index(f'href="/flags/{flag.pk}/"') :]
    panel = panel[panel.index('<div class="resolve">') : panel.index("</div>")]
    assert "What would resolve this" in panel
    assert all(remedy.replace("'", "&#x27;") in panel for remedy in registry.get(flag.rule_id).remedies)


def test_the_dossier_links_the_reach_of_its_own_law(client: Client, world: World) -> None:
    html = _page(client, world)
    assert f"/reach/?place={quote(world.city.ocd_id, safe='/')}" in html


def test_an_agreement_gone_from_a_sheet_is_dated_by_the_sheets(client: Client, world: World) -> None:
    import datetime

    from tests.factories.sources import SourceFactory

    sheet = SourceFactory(title="Synthetic ICE sheet", published_on=datetime.date(2026, 6, 1))
    part = world.objects["sheriff_tfm"]
    part.status, part.ended_on, part.ended_in = "ended", datetime.date(2026, 6, 1), sheet
    part.last_seen_on = datetime.date(2026, 5, 18)
    part.save()
    html = _page(client, world)
    assert "last listed 2026-05-18; absent from the sheet of 2026-06-01" in html
    assert "ended 2026-06-01" not in html
