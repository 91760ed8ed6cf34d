"""The database refuses place facts that must never be wrong."""

import pytest
from django.db import IntegrityError, transaction

from tests.factories.places import AgencyFactory, PlaceFactory, StateFactory
from tracker.places.models import Agency, Jurisdiction

pytestmark = pytest.mark.django_db


def test_a_malformed_ocd_id_is_refused() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        PlaceFactory(ocd_id="ocd-division/country:us/state:ca/place:Oak land")


def test_a_place_without_a_state_is_refused() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Jurisdiction.objects.create(ocd_id="ocd-division/country:us/place:nowhere", name="Synthetic", kind="place")


def test_a_state_inside_another_state_is_refused() -> None:
    outer = StateFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        StateFactory(state=outer)


def test_an_unknown_jurisdiction_kind_is_refused() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        PlaceFactory(kind="village_green")


def test_the_same_agency_name_twice_in_a_state_is_refused_after_normalisation() -> None:
    agency = AgencyFactory(name="Synthetic County Sheriff's Office", kind="sheriff")
    with pytest.raises(IntegrityError), transaction.atomic():
        AgencyFactory(name="SYNTHETIC COUNTY SHERIFFS OFFICE ", kind="sheriff", home=agency.home)


def test_the_same_agency_name_in_two_states_is_two_agencies() -> None:
    first = AgencyFactory(name="Synthetic Police Department")
    second = AgencyFactory(name="Synthetic Police Department")
    assert first.state_id != second.state_id
    assert Agency.objects.filter(name_key="synthetic police department").count() == 2
