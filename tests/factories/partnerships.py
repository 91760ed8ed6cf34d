"""Synthetic programs and partnerships.

Program codes mirror the real ones (287g-tfm…) because rules key on them; names say synthetic.
"""

import datetime

import factory

from tests.factories.places import AgencyFactory
from tracker.partnerships.choices import CapabilityKind, PartnershipKind, PartnershipStatus, ProgramKind
from tracker.partnerships.models import (
    Capability,
    FederalProgram,
    Partnership,
    SharingArrangement,
    SharingEvent,
    TechnologyDeployment,
)


class FederalProgramFactory(factory.django.DjangoModelFactory):
    """A synthetic 287(g) model."""

    class Meta:
        model = FederalProgram
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"synthetic-program-{n}")
    name = factory.Sequence(lambda n: f"Synthetic Program {n}")
    kind = ProgramKind.AGREEMENT_287G
    federal_agency = "ICE"


class CapabilityFactory(factory.django.DjangoModelFactory):
    """A synthetic face-recognition capability."""

    class Meta:
        model = Capability

    key = factory.Sequence(lambda n: f"synthetic-capability-{n}")
    program = factory.SubFactory(FederalProgramFactory)
    kind = CapabilityKind.FACE_RECOGNITION
    name = "Synthetic face-matching app"
    retention_days = 15 * 365


class PartnershipFactory(factory.django.DjangoModelFactory):
    """A synthetic active agreement signed in 2025."""

    class Meta:
        model = Partnership

    agency = factory.SubFactory(AgencyFactory)
    program = factory.SubFactory(FederalProgramFactory)
    status = PartnershipStatus.ACTIVE
    # A pending record is an application; anything else an agreement unless a test says otherwise.
    kind = factory.LazyAttribute(
        lambda o: PartnershipKind.APPLICATION if o.status == PartnershipStatus.PENDING else PartnershipKind.AGREEMENT
    )
    signed_on = datetime.date(2025, 3, 1)


class TechnologyDeploymentFactory(factory.django.DjangoModelFactory):
    """A synthetic face-recognition deployment."""

    class Meta:
        model = TechnologyDeployment

    agency = factory.SubFactory(AgencyFactory)
    technology = "face_recognition"
    vendor = "Synthetic Vendor"


class SharingArrangementFactory(factory.django.DjangoModelFactory):
    """A synthetic vendor network giving federal immigration agencies license-plate lookups since 2025."""

    class Meta:
        model = SharingArrangement

    key = factory.Sequence(lambda n: f"synthetic-arrangement-{n}")
    agency = factory.SubFactory(AgencyFactory)
    kind = "vendor_network"
    technology = "alpr"
    vendor = "Synthetic Vendor"
    recipients = factory.LazyFunction(lambda: ["federal_immigration"])
    purposes = factory.LazyFunction(list)
    first_evidence_on = datetime.date(2025, 1, 1)
    summary = "Synthetic: federal immigration agencies could search the network."


class SharingEventFactory(factory.django.DjangoModelFactory):
    """A synthetic report of immigration searches."""

    class Meta:
        model = SharingEvent

    arrangement = factory.SubFactory(SharingArrangementFactory)
    kind = "immigration_searches_reported"
    occurred_on = datetime.date(2025, 8, 25)
    description = "Synthetic: searches labelled immigration were reported."
