"""Synthetic jurisdictions and agencies: every name says it is synthetic."""

from __future__ import annotations

import random
from dataclasses import dataclass

import factory

from tracker.places.choices import AgencyKind, Coverage, CoverageBasis, JurisdictionKind, MembershipBasis
from tracker.places.models import Agency, AgencyCoverage, CountyMember, Jurisdiction


class StateFactory(factory.django.DjangoModelFactory):
    """A synthetic state, with a two-letter code outside USPS's."""

    class Meta:
        model = Jurisdiction
        django_get_or_create = ("ocd_id",)

    ocd_id = factory.Sequence(lambda n: f"ocd-division/country:us/state:z{n}")
    name = factory.Sequence(lambda n: f"Synthetic State {n}")
    kind = JurisdictionKind.STATE
    postal_code = factory.Sequence(lambda n: f"Z{n % 10}")


class CountyFactory(factory.django.DjangoModelFactory):
    """A synthetic county."""

    class Meta:
        model = Jurisdiction

    state = factory.SubFactory(StateFactory)
    name = factory.Sequence(lambda n: f"Synthetic County {n}")
    ocd_id = factory.LazyAttributeSequence(lambda o, n: f"{o.state.ocd_id}/county:synthetic_{n}")
    kind = JurisdictionKind.COUNTY


class PlaceFactory(factory.django.DjangoModelFactory):
    """A synthetic city."""

    class Meta:
        model = Jurisdiction

    state = factory.SubFactory(StateFactory)
    name = factory.Sequence(lambda n: f"Synthetic City {n}")
    ocd_id = factory.LazyAttributeSequence(lambda o, n: f"{o.state.ocd_id}/place:synthetic_city_{n}")
    kind = JurisdictionKind.PLACE


class AgencyFactory(factory.django.DjangoModelFactory):
    """A synthetic municipal police department, at home in a synthetic city."""

    class Meta:
        model = Agency

    home = factory.SubFactory(PlaceFactory)
    state = factory.LazyAttribute(lambda o: o.home.state)
    name = factory.Sequence(lambda n: f"Synthetic Police Department {n}")
    kind = AgencyKind.POLICE


class AgencyCoverageFactory(factory.django.DjangoModelFactory):
    """The agency polices its home jurisdiction."""

    class Meta:
        model = AgencyCoverage

    agency = factory.SubFactory(AgencyFactory)
    jurisdiction = factory.LazyAttribute(lambda o: o.agency.home)
    coverage = Coverage.PRIMARY
    basis = CoverageBasis.HOME


@dataclass
class Edges:
    """The named cases of `edge_world`."""

    state: Jurisdiction
    county: Jurisdiction
    county_b: Jurisdiction
    city: Jurisdiction
    both: Jurisdiction
    independent_city: Jurisdiction
    far_city: Jurisdiction
    sheriff: Agency
    independent_sheriff: Agency
    patrol: Agency
    corrections: Agency
    regional_jail: Agency
    police: Agency


def _agency(home: Jurisdiction | None, kind: str, coverage: dict[Jurisdiction, str], state: Jurisdiction) -> Agency:
    agency = AgencyFactory(home=home, state=state, kind=kind)
    for where, how in coverage.items():
        AgencyCoverageFactory(agency=agency, jurisdiction=where, coverage=how, basis=CoverageBasis.MANUAL)
    return agency


def edge_world() -> Edges:
    """A state with two counties, a city in one, a city in both, an independent city, a consolidated city-county
    with a township, a second state; the sheriff, statewide patrol, state prisons (jail only), a regional jail, a
    county police, a contract agency, an airport police; then agencies with generated coverage."""
    country = Jurisdiction.objects.create(ocd_id="ocd-division/country:us", name="Synthetic Country", kind="country")
    state, other_state = StateFactory(), StateFactory()
    county, county_b = CountyFactory(state=state), CountyFactory(state=state)
    consolidated = CountyFactory(state=state, kind=JurisdictionKind.CONSOLIDATED)
    city, both, independent = PlaceFactory(state=state), PlaceFactory(state=state), PlaceFactory(state=state)
    township = PlaceFactory(state=state, kind=JurisdictionKind.COUNTY_SUBDIVISION)
    far_county = CountyFactory(state=other_state)
    far_city = PlaceFactory(state=other_state)
    for member, where in (
        (city, county),
        (both, county),
        (both, county_b),
        (township, consolidated),
        (far_city, far_county),
    ):
        CountyMember.objects.create(member=member, county=where, basis=MembershipBasis.SOURCE)
    edges = Edges(
        state=state,
        county=county,
        county_b=county_b,
        city=city,
        both=both,
        independent_city=independent,
        far_city=far_city,
        sheriff=_agency(county, AgencyKind.SHERIFF, {county: Coverage.CONCURRENT}, state),
        independent_sheriff=_agency(independent, AgencyKind.SHERIFF, {independent: Coverage.CONCURRENT}, state),
        patrol=_agency(state, AgencyKind.STATE_POLICE, {state: Coverage.STATEWIDE}, state),
        corrections=_agency(state, AgencyKind.CORRECTIONS, {state: Coverage.JAIL_ONLY}, state),
        regional_jail=_agency(
            None, AgencyKind.CORRECTIONS, {county: Coverage.JAIL_ONLY, county_b: Coverage.JAIL_ONLY}, state
        ),
        police=_agency(city, AgencyKind.POLICE, {city: Coverage.PRIMARY}, state),
    )
    _agency(county_b, AgencyKind.COUNTY_POLICE, {county_b: Coverage.PRIMARY}, state)
    _agency(None, AgencyKind.POLICE, {consolidated: Coverage.CONTRACT}, state)
    _agency(None, AgencyKind.PORT, {both: Coverage.FACILITY}, state)
    _agency(county, AgencyKind.PROSECUTOR, {}, state)
    _agency(other_state, AgencyKind.STATE_POLICE, {other_state: Coverage.STATEWIDE}, other_state)
    places = [
        country,
        state,
        other_state,
        county,
        county_b,
        consolidated,
        city,
        both,
        independent,
        township,
        far_county,
        far_city,
    ]
    pick = random.Random(17)
    for _ in range(12):
        where = pick.sample(places[1:], pick.randint(1, 3))
        _agency(
            pick.choice([None, *where]),
            AgencyKind.OTHER,
            {w: pick.choice(Coverage.values) for w in where},
            state=pick.choice([state, other_state]),
        )
    return edges
