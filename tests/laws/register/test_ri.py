"""Rhode Island: researched, no 287(g) law found."""

import pytest
from django.db import transaction

from tracker.common.seeding import seed_all
from tracker.laws.models import Instrument, Survey

pytestmark = pytest.mark.django_db
RI = "ocd-division/country:us/state:ri"


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


def test_rhode_island_287g_survey_says_none_found_with_sources(seeded: None) -> None:
    survey = Survey.objects.get(jurisdiction__ocd_id=RI, topic="agreements_287g")
    assert survey.finding == "none_found"
    assert survey.sources.count() >= 1
    assert not Instrument.objects.filter(jurisdiction__ocd_id=RI).exists()
