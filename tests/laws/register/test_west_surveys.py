"""Every state of the western group states its 287(g) position, with sources."""

import datetime

import pytest
from django.db import transaction

from tracker.common.seeding import seed_all
from tracker.laws.models import Survey

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


WEST = ["wa", "or", "ca", "nv", "ak", "hi", "ut", "co", "nm", "az", "id", "mt", "wy"]


@pytest.mark.parametrize("st", WEST)
def test_every_western_state_has_a_287g_survey_with_sources(seeded: None, st: str) -> None:
    survey = Survey.objects.get(jurisdiction__ocd_id=f"ocd-division/country:us/state:{st}", topic="agreements_287g")
    assert survey.note and survey.sources.exists()
    assert survey.checked_on == datetime.date(2026, 12, 3)


def test_states_with_a_seeded_287g_ban_say_recorded(seeded: None) -> None:
    for st in ["wa", "or", "ca", "nm"]:
        assert (
            Survey.objects.get(
                jurisdiction__ocd_id=f"ocd-division/country:us/state:{st}", topic="agreements_287g"
            ).finding
            == "recorded"
        )
