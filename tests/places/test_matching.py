"""Agency identity and coverage matching on synthetic jurisdictions."""

import pytest

from tests.factories.places import CountyFactory, PlaceFactory, StateFactory
from tracker.places.choices import AgencyKind, Coverage, CoverageBasis, JurisdictionKind
from tracker.places.matching import (
    StateIndex,
    agency_coverage_match,
    agency_kind_for,
    place_name_key_from_agency,
)
from tracker.places.models import CountyMember, Jurisdiction


@pytest.fixture
def state(db: None) -> Jurisdiction:
    return StateFactory(name="Synthetic State 1")


def match(state: Jurisdiction, agency_type: str, name: str, county: str = ""):  # type: ignore[no-untyped-def]
    return agency_coverage_match(index=StateIndex(state), agency_type=agency_type, agency_name=name, county_name=county)


def test_a_sheriff_covers_the_county_named_in_the_county_cell(state: Jurisdiction) -> None:
    county = CountyFactory(state=state, name="Synthetic County")
    found = match(state, "County", "Synthetic County Sheriff's Office", "Synthetic County ")
    assert (found.home, found.coverage, found.basis) == (county, Coverage.CONCURRENT, CoverageBasis.COUNTY_AGENCY)


def test_an_independent_city_is_not_the_county_of_the_same_name(state: Jurisdiction) -> None:
    county = CountyFactory(state=state, name="St. Synthetic County")
    city = PlaceFactory(state=state, name="St. Synthetic city")
    assert match(state, "County", "St. Synthetic County Sheriff's Office", "St. Synthetic County").home == county
    assert match(state, "County", "Saint Synthetic County Sheriff's Office", "Saint Synthetic").home == county
    assert match(state, "Municipality", "St. Synthetic Police Department").home == city


def test_a_municipal_police_department_covers_its_place(state: Jurisdiction) -> None:
    town = Jurisdiction.objects.create(
        state=state,
        name="Synthetic Brook town",
        kind=JurisdictionKind.COUNTY_SUBDIVISION,
        ocd_id=f"{state.ocd_id}/place:synthetic_brook",
    )
    PlaceFactory(state=state, name="North Synthetic Brook town")
    found = match(state, "Municipality", "Synthetic Brook Police Department", "#N/A")
    assert (found.home, found.coverage, found.basis) == (town, Coverage.PRIMARY, CoverageBasis.HOME)


def test_two_places_of_the_same_name_go_to_review_unless_the_county_decides(state: Jurisdiction) -> None:
    east = CountyFactory(state=state, name="East Synthetic County")
    CountyFactory(state=state, name="West Synthetic County")
    first = PlaceFactory(state=state, name="Synthetic Falls city")
    second = PlaceFactory(state=state, name="Synthetic Falls village")
    CountyMember.objects.create(member=first, county=east, basis="source")
    undecided = match(state, "Municipality", "Synthetic Falls Police Department")
    assert undecided.home is None
    assert "2 places could be 'synthetic falls'" in undecided.note
    assert match(state, "Municipality", "Synthetic Falls Police Department", "East Synthetic County").home == first
    assert match(state, "Municipality", "Synthetic Falls Police Department", "West Synthetic County").home is None
    assert second.pk != first.pk


def test_an_unknown_county_goes_to_review_with_a_note(state: Jurisdiction) -> None:
    found = match(state, "County", "Synthetic Countey Sheriff's Office", "Synthetic Countey")
    assert found.home is None
    assert found.note == "no county named 'Synthetic Countey' in Synthetic State 1"


def test_a_state_agency_covers_its_whole_state(state: Jurisdiction) -> None:
    found = match(state, "State Agency", "Synthetic State Department of Corrections")
    assert (found.home, found.coverage, found.basis) == (state, Coverage.STATEWIDE, CoverageBasis.STATE_AGENCY)


def test_a_constable_is_never_placed_by_guess(state: Jurisdiction) -> None:
    PlaceFactory(state=state, name="Synthetic township")
    found = match(state, "Municipality", "Synthetic Township Constable's Office")
    assert found.home is None
    assert "constable" in found.note


@pytest.mark.parametrize(
    ("agency_type", "name", "kind"),
    [
        ("County", "Synthetic County Sheriff's Office", AgencyKind.SHERIFF),
        ("County ", "Synthetic County Police Department", AgencyKind.COUNTY_POLICE),
        ("Municipality", "Synthetic Police Department", AgencyKind.POLICE),
        ("State Agency", "Synthetic Highway Patrol", AgencyKind.STATE_POLICE),
        ("State", "Synthetic Department of Corrections", AgencyKind.STATE_AGENCY),
        ("Municipality", "Synthetic Township Constable's Office", AgencyKind.CONSTABLE),
    ],
)
def test_the_agency_kind_follows_ices_type_and_the_name(agency_type: str, name: str, kind: str) -> None:
    assert agency_kind_for(agency_type=agency_type, name=name) == kind


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Brentwood Police Department", "brentwood"),
        ("City of Synthetic Springs Police Department", "synthetic springs"),
        ("Synthetic Township Police Department", "synthetic township"),
        ("St. Synthetic Police Dept.", "saint synthetic"),
        ("Synthetic County Police Department", ""),
        ("Synthetic Airport Authority", ""),
    ],
)
def test_the_place_name_is_read_from_a_municipal_agency_name(name: str, key: str) -> None:
    assert place_name_key_from_agency(name) == key
