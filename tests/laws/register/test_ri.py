"""Rhode Island: researched, no 287(g) law found."""

import pytest

from tracker.laws.models import Instrument, Survey

pytestmark = pytest.mark.django_db
RI = "ocd-division/country:us/state:ri"




def test_rhode_island_287g_survey_says_none_found_with_sources(seeded: None) -> None:
    survey = Survey.objects.get(jurisdiction__ocd_id=RI, topic="agreements_287g")
    assert survey.finding == "none_found"
    assert survey.sources.count() >= 1
    assert not Instrument.objects.filter(jurisdiction__ocd_id=RI).exists()
