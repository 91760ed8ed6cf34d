"""Filters by natural key, vocabulary and date; bad values and unknown parameters are 400s."""

import pytest

from tests.api.builders import build_world, make_flag
from tests.factories.laws import InstrumentFactory

pytestmark = pytest.mark.django_db


def keys(response, field="key"):  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.content
    return sorted(str(row[field]) for row in response.json()["results"])


def test_state_filter_accepts_any_case(anon) -> None:
    world = build_world("ZQ")
    build_world("ZR")
    expected = sorted(world.objects[name].key for name in ("city_ban", "county_law", "state_law"))
    assert keys(anon.get("/api/instruments/?state=zq")) == expected
    assert keys(anon.get("/api/instruments/?state=ZQ")) == expected


def test_an_unknown_state_code_is_a_400(anon) -> None:
    response = anon.get("/api/instruments/?state=QQ")
    assert response.status_code == 400
    assert "state" in response.json()["error"]["fields"]


def test_a_misspelt_parameter_is_a_400_not_the_whole_country(anon) -> None:
    build_world()
    response = anon.get("/api/partnerships/?stat=ZQ")
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"stat": ["Unknown query parameter."]}


def test_jurisdiction_filter_includes_places_inside_a_county(anon) -> None:
    world = build_world()
    expected = sorted([world.objects["city_ban"].key, world.objects["county_law"].key])
    assert keys(anon.get(f"/api/instruments/?jurisdiction={world.county.ocd_id}")) == expected


def test_jurisdiction_filter_on_a_city_is_only_that_city(anon) -> None:
    world = build_world()
    assert keys(anon.get(f"/api/instruments/?jurisdiction={world.city.ocd_id}")) == [world.objects["city_ban"].key]


def test_a_malformed_jurisdiction_filter_is_a_400(anon) -> None:
    response = anon.get("/api/instruments/?jurisdiction=louisiana")
    assert response.status_code == 400
    assert "jurisdiction" in response.json()["error"]["fields"]


def test_an_unknown_jurisdiction_filter_is_a_400(anon) -> None:
    response = anon.get("/api/instruments/?jurisdiction=ocd-division/country:us/state:zz")
    assert response.status_code == 400


def test_partnerships_filter_by_287g_model_and_program_code(anon) -> None:
    world = build_world()
    expected = [str(world.objects["sheriff_tfm"].pk)]
    assert keys(anon.get("/api/partnerships/?model=TFM"), "id") == expected
    assert keys(anon.get("/api/partnerships/?program=287g-tfm"), "id") == expected


def test_partnerships_in_a_city_include_agencies_covering_it(anon) -> None:
    world = build_world()
    got = keys(anon.get(f"/api/partnerships/?jurisdiction={world.county.ocd_id}"), "id")
    assert got == [str(world.objects["sheriff_tfm"].pk)]


def test_partnerships_filter_by_signed_date_range(anon) -> None:
    world = build_world()
    got = keys(anon.get("/api/partnerships/?signed_after=2025-01-01&signed_before=2025-12-31"), "id")
    assert got == [str(world.objects["sheriff_tfm"].pk)]


def test_an_invalid_date_is_a_400(anon) -> None:
    response = anon.get("/api/partnerships/?signed_after=last-tuesday")
    assert response.status_code == 400
    assert "signed_after" in response.json()["error"]["fields"]


def test_an_invalid_choice_is_a_400(anon) -> None:
    assert anon.get("/api/instruments/?status=abolished").status_code == 400
    assert anon.get("/api/partnerships/?model=XYZ").status_code == 400


def test_instruments_filter_by_kind_and_status(anon) -> None:
    world = build_world()
    assert keys(anon.get("/api/instruments/?kind=statute&status=repealed")) == [world.objects["state_law"].key]


def test_instruments_in_force_filter(anon) -> None:
    world = build_world()
    assert world.objects["state_law"].key not in keys(anon.get("/api/instruments/?in_force=true"))
    assert keys(anon.get("/api/instruments/?in_force=false")) == [world.objects["state_law"].key]


def test_full_text_search_finds_words_in_the_text(anon) -> None:
    world = build_world()
    InstrumentFactory(title="Synthetic parking ordinance", text="Synthetic text about parking meters.")
    assert keys(anon.get("/api/instruments/?q=face recognition")) == [world.objects["city_ban"].key]


def test_ordering_sorts_and_an_unknown_field_is_a_400(anon) -> None:
    build_world()
    titles = [row["title"] for row in anon.get("/api/instruments/?ordering=-title").json()["results"]]
    assert titles == sorted(titles, reverse=True)
    assert anon.get("/api/instruments/?ordering=secret").status_code == 400


def test_flags_filter_by_rule_state_and_open(anon) -> None:
    world = build_world()
    make_flag(world.city, rule_id="CCOPS-001")
    make_flag(world.city, status="dismissed")
    other = build_world("ZR")
    got = keys(anon.get("/api/flags/?rule=FR-FED-001&state=zq&open=true"), "id")
    assert got == [str(world.objects["flag"].pk)]
    assert str(other.objects["flag"].pk) not in got


def test_an_unknown_rule_filter_is_a_400(anon) -> None:
    assert anon.get("/api/flags/?rule=FR-NOPE-999").status_code == 400


def test_flags_filter_by_flagged_date_and_severity(anon) -> None:
    world = build_world()
    make_flag(world.city, rule_id="CCOPS-001", severity=10)
    assert keys(anon.get("/api/flags/?severity=40&flagged_after=2000-01-01"), "id") == [str(world.objects["flag"].pk)]
    assert keys(anon.get("/api/flags/?flagged_before=2000-01-01"), "id") == []


def test_agencies_in_a_state_and_by_kind(anon) -> None:
    build_world("ZQ")
    build_world("ZR")
    names = keys(anon.get("/api/agencies/?state=ZQ&kind=sheriff"), "name")
    assert names == ["Synthetic County Sheriff's Office"]


def test_jurisdiction_filter_on_the_country_holds_every_state(anon) -> None:
    from tracker.places.models import Jurisdiction

    Jurisdiction.objects.create(ocd_id="ocd-division/country:us", name="United States", kind="country")
    build_world("ZQ")
    build_world("ZR")
    everything = keys(anon.get("/api/instruments/"))
    assert len(everything) == 6
    assert keys(anon.get("/api/instruments/?jurisdiction=ocd-division/country:us")) == everything
