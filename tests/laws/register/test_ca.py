"""California: SB 34's bar on sharing ALPR data with federal agencies, and the city surveillance laws."""

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


def test_sb34_bars_alpr_sharing_with_federal_agencies(seeded: None) -> None:
    provision = Provision.objects.get(key="us-ca-civ-code-1798-90-55-b-no-federal-sharing")
    assert provision.type == "data_sharing_limit" and provision.technologies == ["alpr"]
    assert provision.federal_reach == "express" and "federal agencies" in provision.federal_reach_quote
    assert "official_record" in set(provision.sources.values_list("kind", flat=True))


@pytest.mark.parametrize(
    ("key", "place"),
    [
        ("us-ca-berkeley-bmc-2-99", "berkeley"),
        ("us-ca-davis-code-26-07", "davis"),
        ("us-ca-palo-alto-pamc-2-30", "palo_alto"),
        ("us-ca-sebastopol-smc-8-80", "sebastopol"),
        ("us-ca-santa-cruz-scmc-9-85", "santa_cruz"),
        ("us-ca-san-diego-sdmc-ch2-art10-trust", "san_diego"),
        ("us-ca-alameda-res-15625", "alameda"),
    ],
)
def test_city_laws_sit_in_their_city(seeded: None, key: str, place: str) -> None:
    instrument = Instrument.objects.get(key=key)
    assert instrument.jurisdiction.ocd_id == f"ocd-division/country:us/state:ca/place:{place}"
    assert instrument.provisions.exists()


def test_unofficial_city_facts_stay_unverified(seeded: None) -> None:
    assert Instrument.objects.get(key="us-ca-san-diego-sdmc-ch2-art10-trust").verified is False
    assert Provision.objects.get(key="us-ca-berkeley-bmc-2-99-fr-ban").verified is False
    assert Provision.objects.get(key="us-ca-santa-cruz-scmc-9-85-030-fr-ban").verified is True


def test_california_states_its_287g_position(seeded: None) -> None:
    survey = Survey.objects.get(jurisdiction__ocd_id="ocd-division/country:us/state:ca", topic="agreements_287g")
    assert survey.finding == "recorded"
