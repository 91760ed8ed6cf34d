"""South Dakota: SB 7 (2025) bans sanctuary policies; no 287(g) law found."""

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


def test_sb_7_is_a_dateless_unverified_preemption(seeded: None) -> None:
    sb7 = Instrument.objects.get(key="us-sd-sb-7-2025-sanctuary-ban")
    assert (sb7.enacted_on, sb7.effective_on, sb7.verified) == (None, None, False)
    assert sb7.provisions.get().type == "preempts_local_immigration"
    assert survey("sd").finding == "none_found"
