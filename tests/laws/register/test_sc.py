"""South Carolina: Act No. 109 of 2024 (SLED unit); H. 4764 (2026) not enacted."""

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


def test_act_109_dates_are_official_and_bind_sled_only(seeded: None) -> None:
    act = Instrument.objects.get(key="us-sc-act-109-2024-sled-illegal-immigration-enforcement-unit")
    assert act.enacted_on == act.effective_on == datetime.date(2024, 2, 5)
    assert act.verified is False
    assert Provision.objects.get(key="us-sc-act-109-2024-sled-moa").binds == "named_agencies"
    assert not Provision.objects.filter(instrument__jurisdiction__ocd_id="ocd-division/country:us/state:sc",
                                        binds="jail_operators").exists()
    assert survey("sc").finding == "recorded"
