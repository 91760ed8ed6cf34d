"""Georgia: HB 1105 (2024), secondary sources only."""

import datetime

import pytest
from django.db import transaction

from tracker.common.seeding import seed_all
from tracker.laws.models import Instrument, Provision, Survey

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def _seeded_module(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    """The real fixtures, loaded once for this module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        seed_all()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def seeded(_seeded_module, db) -> None:  # type: ignore[no-untyped-def]
    """Each test runs inside the module seeded transaction (a savepoint of it)."""


def survey(state: str, topic: str = "agreements_287g") -> Survey:
    return Survey.objects.get(jurisdiction__ocd_id=f"ocd-division/country:us/state:{state}", topic=topic)


def test_hb1105_is_an_unverified_mandate_on_jails(seeded: None) -> None:
    act = Instrument.objects.get(key="us-ga-hb1105-2024-criminal-alien-track-and-report-act")
    assert act.verified is False and act.effective_on is None
    assert act.enacted_on == datetime.date(2024, 5, 1)
    mandate = Provision.objects.get(key="us-ga-hb1105-2024-287g-application")
    assert mandate.type == "mandates_287g" and mandate.binds == "jail_operators" and mandate.verified is False
    assert survey("ga").finding == "recorded"
