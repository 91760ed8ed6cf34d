"""The database refuses law facts that must never be wrong."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from tests.factories.laws import InstrumentFactory, ProvisionFactory
from tracker.laws.models import Provision

pytestmark = pytest.mark.django_db


def test_a_provision_without_an_instrument_is_refused() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Provision.objects.create(key="orphan", type="fr_ban", summary="Synthetic.", binds="own_government")


def test_an_effective_date_before_the_enactment_date_is_refused() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        InstrumentFactory(enacted_on=datetime.date(2021, 5, 1), effective_on=datetime.date(2021, 4, 1))


def test_a_repeal_before_enactment_is_refused() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        InstrumentFactory(enacted_on=datetime.date(2021, 5, 1), repealed_on=datetime.date(2020, 1, 1))


def test_an_unknown_provision_type_is_refused() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        ProvisionFactory(type="fr_maybe")


def test_an_unknown_instrument_status_is_refused() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        InstrumentFactory(status="kind_of")


def test_a_retention_limit_needs_its_number_of_days() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        ProvisionFactory(type="retention_limit", retention_days=None)


def test_an_unknown_act_in_a_provision_fails_validation() -> None:
    provision = ProvisionFactory.build(acts=["use", "teleport"], instrument=InstrumentFactory())
    with pytest.raises(Exception, match="teleport"):
        provision.full_clean()


def test_federal_reach_defaults_to_unassessed_never_to_silent() -> None:
    provision = ProvisionFactory(federal_reach=Provision._meta.get_field("federal_reach").default)
    assert provision.federal_reach == "unassessed"
