"""North Dakota: no 287(g) law found."""

import datetime

import pytest

from tracker.laws.models import Survey

pytestmark = pytest.mark.django_db
ON = datetime.date(2026, 12, 3)




def survey(state: str, topic: str = "agreements_287g") -> Survey:
    return Survey.objects.get(jurisdiction__ocd_id=f"ocd-division/country:us/state:{state}", topic=topic)


def test_north_dakota_has_a_researched_none_found(seeded: None) -> None:
    found = survey("nd")
    assert (found.finding, found.checked_on) == ("none_found", ON)
    assert found.sources.exists()
