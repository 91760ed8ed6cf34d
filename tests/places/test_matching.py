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
from tracker.places.models import CountyMember, Jurisdiction, JurisdictionAlias


@pytest.fixture
def state(db: None) -> Jurisdiction:
    return StateFactory(name="Synthetic State 1")


def subdivision(state: Jurisdiction, county: Jurisdiction, name: str) -> Jurisdiction:
    """A county subdivision whose OCD id nests in its county, as the registry writes it."""
    slug = name.lower().replace(" ", "_")
    return Jurisdiction.objects.create(
        state=state, name=name, kind=JurisdictionKind.COUNTY_SUBDIVISION, ocd_id=f"{county.ocd_id}/place:{slug}"
    )


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


def test_two_places_of_the_same_name_go_to_review_unless_the_county_rules_one_out(state: Jurisdiction) -> None:
    east = CountyFactory(state=state, name="East Synthetic County")
    CountyFactory(state=state, name="West Synthetic County")
    first = PlaceFactory(state=state, name="Synthetic Falls city")
    second = PlaceFactory(state=state, name="Synthetic Falls village")
    CountyMember.objects.create(member=first, county=east, basis="source")
    undecided = match(state, "Municipality", "Synthetic Falls Police Department")
    assert undecided.home is None
    assert "2 places could be 'synthetic falls'" in undecided.note
    assert match(state, "Municipality", "Synthetic Falls Police Department", "East Synthetic County").home is None
    assert match(state, "Municipality", "Synthetic Falls Police Department", "West Synthetic County").home == second


def test_an_unknown_county_goes_to_review_with_a_note(state: Jurisdiction) -> None:
    found = match(state, "County", "Synthetic Countey Sheriff's Office", "Synthetic Countey")
    assert found.home is None
    assert found.note == "no county named 'Synthetic Countey' in Synthetic State 1"


def test_a_state_agency_covers_its_whole_state(state: Jurisdiction) -> None:
    found = match(state, "State Agency", "Synthetic State Department of Public Safety")
    assert (found.home, found.coverage, found.basis) == (state, Coverage.STATEWIDE, CoverageBasis.STATE_AGENCY)


def test_a_county_constable_is_a_county_officer_of_part_of_its_county(state: Jurisdiction) -> None:
    county = CountyFactory(state=state, name="Synthetic County")
    found = match(state, "Municipality", "Synthetic County Constable Precinct 3", "Synthetic County")
    assert (found.home, found.coverage, found.basis) == (county, Coverage.PART, CoverageBasis.CONSTABLE)


def test_a_township_constable_polices_its_township_without_belonging_to_it(state: Jurisdiction) -> None:
    county = CountyFactory(state=state, name="Synthetic County", ocd_id=f"{state.ocd_id}/county:synthetic")
    township = subdivision(state, county, "Synthetic Hollow township")
    subdivision(state, CountyFactory(state=state, name="Other Synthetic County"), "Synthetic Hollow township")
    found = match(
        state, "Municipality", "Pennsylvania State Constable's Office, Synthetic Hollow Twp", "Synthetic County"
    )
    assert found.home is None
    assert [(r.jurisdiction, r.coverage, r.basis) for r in found.rows] == [
        (township, Coverage.PART, CoverageBasis.CONSTABLE)
    ]


def test_a_town_marshal_is_the_towns_police(state: Jurisdiction) -> None:
    town = PlaceFactory(state=state, name="Synthetic Springs city")
    found = match(state, "Municipality", "Synthetic Springs City Marshal's Office", "")
    assert (found.home, found.coverage) == (town, Coverage.PRIMARY)


def test_a_constable_whose_township_is_in_two_counties_goes_to_review_with_candidates(state: Jurisdiction) -> None:
    first = CountyFactory(state=state, name="First Synthetic County")
    second = CountyFactory(state=state, name="Second Synthetic County")
    subdivision(state, first, "Synthetic Hollow township")
    subdivision(state, second, "Synthetic Hollow township")
    found = match(state, "Municipality", "Synthetic Hollow Township Constable's Office", "")
    assert not found.matched
    assert found.note.startswith("a constable: 2 places could be 'synthetic hollow township'")


