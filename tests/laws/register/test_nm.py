"""New Mexico: HB 9 (2026) bars 287(g) agreements; seeded unverified until its text is read."""

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
    """Each test runs inside the module's seeded transaction (a savepoint of it)."""


def test_new_mexico_hb9_prohibits_287g_and_is_in_force(seeded: None) -> None:
    ban = Provision.objects.get(key="us-nm-2026-hb9-no-287g")
    assert ban.type == "prohibits_287g" and ban.binds == "all_law_enforcement"
    act = ban.instrument
    assert act.enacted_on == datetime.date(2026, 2, 5)
    assert Instrument.objects.in_force(on=datetime.date(2026, 12, 3)).filter(pk=act.pk).exists()


def test_new_mexico_hb9_stays_unverified_and_says_why(seeded: None) -> None:
    act = Instrument.objects.get(key="us-nm-2026-hb9-immigrant-safety-act")
    assert act.verified is False and "nmlegis.gov" in act.doubt
    assert act.effective_on == datetime.date(2026, 5, 20)
    assert "Department of Justice sued" in act.doubt


def test_new_mexico_states_its_287g_position(seeded: None) -> None:
    assert (
        Survey.objects.get(jurisdiction__ocd_id="ocd-division/country:us/state:nm", topic="agreements_287g").finding
        == "recorded"
    )
