"""Kansas: the 287(g) position is unresolved; HB 2717 (2022) is stored unverified."""

import datetime

import pytest

from tracker.laws.models import Instrument, Survey

pytestmark = pytest.mark.django_db
ON = datetime.date(2026, 12, 3)




def survey(state: str, topic: str = "agreements_287g") -> Survey:
    return Survey.objects.get(jurisdiction__ocd_id=f"ocd-division/country:us/state:{state}", topic=topic)


def test_kansas_position_is_unresolved_and_hb_2717_unverified(seeded: None) -> None:
    assert survey("ks").finding == "unresolved"
    assert "HB 2372" in survey("ks").note
    hb = Instrument.objects.get(key="us-ks-hb-2717-2022-sanctuary")
    assert (hb.enacted_on, hb.verified) == (datetime.date(2022, 4, 11), False)