def test_an_independent_city_that_ice_calls_a_county_is_placed_in_the_city(state: Jurisdiction) -> None:
    city = PlaceFactory(state=state, name="Synthetic Hope city", ocd_id=f"{state.ocd_id}/place:synthetic_hope")
    JurisdictionAlias.objects.create(jurisdiction=city, ocd_id=f"{state.ocd_id}/county:synthetic_hope")
    found = match(state, "County", "Synthetic Hope County Sheriff's Office", "Synthetic Hope County")
    assert (found.home, found.coverage) == (city, Coverage.CONCURRENT)
    assert "independent city" in found.note


def test_a_real_county_wins_over_an_independent_city_of_the_same_name(state: Jurisdiction) -> None:
    county = CountyFactory(state=state, name="Synthetic Fair County")
    city = PlaceFactory(state=state, name="Synthetic Fair city", ocd_id=f"{state.ocd_id}/place:synthetic_fair")
    JurisdictionAlias.objects.create(jurisdiction=city, ocd_id=f"{state.ocd_id}/county:synthetic_fair_city")
    assert match(state, "County", "Synthetic Fair County Sheriff's Office", "Synthetic Fair County").home == county
    assert match(state, "County", "Synthetic Fair City Sheriff's Office", "Synthetic Fair City").home == city


def test_a_misspelt_county_is_read_when_one_county_is_clearly_closest(state: Jurisdiction) -> None:
    county = CountyFactory(state=state, name="Synthetic Berrien County")
    CountyFactory(state=state, name="Synthetic Barron County")
    found = match(state, "County", "Synthetic Berrian County Sheriff's Office", "Synthetic Berrian County")
    assert found.home == county
    assert "read as Synthetic Berrien County" in found.note


def test_a_doubtful_misspelling_goes_to_review_with_the_candidates(state: Jurisdiction) -> None:
    CountyFactory(state=state, name="Synthetic Lea County")
    CountyFactory(state=state, name="Synthetic Lee County")
    found = match(state, "County", "Synthetic Lei County Sheriff's Office", "Synthetic Lei County")
    assert not found.matched
    assert "candidates: Synthetic Lea County" in found.note
    assert "Synthetic Lee County" in found.note


def test_the_county_in_the_agencys_name_reads_a_wrong_county_cell(state: Jurisdiction) -> None:
    county = CountyFactory(state=state, name="Saint Synthetic Parish")
    found = match(state, "County", "St. Synthetic Parish Sheriff's Office", "Synthetic Seat Parish")
    assert found.home == county
    assert "the COUNTY cell 'Synthetic Seat Parish' names no county" in found.note


def test_a_county_cell_and_a_name_that_disagree_go_to_review(state: Jurisdiction) -> None:
    CountyFactory(state=state, name="North Synthetic County")
    CountyFactory(state=state, name="South Synthetic County")
    found = match(state, "County", "North Synthetic County Sheriff's Office", "South Synthetic County")
    assert not found.matched
    assert "give different counties" in found.note


def test_a_county_sheriff_that_ice_types_as_a_municipality_covers_its_county(state: Jurisdiction) -> None:
    county = CountyFactory(state=state, name="Synthetic County")
    assert match(state, "Municipality", "Synthetic County Sheriff's Office", "Synthetic County").home == county


def test_a_regional_jail_authority_serves_the_counties_it_names_and_not_its_state(state: Jurisdiction) -> None:
    counties = [CountyFactory(state=state, name=f"Synthetic {n} County") for n in ("Alder", "Birch", "Cedar")]
    found = match(state, "State Agency", "Synthetic Alder, Synthetic Birch, Synthetic Cedar Regional Jail Authority")
    assert found.home is None
    assert [(r.jurisdiction, r.coverage, r.basis) for r in found.rows] == [
        (county, Coverage.JAIL_ONLY, CoverageBasis.REGIONAL) for county in counties
    ]


def test_a_regional_jail_authority_whose_counties_are_unknown_goes_to_review(state: Jurisdiction) -> None:
    found = match(state, "County", "Southwest Synthetic Regional Jail Authority")
    assert not found.matched
    assert "regional jail authority" in found.note


def test_an_airport_police_covers_the_place_its_name_gives(state: Jurisdiction) -> None:
    city = PlaceFactory(state=state, name="Synthetic Harbor city")
    found = match(state, "Municipality", "Synthetic Harbor International Airport Police Department")
    assert found.home is None
    assert [(r.jurisdiction, r.coverage, r.basis) for r in found.rows] == [
        (city, Coverage.FACILITY, CoverageBasis.FACILITY)
    ]


