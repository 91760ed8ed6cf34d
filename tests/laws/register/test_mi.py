"""Michigan: Detroit's CIOGS ordinance (unverified); no state 287(g) law."""

import datetime

import pytest

from tracker.laws.models import Provision, Survey

pytestmark = pytest.mark.django_db
ON = datetime.date(2026, 12, 3)




def survey(state: str, topic: str = "agreements_287g") -> Survey:
    return Survey.objects.get(jurisdiction__ocd_id=f"ocd-division/country:us/state:{state}", topic=topic)


def test_detroit_ciogs_and_michigan_position(seeded: None) -> None:
    ciogs = Provision.objects.get(key="us-mi-detroit-ciogs-approval")
    assert (ciogs.type, ciogs.verified) == ("ccops_approval", False)
    assert ciogs.instrument.jurisdiction.ocd_id == "ocd-division/country:us/state:mi/place:detroit"
    assert survey("mi").finding == "none_found"
