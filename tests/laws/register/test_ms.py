"""Mississippi: §25-1-119 (SB 2710 of 2017)."""


import pytest
from django.db import transaction

from tracker.common.seeding import seed_all
from tracker.laws.models import Instrument, Survey

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


def test_anti_sanctuary_statute_is_sb_2710_not_sb_2306(seeded: None) -> None:
    act = Instrument.objects.get(key="us-ms-code-25-1-119")
    assert act.number == "SB 2710 (2017)"
    assert "SB 2306" in act.doubt
    assert survey("ms").finding == "none_found"
