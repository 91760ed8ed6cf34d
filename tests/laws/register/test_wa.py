"""Washington: the Keep Washington Working 287(g) ban, and RCW 43.386 as the session law reads."""

import datetime

import pytest
from django.db import transaction

from tracker.common.seeding import seed_all
from tracker.laws.models import Instrument, InstrumentEvent, Provision, Survey

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


def test_washington_bans_287g_agreements_in_so_many_words(seeded: None) -> None:
    ban = Provision.objects.get(key="us-wa-rcw-10-93-160-11-no-287g")
    assert ban.type == "prohibits_287g" and ban.verified is True
    assert ban.federal_reach == "express" and ban.binds == "all_law_enforcement"
    assert "also known as 287(g) agreements" in ban.quote
    kww = ban.instrument
    assert kww.key == "us-wa-laws-2019-c440-keep-washington-working"
    assert Instrument.objects.in_force(on=datetime.date(2026, 12, 3)).filter(pk=kww.pk).exists()
    assert "primary_text" in set(ban.sources.values_list("kind", flat=True))


def test_rcw_43_386_takes_effect_1_july_2021(seeded: None) -> None:
    statute = Instrument.objects.get(key="us-wa-rcw-43-386")
    assert statute.effective_on == datetime.date(2021, 7, 1)
    assert InstrumentEvent.objects.filter(
        instrument=statute, kind="effective", occurred_on=datetime.date(2021, 7, 1)
    ).exists()


def test_the_warrant_is_one_of_several_alternatives_not_a_condition(seeded: None) -> None:
    provision = Provision.objects.get(key="us-wa-rcw-43-386-080-warrant")
    assert "warrant" not in provision.conditions
    assert "(b) Exigent circumstances exist; or (c)" in provision.quote


def test_rcw_43_386_080_2_bars_use_based_on_immigration_status(seeded: None) -> None:
    provision = Provision.objects.get(key="us-wa-rcw-43-386-080-2-no-immigration-status")
    assert provision.conditions == ["no_immigration_status"]
    assert provision.federal_reach == "excluded" and provision.verified is True
    assert provision.exceptions.filter(kind="federal_partnership").exists()


def test_the_driver_privacy_act_is_seeded_unverified(seeded: None) -> None:
    act = Instrument.objects.get(key="us-wa-sb6002-2026-driver-privacy-act")
    assert act.verified is False and act.doubt
    assert not act.provisions.filter(type="retention_limit").exists()


def test_washington_states_its_287g_position(seeded: None) -> None:
    survey = Survey.objects.get(jurisdiction__ocd_id="ocd-division/country:us/state:wa", topic="agreements_287g")
    assert survey.finding == "recorded"
