"""A small synthetic world for API tests: a state, a county, a city, their law and agencies."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from tests.factories.laws import InstrumentFactory, ProvisionFactory
from tests.factories.partnerships import (
    CapabilityFactory,
    FederalProgramFactory,
    PartnershipFactory,
    SharingArrangementFactory,
    SharingEventFactory,
    TechnologyDeploymentFactory,
)
from tests.factories.places import AgencyCoverageFactory, AgencyFactory, CountyFactory, PlaceFactory, StateFactory
from tests.factories.sources import SourceFactory
from tracker.conflicts.choices import FlagStatus, Severity
from tracker.conflicts.models import Flag
from tracker.laws.choices import InstrumentKind
from tracker.partnerships.models import Approval
from tracker.places.choices import AgencyKind, Coverage, CoverageBasis, MembershipBasis
from tracker.places.models import CountyMember, Jurisdiction


@dataclass
class World:
    """Synthetic State ZQ > Synthetic County > Synthetic City, each with law, police and a sheriff."""

    state: Jurisdiction
    county: Jurisdiction
    city: Jurisdiction
    other_city: Jurisdiction
    objects: dict[str, Any]


def build_world(code: str = "ZQ") -> World:
    """A state with one county holding one city, plus a city elsewhere in the state."""
    state = StateFactory(ocd_id=f"ocd-division/country:us/state:{code.lower()}", postal_code=code,
                         name=f"Synthetic State {code}")
    county = CountyFactory(state=state, ocd_id=f"{state.ocd_id}/county:synthetic_county", name="Synthetic County")
    city = PlaceFactory(state=state, ocd_id=f"{state.ocd_id}/place:synthetic_city", name="Synthetic City")
    other_city = PlaceFactory(state=state, ocd_id=f"{state.ocd_id}/place:synthetic_other_city")
    CountyMember.objects.create(member=city, county=county, basis=MembershipBasis.SOURCE)
    source = SourceFactory()
    city_ban = InstrumentFactory(jurisdiction=city, title="Synthetic face-recognition ban ordinance",
                                 text="Synthetic text: no department shall use face recognition technology.")
    city_ban.sources.add(source)
    ProvisionFactory(instrument=city_ban)
    county_law = InstrumentFactory(jurisdiction=county, title="Synthetic county surveillance ordinance")
    state_law = InstrumentFactory(jurisdiction=state, kind=InstrumentKind.STATUTE, title="Synthetic state statute",
                                  status="repealed", repealed_on=datetime.date(2021, 1, 1))
    police = AgencyFactory(home=city, name="Synthetic City Police Department")
    AgencyCoverageFactory(agency=police)
    sheriff = AgencyFactory(home=county, name="Synthetic County Sheriff's Office", kind=AgencyKind.SHERIFF)
    AgencyCoverageFactory(agency=sheriff, coverage=Coverage.CONCURRENT, basis=CoverageBasis.COUNTY_AGENCY)
    patrol = AgencyFactory(home=state, state=state, name="Synthetic State Patrol", kind=AgencyKind.STATE_POLICE)
    AgencyCoverageFactory(agency=patrol, coverage=Coverage.STATEWIDE, basis=CoverageBasis.STATE_AGENCY)
    far_police = AgencyFactory(home=other_city, name="Synthetic Far Police Department")
    tfm = FederalProgramFactory(code="287g-tfm", name="Synthetic Task Force Model")
    jem = FederalProgramFactory(code="287g-jem", name="Synthetic Jail Enforcement Model")
    sheriff_tfm = PartnershipFactory(agency=sheriff, program=tfm, signed_on=datetime.date(2025, 2, 1))
    sheriff_tfm.sources.add(source)
    far_jem = PartnershipFactory(agency=far_police, program=jem, signed_on=datetime.date(2024, 6, 1))
    deployment = TechnologyDeploymentFactory(agency=police)
    deployment.sources.add(source)
    capability = CapabilityFactory(program=tfm)
    capability.sources.add(source)
    approval = Approval.objects.create(jurisdiction=county, body="Synthetic County Council",
                                       partnership=sheriff_tfm, decided_on=datetime.date(2025, 1, 15))
    approval.sources.add(source)
    arrangement = SharingArrangementFactory(agency=police, key=f"synthetic-{code.lower()}-police-network")
    arrangement.sources.add(source)
    sharing_event = SharingEventFactory(arrangement=arrangement)
    sharing_event.sources.add(source)
    flag = make_flag(city, agency=sheriff, partnership=sheriff_tfm, provision=city_ban.provisions.get())
    return World(state, county, city, other_city, {
        "source": source, "city_ban": city_ban, "county_law": county_law, "state_law": state_law,
        "police": police, "sheriff": sheriff, "patrol": patrol, "far_police": far_police, "tfm": tfm,
        "sheriff_tfm": sheriff_tfm, "far_jem": far_jem, "deployment": deployment, "flag": flag,
        "capability": capability, "approval": approval, "arrangement": arrangement, "sharing_event": sharing_event,
    })


def make_flag(jurisdiction: Jurisdiction, *, rule_id: str = "FR-FED-001", status: str = FlagStatus.NEW,
              severity: int = Severity.CRITICAL, **facts: Any) -> Flag:
    """A synthetic flag, as a sweep would store it."""
    now = timezone.now()
    return Flag.objects.create(
        fingerprint=f"synthetic-{Flag.objects.count()}-{rule_id}-{jurisdiction.pk}", rule_id=rule_id,
        jurisdiction=jurisdiction, severity=severity, status=status,
        explanation="Synthetic explanation.", question="Synthetic question?", evidence={"synthetic": True},
        evidence_hash="0" * 64, as_of=now.date(), first_seen_at=now, last_seen_at=now, **facts,
    )
