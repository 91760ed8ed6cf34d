"""Ohio: Yellow Springs chapter 607 (official text) and Dayton's oversight ordinance (secondary)."""

import datetime

import pytest

from tracker.laws.models import Instrument, Provision, Survey

pytestmark = pytest.mark.django_db
ON = datetime.date(2026, 12, 3)




def survey(state: str, topic: str = "agreements_287g") -> Survey:
    return Survey.objects.get(jurisdiction__ocd_id=f"ocd-division/country:us/state:{state}", topic=topic)


def test_yellow_springs_requires_council_approval_for_sharing_agreements(seeded: None) -> None:
    approval = Provision.objects.get(key="us-oh-yellow-springs-607-04-approval")
    assert (approval.type, approval.verified, approval.federal_reach) == ("ccops_approval", True, "arguably")
    assert "Entering into an agreement with any other person or entity" in approval.quote
    assert approval.instrument.enacted_on == datetime.date(2018, 11, 19)
    assert Instrument.objects.get(key="us-oh-dayton-surveillance-oversight-2021").verified is False
    assert survey("oh").finding == "none_found"
