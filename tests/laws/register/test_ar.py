"""Arkansas: Act 654 of 2025 (SB 426)."""

import datetime

import pytest

from tracker.laws.models import Provision, Survey

pytestmark = pytest.mark.django_db




def survey(state: str, topic: str = "agreements_287g") -> Survey:
    return Survey.objects.get(jurisdiction__ocd_id=f"ocd-division/country:us/state:{state}", topic=topic)


def test_act_654_requires_sheriffs_to_apply_for_warrant_service(seeded: None) -> None:
    mandate = Provision.objects.get(key="us-ar-act-654-2025-wso-application")
    assert mandate.type == "mandates_287g" and mandate.binds == "jail_operators" and mandate.verified is False
    assert "WARRANT SERVICE OFFICER PROGRAM" in mandate.quote
    assert mandate.instrument.enacted_on == datetime.date(2025, 4, 18)
    assert survey("ar").finding == "recorded"
