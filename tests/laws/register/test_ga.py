"""Georgia: HB 1105 (2024), secondary sources only."""

import datetime

import pytest

from tracker.laws.models import Instrument, Provision, Survey

pytestmark = pytest.mark.django_db




def survey(state: str, topic: str = "agreements_287g") -> Survey:
    return Survey.objects.get(jurisdiction__ocd_id=f"ocd-division/country:us/state:{state}", topic=topic)


def test_hb1105_is_an_unverified_mandate_on_jails(seeded: None) -> None:
    act = Instrument.objects.get(key="us-ga-hb1105-2024-criminal-alien-track-and-report-act")
    assert act.verified is False and act.effective_on is None
    assert act.enacted_on == datetime.date(2024, 5, 1)
    mandate = Provision.objects.get(key="us-ga-hb1105-2024-287g-application")
    assert mandate.type == "mandates_287g" and mandate.binds == "jail_operators" and mandate.verified is False
    assert survey("ga").finding == "recorded"
