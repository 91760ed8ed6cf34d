"""Synthetic jurisdictions and agencies: every name says it is synthetic."""

import factory

from tracker.places.choices import AgencyKind, Coverage, CoverageBasis, JurisdictionKind
from tracker.places.models import Agency, AgencyCoverage, Jurisdiction


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