def test_an_airport_authority_of_two_counties_covers_both(state: Jurisdiction) -> None:
    first = CountyFactory(state=state, name="Synthetica County")
    second = CountyFactory(state=state, name="Fakeland County")
    found = match(state, "Municipality", "Synthetica Fakeland Airport Authority Police Department")
    assert [r.jurisdiction for r in found.rows] == [first, second]
    assert {r.coverage for r in found.rows} == {Coverage.FACILITY}


def test_a_campus_police_covers_the_county_of_the_county_cell(state: Jurisdiction) -> None:
    county = CountyFactory(state=state, name="Synthetic County")
    found = match(state, "Municipality", "University of Synthetic State Police Department", "Synthetic County")
    assert [(r.jurisdiction, r.coverage) for r in found.rows] == [(county, Coverage.FACILITY)]
    assert found.home is None


def test_a_regional_police_department_covers_part_of_the_county_of_the_sheet(state: Jurisdiction) -> None:
    county = CountyFactory(state=state, name="Synthetic County")
    found = match(state, "Municipality", "Eastern Synthetic Regional Police Department", "Synthetic County")
    assert [(r.jurisdiction, r.coverage, r.basis) for r in found.rows] == [
        (county, Coverage.PART, CoverageBasis.REGIONAL)
    ]
    assert found.home is None


def test_a_misspelt_place_is_read_when_one_place_is_clearly_closest(state: Jurisdiction) -> None:
    town = PlaceFactory(state=state, name="Synthetickborough city")
    PlaceFactory(state=state, name="Synthetic Falls city")
    found = match(state, "Municipality", "Synthetickboro Police Department")
    assert found.home == town
    assert "read as Synthetickborough city" in found.note


def test_a_shortened_place_name_goes_to_review_with_the_candidate(state: Jurisdiction) -> None:
    PlaceFactory(state=state, name="Synthetic Isles Beach city")
    found = match(state, "Municipality", "Synthetic Isles Police Department")
    assert not found.matched
    assert "candidates: Synthetic Isles Beach city" in found.note


def test_a_county_qualifier_after_a_dash_picks_the_township_of_that_county(state: Jurisdiction) -> None:
    east = CountyFactory(state=state, name="East Synthetic County", ocd_id=f"{state.ocd_id}/county:east_synthetic")
    west = CountyFactory(state=state, name="West Synthetic County", ocd_id=f"{state.ocd_id}/county:west_synthetic")
    subdivision(state, west, "Synthetic Vale township")
    township = subdivision(state, east, "Synthetic Vale township")
    found = match(
        state, "Municipality", "Synthetic Vale TWP Police Department - East Synthetic", "East Synthetic County"
    )
    assert found.home == township


def test_a_place_known_to_lie_in_another_county_is_set_aside(state: Jurisdiction) -> None:
    east = CountyFactory(state=state, name="East Synthetic County", ocd_id=f"{state.ocd_id}/county:east_synthetic")
    CountyFactory(state=state, name="West Synthetic County")
    subdivision(state, east, "Synthetic Ridge township")
    town = PlaceFactory(state=state, name="Synthetic Ridge town")
    assert match(state, "Municipality", "Synthetic Ridge Police Department", "West Synthetic County").home == town


@pytest.mark.parametrize(
    ("agency_type", "name", "kind"),
    [
        ("County", "Synthetic County Sheriff's Office", AgencyKind.SHERIFF),
        ("County ", "Synthetic County Police Department", AgencyKind.COUNTY_POLICE),
        ("Municipality", "Synthetic Police Department", AgencyKind.POLICE),
        ("State Agency", "Synthetic Highway Patrol", AgencyKind.STATE_POLICE),
        ("State", "Synthetic Department of Corrections", AgencyKind.CORRECTIONS),
        ("Municipality", "Synthetic Township Constable's Office", AgencyKind.CONSTABLE),
        ("Municipality", "Synthetic City Marshal's Office", AgencyKind.CONSTABLE),
        ("Municipality", "Synthetic County Sheriff's Office", AgencyKind.SHERIFF),
        ("Municipality", "Synthetic International Airport Police Department", AgencyKind.PORT),
        ("County", "Synthetic County Port Authority Police", AgencyKind.PORT),
        ("Municipality", "Synthetic State University Police Department", AgencyKind.CAMPUS),
        ("State Agency", "Synthetic Regional Jail Authority", AgencyKind.CORRECTIONS),
        ("Municipality", "Port Synthetic Police Department", AgencyKind.POLICE),
        ("Municipality", "North Port Synthetic Police Department", AgencyKind.POLICE),
        ("Municipality", "Synthetic Port Police Department", AgencyKind.POLICE),
        ("State Agency", "Synthetic Office of the State Fire Marshal", AgencyKind.STATE_AGENCY),
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
        ("Synthetic Hollow TWP Police Department - Synthetic", "synthetic hollow township"),
        ('Cut "N" Synthetic Police Department', "cut and synthetic"),
    ],
)
def test_the_place_name_is_read_from_a_municipal_agency_name(name: str, key: str) -> None:
    assert place_name_key_from_agency(name) == key


