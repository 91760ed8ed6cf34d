"""Synthetic instruments and provisions: every title says it is synthetic."""

import datetime

import factory

from tests.factories.places import PlaceFactory
from tracker.laws.choices import Binds, FederalReach, InstrumentKind, InstrumentStatus, ProvisionType
from tracker.laws.models import Instrument, Provision


class InstrumentFactory(factory.django.DjangoModelFactory):
    """A synthetic ordinance in force since 2020."""

    class Meta:
        model = Instrument

    key = factory.Sequence(lambda n: f"synthetic-instrument-{n}")
    jurisdiction = factory.SubFactory(PlaceFactory)
    kind = InstrumentKind.ORDINANCE
    title = factory.Sequence(lambda n: f"Synthetic Ordinance {n}")
    citation = factory.Sequence(lambda n: f"Synthetic Code § {n}")
    status = InstrumentStatus.IN_FORCE
    enacted_on = datetime.date(2020, 1, 1)
    effective_on = datetime.date(2020, 2, 1)


class ProvisionFactory(factory.django.DjangoModelFactory):
    """A synthetic face-recognition ban binding its own government."""

    class Meta:
        model = Provision

    key = factory.Sequence(lambda n: f"synthetic-provision-{n}")
    instrument = factory.SubFactory(InstrumentFactory)
    type = ProvisionType.FR_BAN
    section = factory.Sequence(lambda n: f"§ {n}")
    summary = "Synthetic: bars city departments from using face recognition."
    binds = Binds.OWN_GOVERNMENT
    acts = factory.LazyFunction(lambda: ["use"])
    technologies = factory.LazyFunction(lambda: ["face_recognition"])
    federal_reach = FederalReach.SILENT
