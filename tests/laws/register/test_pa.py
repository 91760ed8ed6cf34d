"""Pennsylvania, West Virginia and the District of Columbia: their 287(g) positions as researched."""

import datetime

import pytest

from tracker.laws.models import Provision, Survey

pytestmark = pytest.mark.django_db
ON = datetime.date(2026, 12, 3)
D = datetime.date
OFFICIAL = ["primary_text", "official_record", "court_opinion"]




def survey(place: str, topic: str = "agreements_287g") -> Survey:
    return Survey.objects.get(jurisdiction__ocd_id=f"ocd-division/country:us/{place}", topic=topic)


def test_every_state_of_the_group_has_a_287g_survey(seeded: None) -> None:
    places = ["state:va", "state:md", "state:de", "state:nj", "state:pa", "state:ny", "state:wv", "district:dc"]
    for place in places:
        assert survey(place).sources.exists(), place


def test_pennsylvania_west_virginia_and_dc_positions(seeded: None) -> None:
    assert survey("state:pa").finding == "none_found"
    assert survey("state:wv").finding == "unresolved"
    assert survey("district:dc").finding == "none_found"
    assert survey("district:dc", "immigration").finding == "unresolved"
    # No 287(g) law is seeded for them, and Pittsburgh's approval ordinance is unchanged.
    for code in ("pa", "wv"):
        assert not Provision.objects.filter(
            instrument__jurisdiction__ocd_id=f"ocd-division/country:us/state:{code}",
            type__in=["prohibits_287g", "mandates_287g", "conditions_287g"],
        ).exists()
    assert Provision.objects.get(key="us-pa-pittsburgh-ch-116-council-approval").type == "ccops_approval"
