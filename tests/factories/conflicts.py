"""Synthetic worlds in the database for engine tests: every name says it is synthetic."""

from __future__ import annotations

from dataclasses import dataclass

from tests.factories.laws import InstrumentFactory, ProvisionFactory
from tests.factories.partnerships import CapabilityFactory, FederalProgramFactory, PartnershipFactory
from tests.factories.places import AgencyCoverageFactory, AgencyFactory, CountyFactory, PlaceFactory, StateFactory
from tests.factories.sources import SourceFactory
from tracker.laws.models import Provision
from tracker.partnerships.choices import CapabilityKind
from tracker.partnerships.models import FederalProgram
from tracker.places.choices import AgencyKind, Coverage, CoverageBasis
from tracker.places.models import Agency, CountyMember, Jurisdiction


def task_force_program() -> FederalProgram:
    """The synthetic Task Force Model, with a face-recognition capability kept 15 years."""
    program = FederalProgramFactory(code="287g-tfm", name="Synthetic 287(g) Task Force Model")
    if not program.capabilities.exists():
        CapabilityFactory(program=program, kind=CapabilityKind.FACE_RECOGNITION, verified=True)
    return program


def jail_program() -> FederalProgram:
    """The synthetic Jail Enforcement Model: no field face-scanning app."""
    return FederalProgramFactory(code="287g-jem", name="Synthetic 287(g) Jail Enforcement Model")


@dataclass
class CityCase:
    """A synthetic city with a ban, in a county whose sheriff polices it."""

    state: Jurisdiction
    county: Jurisdiction
    city: Jurisdiction
    police: Agency
    sheriff: Agency
    ban: Provision


def city_case(state: Jurisdiction | None = None) -> CityCase:
    """Create the headline case: city ban, city police, county sheriff with concurrent coverage."""
    state = state or StateFactory()
    county = CountyFactory(state=state)
    city = PlaceFactory(state=state)
    CountyMember.objects.create(member=city, county=county, basis="ocd_id")
    police = AgencyFactory(home=city)
    AgencyCoverageFactory(agency=police)
    sheriff = AgencyFactory(home=county, kind=AgencyKind.SHERIFF, name=f"Synthetic Sheriff of {county.name}")
    AgencyCoverageFactory(agency=sheriff, jurisdiction=county, coverage=Coverage.CONCURRENT,
                          basis=CoverageBasis.COUNTY_AGENCY)
    instrument = InstrumentFactory(jurisdiction=city, verified=True)
    instrument.sources.add(SourceFactory())
    ban = ProvisionFactory(instrument=instrument, verified=True)
    ban.sources.add(SourceFactory())
    return CityCase(state, county, city, police, sheriff, ban)


def join(agency: Agency, program: FederalProgram, **fields: object) -> object:
    """An agreement of the agency in the program, with a synthetic sheet as source."""
    partnership = PartnershipFactory(agency=agency, program=program, **fields)
    partnership.sources.add(SourceFactory())
    return partnership
