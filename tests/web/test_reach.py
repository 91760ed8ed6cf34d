"""The reach page and API: each limit's reading of federal reach, and the agencies it binds or leaves out."""

from __future__ import annotations

from django.test import Client

from tests.api.builders import World
from tests.factories.laws import InstrumentFactory, ProvisionFactory
from tracker.conflicts.reach import reach_rows
from tracker.laws.models import Provision
from tracker.places.models import Jurisdiction


def test_a_city_ban_lists_the_sheriff_in_a_task_force_as_not_bound(client: Client, world: World) -> None:
    (row,) = [r for r in reach_rows(state="ZQ") if r.jurisdiction == "Synthetic City"]
    assert row.reach_label == "Silent"
    assert [(a.name, a.bound, a.programs) for a in row.agencies] == [
        ("Synthetic County Sheriff's Office", False, ("Synthetic Task Force Model",))
    ]
    assert row.uncovered == row.agencies


def test_the_page_says_silent_and_names_the_uncovered_agency(client: Client, world: World) -> None:
    html = client.get("/reach/", {"state": "ZQ"}).content.decode()
    assert "Reaches federal partnerships?</strong> Silent" in html
    assert "Synthetic County Sheriff&#x27;s Office — <strong>not bound</strong>" in html


def test_the_quoted_words_of_an_express_reach_are_shown(client: Client, world: World) -> None:
    Provision.objects.filter(instrument=world.objects["city_ban"]).update(
        federal_reach="express", federal_reach_quote="Synthetic: including any federal task force or federal tool")
    html = client.get("/reach/", {"state": "ZQ", "topic": "face_recognition"}).content.decode()
    assert "Expressly reaches them: “Synthetic: including any federal task force or federal tool”" in html


def test_a_law_governing_only_its_own_databases_says_it_cannot_reach_a_federal_app(client: Client, world: World) -> None:
    Provision.objects.filter(instrument=world.objects["city_ban"]).update(governs="own_systems")
    html = client.get("/reach/", {"state": "ZQ"}).content.decode()
    assert "its own government's databases, so it cannot reach a federal app" in html


def test_a_repealed_law_is_not_listed(client: Client, world: World) -> None:
    assert all(r.citation != world.objects["state_law"].citation for r in reach_rows(state="ZQ"))


def test_the_api_gives_the_same_rows(client: Client, world: World) -> None:
    data = client.get("/api/reach/", {"state": "ZQ"}).json()
    city = next(r for r in data if r["jurisdiction"] == "Synthetic City")
    assert city["federal_reach"] == "silent"
    assert city["agencies"] == [{"name": "Synthetic County Sheriff's Office", "bound": False,
                                 "how": city["agencies"][0]["how"], "programs": ["Synthetic Task Force Model"]}]
    assert client.get("/api/reach/", {"topic": "nonsense"}).status_code == 400
    assert client.get("/api/reach/", {"stat": "ZQ"}).status_code == 400


def test_the_method_page_lists_every_rule_from_the_registry(client: Client, world: World) -> None:
    from tracker.conflicts.registry import registry

    html = client.get("/method/").content.decode()
    assert all(r.id in html for r in registry)
    assert "Bound by a law, or operating within it" in html


def test_a_place_shows_the_limits_it_made_not_those_of_another_city(client: Client, world: World) -> None:
    other_city = Jurisdiction.objects.get(ocd_id=f"{world.state.ocd_id}/place:synthetic_other_city")
    other_ban = InstrumentFactory(jurisdiction=other_city, citation="Synthetic Other City Code ch. 9")
    ProvisionFactory(instrument=other_ban)
    assert {r.citation for r in reach_rows(state="ZQ")} >= {world.objects["city_ban"].citation, other_ban.citation}
    html = client.get("/reach/", {"place": world.city.ocd_id}).content.decode()
    assert world.objects["city_ban"].citation in html
    assert other_ban.citation not in html
    assert "see the state's</a>" in html


def test_an_unknown_place_is_a_form_error_not_a_500(client: Client, world: World) -> None:
    response = client.get("/reach/", {"place": "ocd-division/country:us/state:zq/place:nowhere"})
    assert response.status_code == 200
    assert "No place has the OCD id" in response.content.decode()
