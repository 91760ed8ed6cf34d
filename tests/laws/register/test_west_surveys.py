"""Every state of the western group states its 287(g) position, with sources."""

import datetime

import pytest

from tracker.laws.models import Survey

pytestmark = pytest.mark.django_db




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
