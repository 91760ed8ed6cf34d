"""Wisconsin: Madison MGO 23.63 next to 23.64; the 2025–26 sheriff bill was vetoed."""

import datetime

import pytest

from tracker.laws.models import Instrument, Survey

pytestmark = pytest.mark.django_db
ON = datetime.date(2026, 12, 3)




def survey(state: str, topic: str = "agreements_287g") -> Survey:
    return Survey.objects.get(jurisdiction__ocd_id=f"ocd-division/country:us/state:{state}", topic=topic)


def test_madison_surveillance_ordinance_and_wisconsin_position(seeded: None) -> None:
    mgo = Instrument.objects.get(key="us-wi-madison-mgo-23-63")
    assert (mgo.citation, mgo.enacted_on, mgo.verified) == (
        "Madison Gen. Ord. §23.63",
        datetime.date(2020, 6, 30),
        True,
    )
    assert set(mgo.provisions.values_list("type", "verified")) == {("ccops_approval", False), ("annual_report", False)}
    assert Instrument.objects.get(key="us-wi-madison-mgo-23-64").enacted_on == datetime.date(2020, 12, 15)
    assert survey("wi").finding == "none_found"
    assert survey("wi/place:madison", "surveillance_technology").finding == "recorded"
