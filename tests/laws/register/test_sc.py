"""South Carolina: Act No. 109 of 2024 (SLED unit); H. 4764 (2026) not enacted."""

import datetime

import pytest

from tracker.laws.models import Instrument, Provision, Survey

pytestmark = pytest.mark.django_db




def survey(state: str, topic: str = "agreements_287g") -> Survey:
    return Survey.objects.get(jurisdiction__ocd_id=f"ocd-division/country:us/state:{state}", topic=topic)


def test_act_109_dates_are_official_and_bind_sled_only(seeded: None) -> None:
    act = Instrument.objects.get(key="us-sc-act-109-2024-sled-illegal-immigration-enforcement-unit")
    assert act.enacted_on == act.effective_on == datetime.date(2024, 2, 5)
    assert act.verified is False
    assert Provision.objects.get(key="us-sc-act-109-2024-sled-moa").binds == "named_agencies"
    assert not Provision.objects.filter(instrument__jurisdiction__ocd_id="ocd-division/country:us/state:sc",
                                        binds="jail_operators").exists()
    assert survey("sc").finding == "recorded"
