"""Every resource reads by its natural key and shows its sources."""

import pytest

from tests.api.builders import build_world
from tracker.places.models import JurisdictionAlias

pytestmark = pytest.mark.django_db

LISTS = ["jurisdictions", "agencies", "instruments", "provisions", "programs", "partnerships", "deployments",
         "approvals", "sharing-arrangements", "sharing-events", "sources", "rules", "flags"]


@pytest.mark.parametrize("name", LISTS)
def test_every_list_is_public_and_paginated(anon, name) -> None:
    build_world()
    body = anon.get(f"/api/{name}/").json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == len(body["results"])


def test_a_jurisdiction_is_found_by_its_ocd_id_with_slashes(anon) -> None:
    world = build_world()
    response = anon.get(f"/api/jurisdictions/{world.city.ocd_id}/")
    assert response.status_code == 200
    assert response.json()["ocd_id"] == world.city.ocd_id
    assert response.json()["counties"] == [world.county.ocd_id]
    assert response.json()["state"] == world.state.ocd_id


def test_a_jurisdiction_is_found_by_an_alias(anon) -> None:
    world = build_world()
    JurisdictionAlias.objects.create(jurisdiction=world.city, ocd_id=f"{world.county.ocd_id}/place:synthetic_alias")
    response = anon.get(f"/api/jurisdictions/{world.county.ocd_id}/place:synthetic_alias/")
    assert response.json()["ocd_id"] == world.city.ocd_id


def test_an_unknown_ocd_id_is_a_404_in_the_error_shape(anon) -> None:
    response = anon.get("/api/jurisdictions/ocd-division/country:us/state:zz/place:nowhere/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_a_malformed_ocd_id_is_a_404_in_the_error_shape(anon) -> None:
    response = anon.get("/api/jurisdictions/not-an-ocd-id/")
    assert response.status_code == 404
    assert response.json() == {"error": {"code": "not_found", "message": "No API resource at this path.", "fields": {}}}


def test_an_instrument_shows_its_provisions_and_sources(anon) -> None:
    world = build_world()
    ban = world.objects["city_ban"]
    body = anon.get(f"/api/instruments/{ban.key}/").json()
    assert [p["key"] for p in body["provisions"]] == [ban.provisions.get().key]
    assert [s["key"] for s in body["sources"]] == [world.objects["source"].key]
    assert body["in_force"] is True
    assert body["text"].startswith("Synthetic text")


def test_a_repealed_instrument_is_not_in_force(anon) -> None:
    world = build_world()
    assert anon.get(f"/api/instruments/{world.objects['state_law'].key}/").json()["in_force"] is False


def test_a_program_shows_its_capabilities(anon) -> None:
    from tests.factories.partnerships import CapabilityFactory

    world = build_world()
    capability = CapabilityFactory(program=world.objects["tfm"])
    body = anon.get("/api/programs/287g-tfm/").json()
    assert capability.key in [c["key"] for c in body["capabilities"]]
    assert world.objects["capability"].key in [c["key"] for c in body["capabilities"]]


def test_a_partnership_names_its_agency_and_program(anon) -> None:
    world = build_world()
    body = anon.get(f"/api/partnerships/{world.objects['sheriff_tfm'].pk}/").json()
    assert body["agency"]["name"] == "Synthetic County Sheriff's Office"
    assert body["program"] == "287g-tfm"
    assert body["sources"][0]["url"].startswith("https://example.org/synthetic/")


def test_a_rule_is_read_by_its_id(anon) -> None:
    body = anon.get("/api/rules/FR-FED-001/").json()
    assert body["id"] == "FR-FED-001"
    assert body["severity_label"] == "S4 Critical"
    assert body["question"]


def test_an_unknown_rule_is_a_404(anon) -> None:
    assert anon.get("/api/rules/XX-NOPE-999/").status_code == 404


def test_rules_filter_by_family(anon) -> None:
    body = anon.get("/api/rules/?family=FR").json()
    assert body["count"] >= 1
    assert {rule["family"] for rule in body["results"]} == {"FR"}
