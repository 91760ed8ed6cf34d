"""Mississippi: §25-1-119 (SB 2710 of 2017)."""


import pytest

from tracker.laws.models import Instrument, Survey

pytestmark = pytest.mark.django_db




def survey(state: str, topic: str = "agreements_287g") -> Survey:
    return Survey.objects.get(jurisdiction__ocd_id=f"ocd-division/country:us/state:{state}", topic=topic)


def test_anti_sanctuary_statute_is_sb_2710_not_sb_2306(seeded: None) -> None:
    act = Instrument.objects.get(key="us-ms-code-25-1-119")
    assert act.number == "SB 2710 (2017)"
    assert "SB 2306" in act.doubt
    assert survey("ms").finding == "none_found"
