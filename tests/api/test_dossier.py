"""The dossier of a place: its law at every level, the agencies operating there, its flags."""

import pytest

from tests.api.builders import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():  # type: ignore[no-untyped-def]
    return build_world()


def dossier(client, jurisdiction):  # type: ignore[no-untyped-def]
    response = client.get(f"/api/jurisdictions/{jurisdiction.ocd_id}/dossier/")
    assert response.status_code == 200, response.content
    return response.json()


def test_a_city_dossier_holds_its_own_county_and_state_law(anon, world) -> None:
    law = {row["key"]: row for row in dossier(anon, world.city)["law"]}
    assert law[world.objects["city_ban"].key]["level"] == "own"
    assert law[world.objects["county_law"].key]["level"] == "county"
    assert law[world.objects["state_law"].key]["level"] == "state"


def test_law_no_longer_in_force_is_shown_and_marked(anon, world) -> None:
    law = {row["key"]: row for row in dossier(anon, world.city)["law"]}
    assert law[world.objects["state_law"].key]["in_force"] is False
    assert law[world.objects["city_ban"].key]["in_force"] is True


def test_the_agencies_are_police_county_sheriff_and_statewide_patrol(anon, world) -> None:
    agencies = {row["name"]: row for row in dossier(anon, world.city)["agencies"]}
    assert set(agencies) == {"Synthetic City Police Department", "Synthetic County Sheriff's Office",
                             "Synthetic State Patrol"}
    assert agencies["Synthetic County Sheriff's Office"]["basis"] == ["county:concurrent"]
    assert agencies["Synthetic State Patrol"]["basis"] == ["statewide"]
    assert "home" in agencies["Synthetic City Police Department"]["basis"]


def test_an_agency_in_the_dossier_carries_its_partnerships_and_deployments(anon, world) -> None:
    agencies = {row["name"]: row for row in dossier(anon, world.city)["agencies"]}
    assert [p["program"] for p in agencies["Synthetic County Sheriff's Office"]["partnerships"]] == ["287g-tfm"]
    assert [d["technology"] for d in agencies["Synthetic City Police Department"]["deployments"]] == ["face_recognition"]


def test_the_dossier_lists_the_flags_of_the_place(anon, world) -> None:
    assert [flag["id"] for flag in dossier(anon, world.city)["flags"]] == [world.objects["flag"].pk]
    assert dossier(anon, world.other_city)["flags"] == []


def test_an_agency_of_another_city_is_not_in_the_dossier(anon, world) -> None:
    names = {row["name"] for row in dossier(anon, world.city)["agencies"]}
    assert "Synthetic Far Police Department" not in names


def test_the_dossier_takes_no_query_parameters(anon, world) -> None:
    assert anon.get(f"/api/jurisdictions/{world.city.ocd_id}/dossier/?page=2").status_code == 400


def test_the_dossier_judges_law_and_agreements_as_of_a_date(anon, world) -> None:  # type: ignore[no-untyped-def]
    url = f"/api/jurisdictions/{world.city.ocd_id}/dossier/"
    today = anon.get(url).json()
    long_ago = anon.get(url, {"as_of": "1990-01-01"}).json()
    assert long_ago["as_of"] == "1990-01-01"
    assert any(i["in_force"] for i in today["law"])
    assert not any(i["in_force"] for i in long_ago["law"])
    assert not any(p["active"] for a in long_ago["agencies"] for p in a["partnerships"])


def test_a_malformed_as_of_is_a_400(anon, world) -> None:  # type: ignore[no-untyped-def]
    response = anon.get(f"/api/jurisdictions/{world.city.ocd_id}/dossier/", {"as_of": "last tuesday"})
    assert response.status_code == 400
