"""Oklahoma: 22 O.S. §171.3 detainer law; SB 868 (2025) not enacted."""

import datetime

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


def test_detainer_law_is_not_a_287g_mandate(seeded: None) -> None:
    act = Instrument.objects.get(key="us-ok-22-os-171-3")
    assert act.effective_on == datetime.date(2021, 11, 1) and act.verified is False
    assert set(act.provisions.values_list("type", flat=True)) == {"preempts_local_immigration"}
    assert not Instrument.objects.filter(number__contains="SB 868").exists()
    assert survey("ok").finding == "none_found"
