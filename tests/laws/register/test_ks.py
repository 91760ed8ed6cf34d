"""Kansas: the 287(g) position is unresolved; HB 2717 (2022) is stored unverified."""

import datetime

import pytest
from django.db import transaction

from tracker.common.seeding import seed_all
from tracker.laws.models import Instrument, Survey

pytestmark = pytest.mark.django_db
ON = datetime.date(2026, 12, 3)


@pytest.fixture(scope="module")
def _seeded_module(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    """The real fixtures, loaded once for this module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        seed_all()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def seeded(_seeded_module, db) -> None:  # type: ignore[no-untyped-def]
    """Each test runs inside the module's seeded transaction (a savepoint of it)."""


def survey(state: str, topic: str = "agreements_287g") -> Survey:
    return Survey.objects.get(jurisdiction__ocd_id=f"ocd-division/country:us/state:{state}", topic=topic)


def test_kansas_position_is_unresolved_and_hb_2717_unverified(seeded: None) -> None:
    assert survey("ks").finding == "unresolved"
    assert "HB 2372" in survey("ks").note
    hb = Instrument.objects.get(key="us-ks-hb-2717-2022-sanctuary")
    assert (hb.enacted_on, hb.verified) == (datetime.date(2022, 4, 11), False)
