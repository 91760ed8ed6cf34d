"""Colorado: detainer limits applied to 287(g) by Nash v. Mikesell; 24-18-307(1)'s grounds are alternatives."""

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


def test_hb19_1124_limits_detainer_arrests_and_binds_sheriffs(seeded: None) -> None:
    provision = Provision.objects.get(key="us-co-crs-24-76-6-102-no-detainer-arrests")
    assert provision.type == "immigration_limit" and provision.binds == "all_law_enforcement"
    assert provision.instrument.enacted_on == datetime.date(2019, 5, 28)
    assert "official_record" in set(provision.instrument.sources.values_list("kind", flat=True))


def test_nash_v_mikesell_is_an_event_of_the_statute_with_its_citation(seeded: None) -> None:
    event = InstrumentEvent.objects.get(instrument__key="us-co-crs-24-76-6-hb19-1124", kind="upheld")
    assert event.occurred_on == datetime.date(2024, 7, 3)
    assert "2024 COA 68" in event.description and "23CA0589" in event.description
    decision = Instrument.objects.get(key="us-co-nash-v-mikesell-2024-coa-68")
    assert decision.kind == "court_decision" and decision.verified is False


def test_24_18_307_1_grounds_are_alternatives(seeded: None) -> None:
    provision = Provision.objects.get(key="us-co-crs-24-18-307-1-warrant")
    assert "warrant" not in provision.conditions
    assert "develop leads in an investigation" in provision.quote and "; or (d)" in provision.quote


def test_sb25_276_bars_release_delays(seeded: None) -> None:
    provision = Provision.objects.get(key="us-co-sb25-276-no-release-delay")
    assert provision.binds == "jail_operators"
    assert provision.instrument.enacted_on == datetime.date(2025, 5, 23)


def test_colorado_states_its_287g_position(seeded: None) -> None:
    assert (
        Survey.objects.get(jurisdiction__ocd_id="ocd-division/country:us/state:co", topic="agreements_287g").finding
        == "recorded"
    )
