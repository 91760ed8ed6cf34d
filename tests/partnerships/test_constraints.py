"""The database refuses partnership facts that must never be wrong."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from tests.factories.partnerships import FederalProgramFactory, PartnershipFactory
from tests.factories.places import AgencyFactory
from tracker.partnerships.models import Approval, Partnership

pytestmark = pytest.mark.django_db


def test_a_partnership_without_an_agency_is_refused() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Partnership.objects.create(program=FederalProgramFactory(), status="active")


def test_a_partnership_without_a_program_is_refused() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Partnership.objects.create(agency=AgencyFactory(), status="active")


def test_an_end_before_the_signature_is_refused() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        PartnershipFactory(status="ended", signed_on=datetime.date(2025, 5, 1), ended_on=datetime.date(2025, 4, 1))


def test_an_ended_partnership_needs_its_end_date() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        PartnershipFactory(status="ended", ended_on=None)


def test_an_unknown_status_is_refused() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        PartnershipFactory(status="sort_of")


def test_two_active_agreements_of_one_agency_in_one_program_are_refused() -> None:
    first = PartnershipFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        PartnershipFactory(agency=first.agency, program=first.program)


def test_an_ended_and_an_active_agreement_may_coexist() -> None:
    ended = PartnershipFactory(status="ended", ended_on=datetime.date(2025, 6, 1))
    PartnershipFactory(agency=ended.agency, program=ended.program)
    assert Partnership.objects.filter(agency=ended.agency).count() == 2


def test_an_approval_of_nothing_is_refused() -> None:
    partnership = PartnershipFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Approval.objects.create(
            jurisdiction=partnership.agency.home, body="Synthetic Council", decided_on=datetime.date(2025, 1, 1)
        )


def test_active_counts_from_signature_until_end() -> None:
    partnership = PartnershipFactory(
        status="ended", signed_on=datetime.date(2025, 1, 1), ended_on=datetime.date(2025, 7, 18)
    )
    assert not Partnership.objects.active(on=datetime.date(2024, 12, 31)).filter(pk=partnership.pk).exists()
    assert Partnership.objects.active(on=datetime.date(2025, 7, 17)).filter(pk=partnership.pk).exists()
    assert not Partnership.objects.active(on=datetime.date(2025, 7, 18)).filter(pk=partnership.pk).exists()


def test_a_pending_application_is_never_active() -> None:
    partnership = PartnershipFactory(kind="application", status="pending", signed_on=None)
    assert not Partnership.objects.active().filter(pk=partnership.pk).exists()


def test_an_agreement_cannot_be_pending() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        PartnershipFactory(kind="agreement", status="pending", signed_on=None)


def test_an_application_cannot_be_active() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        PartnershipFactory(kind="application", status="active", signed_on=None)
