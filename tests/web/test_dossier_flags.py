"""County and city dossiers list the flags of every agency operating there, and a county's count is the map's."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.test import Client

from tests.api.builders import make_flag
from tests.factories.places import AgencyCoverageFactory, AgencyFactory, CountyFactory, PlaceFactory, StateFactory
from tracker.conflicts.models import Flag
from tracker.places.choices import AgencyKind, CoverageBasis, MembershipBasis
from tracker.places.dossier import dossier_for
from tracker.places.models import Agency, CountyMember, Jurisdiction
from tracker.web import selectors

pytestmark = pytest.mark.django_db


@dataclass
class Map:
    """A state of two drawn counties, each with a city, their agencies and flags everywhere."""

    state: Jurisdiction
    counties: list[Jurisdiction]
    cities: list[Jurisdiction]
    agencies: dict[str, Agency]


def _agency(name: str, home: Jurisdiction | None, state: Jurisdiction, kind: str, **coverage: Jurisdiction) -> Agency:
    agency = AgencyFactory(name=f"Synthetic {name}", home=home, state=state, kind=kind)
    for how, where in coverage.items():
        AgencyCoverageFactory(agency=agency, jurisdiction=where, coverage=how, basis=CoverageBasis.MANUAL)
    return agency


@pytest.fixture
def mapped() -> Map:
    state = StateFactory(geoid="56")
    counties = [CountyFactory(state=state, geoid="56001"), CountyFactory(state=state, geoid="56003")]
    cities = [PlaceFactory(state=state), PlaceFactory(state=state)]
    for city, county in zip(cities, counties, strict=True):
        CountyMember.objects.create(member=city, county=county, basis=MembershipBasis.SOURCE)
    one, two = counties
    agencies = {
        "sheriff": _agency("Sheriff", one, state, AgencyKind.SHERIFF, concurrent=one),
        "patrol": _agency("Patrol", state, state, AgencyKind.STATE_POLICE, statewide=state),
        "prisons": _agency("Prisons", state, state, AgencyKind.CORRECTIONS, jail_only=state),
        "police": _agency("Police", cities[0], state, AgencyKind.POLICE, primary=cities[0]),
        "jail": _agency("Regional Jail", None, state, AgencyKind.CORRECTIONS, jail_only=two),
        "prosecutor": _agency("Prosecutor", two, state, AgencyKind.PROSECUTOR),
    }
    anchors = [(cities[0], "sheriff"), (cities[1], "patrol"), (two, "jail"), (two, "patrol"), (state, None)]
    anchors += [(state, name) for name in agencies]
    for where, name in anchors:
        make_flag(where, agency=agencies[name] if name else None)
    return Map(state, counties, cities, agencies)


def _listed(jurisdiction: Jurisdiction) -> set[int]:
    return {flag.pk for flag in dossier_for(jurisdiction)["flags"]}


def _around(jurisdiction: Jurisdiction) -> set[int]:
    """The jurisdiction, what lies inside it, its counties and its state."""
    ids = set(Jurisdiction.objects.within([jurisdiction.pk]).values_list("pk", flat=True))
    return ids | set(jurisdiction.counties.values_list("pk", flat=True)) | {jurisdiction.state_id}


def test_county_and_city_dossiers_list_the_flags_of_every_agency_operating_there(mapped: Map) -> None:
    for jurisdiction in [*mapped.counties, *mapped.cities]:
        listed = _listed(jurisdiction)
        for agency in Agency.objects.operating_in([jurisdiction.pk]):
            theirs = Flag.objects.filter(agency=agency, jurisdiction__in=_around(jurisdiction))
            assert set(theirs.values_list("pk", flat=True)) <= listed, (jurisdiction, agency)
    patrol = Flag.objects.get(agency=mapped.agencies["patrol"], jurisdiction=mapped.state)
    assert all(patrol.pk in _listed(j) for j in [*mapped.counties, *mapped.cities])


def test_a_countys_dossier_counts_what_the_map_counts(mapped: Map, client: Client) -> None:
    shapes, statewide = selectors.state_map(mapped.state, (("56001", "One", "M0 0"), ("56003", "Two", "M0 0")))
    counts = {shape.geoid: shape.count for shape in shapes}
    for county in mapped.counties:
        assert len(_listed(county)) == counts[county.geoid] > 0
        assert f"Flags ({counts[county.geoid]})" in client.get(f"/j/{county.ocd_id}/").content.decode()
    in_a_county = _listed(mapped.counties[0]) | _listed(mapped.counties[1])
    assert statewide == Flag.objects.exclude(pk__in=in_a_county).count() == 2  # the prisons' and the agency-less flag


def test_a_jail_serving_a_place_is_listed_but_its_flags_are_not_the_places(mapped: Map) -> None:
    city = mapped.cities[0]
    data = dossier_for(city)
    prisons = next(a for a in data["agencies"] if a == mapped.agencies["prisons"])
    assert prisons.basis == ["state:jail_only"]
    assert not Flag.objects.filter(agency=prisons, pk__in=_listed(city)).exists()
