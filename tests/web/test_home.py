"""The national map, a state's county map, counts by rule and recent changes."""

from __future__ import annotations

from django.test import Client

from tests.api.builders import World, make_flag
from tracker.conflicts.choices import FlagStatus
from tracker.web.selectors import bin_class


def test_home_colours_the_state_with_open_flags_and_links_it(client: Client, world: World) -> None:
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<a href="/map/56/" aria-label="Wyoming: 1 open flag"><path class="f1"' in html
    assert "<title>Wyoming: 1 open flag</title>" in html
    assert "<title>Texas: 0 open flags</title>" in html


def test_home_has_a_legend_and_a_table_equivalent_of_the_map(client: Client, world: World) -> None:
    html = client.get("/").content.decode()
    assert 'aria-label="Legend"' in html and "10 or more" in html
    assert '<th scope="row"><a href="/map/56/">Wyoming</a></th><td>1</td>' in html


def test_closed_flags_do_not_colour_the_map(client: Client, world: World) -> None:
    world.objects["flag"].status = FlagStatus.DISMISSED
    world.objects["flag"].save()
    html = client.get("/").content.decode()
    assert "<title>Wyoming: 0 open flags</title>" in html


def test_home_counts_open_flags_by_rule_and_lists_recent_changes(client: Client, world: World) -> None:
    make_flag(world.city, rule_id="IMM-001")
    html = client.get("/").content.decode()
    assert "<strong>FR-FED-001</strong>" in html and "<strong>IMM-001</strong>" in html
    assert f'/flags/{world.objects["flag"].pk}/' in html
    # The sheriff's Task Force agreement polices a county whose city has its own ban.
    assert "Synthetic County Sheriff&#x27;s Office" in html and "Synthetic Task Force Model" in html


def test_a_far_agreement_without_local_law_is_not_a_recent_change_under_local_law(
    client: Client, world: World
) -> None:
    html = client.get("/").content.decode()
    assert "Synthetic Far Police Department" not in html


def test_state_page_colours_the_county_the_flag_lies_in(client: Client, world: World) -> None:
    response = client.get("/map/56/")
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<a href="/j/{world.county.ocd_id}/" aria-label="Albany: 1 open flag">' in html
    assert "<title>Laramie: 0 open flags</title>" in html
    assert "0 of them counted in no county" in html


def test_state_flag_of_a_statewide_agency_counts_in_every_county_it_polices(client: Client, world: World) -> None:
    make_flag(world.state, agency=world.objects["patrol"])
    html = client.get("/map/56/").content.decode()
    assert "2 open flags in the state; 0 of them counted in no county" in html
    assert f'<a href="/j/{world.county.ocd_id}/" aria-label="Albany: 2 open flags">' in html


def test_state_flag_of_no_agency_counts_in_no_county(client: Client, world: World) -> None:
    make_flag(world.state)
    html = client.get("/map/56/").content.decode()
    assert "2 open flags in the state; 1 of them counted in no county" in html


def test_unknown_state_is_404(client: Client, world: World) -> None:
    assert client.get("/map/99/").status_code == 404


def test_bins_cover_every_count() -> None:
    assert [bin_class(n) for n in (0, 1, 2, 4, 5, 9, 10, 500)] == ["f0", "f1", "f2", "f2", "f3", "f3", "f4", "f4"]


def test_the_headline_counts_open_flags_of_places_the_map_does_not_draw(client, world) -> None:  # type: ignore[no-untyped-def]
    # The synthetic state has no shape on the map; its open flag still counts.
    assert "1 open flag (new, in review or confirmed)" in client.get("/").content.decode()
