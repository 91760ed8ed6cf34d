"""Law and agency pages, and the dossier's answers: flags of agencies based here, research on file, flags as of a date."""

from __future__ import annotations

import datetime

from django.test import Client

from tests.api.builders import World, make_flag
from tracker.conflicts.engine import sweep
from tracker.conflicts.models import Flag
from tracker.laws.models import Survey
from tracker.web import selectors


def test_a_law_page_shows_its_provisions_reach_events_and_flags(client: Client, world: World) -> None:
    ban = world.objects["city_ban"]
    ban.events.create(kind="amended", occurred_on=datetime.date(2022, 3, 1), description="Synthetic amendment.")
    html = client.get(f"/law/{ban.key}/").content.decode()
    assert ban.citation in html and "Synthetic amendment." in html
    assert "reaches federal partnerships: <strong>Silent</strong>" in html
    assert f'href="/flags/{world.objects["flag"].pk}/"' in html
    assert client.get("/law/no-such-law/").status_code == 404


def test_an_agency_page_shows_its_agreements_with_the_sheets_dates_and_its_flags(client: Client, world: World) -> None:
    sheriff = world.objects["sheriff"]
    part = world.objects["sheriff_tfm"]
    part.first_seen_on, part.last_seen_on = datetime.date(2025, 5, 16), datetime.date(2026, 5, 18)
    part.save()
    html = client.get(f"/agency/{sheriff.pk}/").content.decode()
    assert "Synthetic Task Force Model" in html and "2025-05-16" in html and "2026-05-18" in html
    assert f'href="/flags/{world.objects["flag"].pk}/"' in html
    assert "Synthetic County" in html  # where it polices


def test_a_county_dossier_lists_its_sheriffs_flags_in_its_cities_as_the_map_counts_them(
    client: Client, world: World
) -> None:
    html = client.get(f"/j/{world.county.ocd_id}/").content.decode()
    flag = world.objects["flag"]
    assert flag.jurisdiction == world.city and f'href="/flags/{flag.pk}/"' in html
    shapes, _ = selectors.state_map(world.state, (("56001", "Albany", "M0 0"),))
    assert f"Flags ({shapes[0].count})" in html
    assert Flag.objects.concerning(world.county).open().count() == shapes[0].count


def test_a_level_without_law_says_whether_it_was_researched(client: Client, world: World) -> None:
    html = client.get(f"/j/{world.other_city.ocd_id}/").content.decode()
    assert "Not yet researched" in html
    Survey.objects.create(jurisdiction=world.other_city, topic="face_recognition", finding="none_found",
                          checked_on=datetime.date(2026, 12, 3), note="Synthetic: code searched.")
    html = client.get(f"/j/{world.other_city.ocd_id}/").content.decode()
    assert "researched 2026-12-03: none found" in html and "Not yet researched" not in html.split('id="law"')[1].split(
        "County law")[0]


def test_a_dossier_as_of_a_date_judges_the_flags_on_that_date_too(client: Client, world: World) -> None:
    sweep()
    before = client.get(f"/j/{world.city.ocd_id}/", {"as_of": "2025-01-15"}).content.decode()
    after = client.get(f"/j/{world.city.ocd_id}/", {"as_of": "2025-03-01"}).content.decode()
    judged = [page.split('id="flags"', 1)[1].split('<div class="cols">', 1)[0] for page in (before, after)]
    assert "Flags as the rules judge 2025-01-15" in judged[0] and "FR-FED-001" not in judged[0]
    assert "Flags as the rules judge 2025-03-01" in judged[1] and "FR-FED-001" in judged[1]


def test_a_state_dossier_counts_every_flag_in_the_state(client: Client, world: World) -> None:
    make_flag(world.other_city, agency=world.objects["far_police"])
    html = client.get(f"/j/{world.state.ocd_id}/").content.decode()
    assert f"Flags ({Flag.objects.filter(jurisdiction__state=world.state).count()})" in html