def test_a_state_constable_named_for_its_county_covers_part_of_it_without_belonging_to_it(
    state: Jurisdiction,
) -> None:
    county = CountyFactory(state=state, name="Synthetic County")
    subdivision(state, county, "Synthetic township")
    found = match(state, "Municipality", "Synthetic State Constables Office Synthetic County", "Synthetic County")
    assert found.home is None
    assert [(r.jurisdiction, r.coverage) for r in found.rows] == [(county, Coverage.PART)]


def test_a_misspelling_that_changes_the_first_letter_is_not_read(state: Jurisdiction) -> None:
    CountyFactory(state=state, name="Worth County")
    found = match(state, "Municipality", "North County Police Cooperative", "North County")
    assert not found.matched
    assert "candidates: Worth County" in found.note


def test_a_ward_marshal_covers_part_of_the_parish_of_the_sheet(state: Jurisdiction) -> None:
    parish = CountyFactory(state=state, name="Synthetic Parish")
    found = match(state, "Municipality", "Ward 5 Marshal's Office", "Synthetic Parish")
    assert found.home is None
    assert [(r.jurisdiction, r.coverage, r.basis) for r in found.rows] == [
        (parish, Coverage.PART, CoverageBasis.CONSTABLE)
    ]


def test_a_police_department_is_the_towns_not_the_township_of_the_same_name(state: Jurisdiction) -> None:
    county = CountyFactory(state=state, name="Synthetic County", ocd_id=f"{state.ocd_id}/county:synthetic")
    subdivision(state, county, "Synthetic Glen township")
    town = PlaceFactory(state=state, name="Synthetic Glen town")
    found = match(state, "Municipality", "Synthetic Glen Police Department", "Synthetic County")
    assert found.home == town
    assert "the agency's name does not name a township or town" in found.note


def test_a_township_police_department_is_the_townships(state: Jurisdiction) -> None:
    county = CountyFactory(state=state, name="Synthetic County", ocd_id=f"{state.ocd_id}/county:synthetic")
    township = subdivision(state, county, "Synthetic Glen township")
    PlaceFactory(state=state, name="Synthetic Glen town")
    assert (
        match(state, "Municipality", "Synthetic Glen Township Police Department", "Synthetic County").home == township
    )


def test_a_constable_of_a_borough_and_township_of_the_same_name_goes_to_review(state: Jurisdiction) -> None:
    county = CountyFactory(state=state, name="Synthetic County", ocd_id=f"{state.ocd_id}/county:synthetic")
    subdivision(state, county, "Synthetic Glen township")
    PlaceFactory(state=state, name="Synthetic Glen borough")
    found = match(
        state, "Municipality", "Synthetic State Constable Office Synthetic Glen Precinct 1", "Synthetic County"
    )
    assert not found.matched
    assert "2 places could be 'synthetic glen'" in found.note


def test_a_state_department_of_corrections_serves_the_state_but_polices_none_of_it(db) -> None:  # type: ignore[no-untyped-def]
    from tests.factories.places import StateFactory
    from tracker.places.choices import Coverage
    from tracker.places.matching import StateIndex, agency_coverage_match

    state = StateFactory(name="Synthetic State Q")
    match = agency_coverage_match(index=StateIndex(state), agency_type="State Agency",
                                  agency_name="Synthetic State Department of Corrections", county_name="")
    assert (match.home, match.coverage) == (state, Coverage.JAIL_ONLY)
    patrol = agency_coverage_match(index=StateIndex(state), agency_type="State Agency",
                                   agency_name="Synthetic State Highway Patrol", county_name="")
    assert patrol.coverage == Coverage.STATEWIDE
