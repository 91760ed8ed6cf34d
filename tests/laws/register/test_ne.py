"""Nebraska: no 287(g) statute found; LB 881's conditions are unconfirmed."""

import datetime

import pytest

from tracker.laws.models import Instrument, Survey

pytestmark = pytest.mark.django_db
ON = datetime.date(2026, 12, 3)




def survey(state: str, topic: str = "agreements_287g") -> Survey:
    return Survey.objects.get(jurisdiction__ocd_id=f"ocd-division/country:us/state:{state}", topic=topic)


def test_nebraska_position_is_unresolved_and_nothing_is_seeded_as_law(seeded: None) -> None:
    assert survey("ne").finding == "unresolved"
    assert not Instrument.objects.filter(jurisdiction__ocd_id="ocd-division/country:us/state:ne").exists()
