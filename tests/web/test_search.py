"""One box over jurisdictions, agencies, instruments and flags."""

from __future__ import annotations

from django.test import Client

from tests.api.builders import World


def test_search_finds_a_city_by_name_and_links_its_dossier(client: Client, world: World) -> None:
    response = client.get("/search/", {"q": "synthetic city"})
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<a href="/j/{world.city.ocd_id}/">Synthetic City</a>' in html


def test_search_finds_a_jurisdiction_by_ocd_id(client: Client, world: World) -> None:
    html = client.get("/search/", {"q": "state:zq/county:synthetic"}).content.decode()
    assert f'href="/j/{world.county.ocd_id}/"' in html


def test_search_finds_agencies_and_links_them_in_their_home_dossier(client: Client, world: World) -> None:
    html = client.get("/search/", {"q": "sheriff"}).content.decode()
    sheriff = world.objects["sheriff"]
    assert f'href="/j/{world.county.ocd_id}/#agency-{sheriff.pk}"' in html


def test_search_reads_an_instruments_full_text(client: Client, world: World) -> None:
    html = client.get("/search/", {"q": "department shall use"}).content.decode()
    assert "Synthetic face-recognition ban ordinance" in html


def test_search_finds_flags_by_rule_id(client: Client, world: World) -> None:
    html = client.get("/search/", {"q": "FR-FED-001"}).content.decode()
    assert f'href="/flags/{world.objects["flag"].pk}/"' in html


def test_empty_search_shows_the_form_only(client: Client, world: World) -> None:
    html = client.get("/search/").content.decode()
    assert '<label for="search-q">' in html and "<h2>Jurisdictions</h2>" not in html
