"""Missouri: the Governor's 287(g) order for the Highway Patrol, the sanctuary-policy ban, St. Louis CCOPS."""

import datetime

import pytest

from tracker.laws.models import Instrument, Provision, Survey

pytestmark = pytest.mark.django_db
ON = datetime.date(2026, 12, 3)




def survey(state: str, topic: str = "agreements_287g") -> Survey:
    return Survey.objects.get(jurisdiction__ocd_id=f"ocd-division/country:us/state:{state}", topic=topic)


def test_executive_order_25_04_pushes_the_highway_patrol_into_287g_not_local_agencies(seeded: None) -> None:
    order = Instrument.objects.get(key="us-mo-eo-25-04-mshp-287g")
    assert (order.kind, order.enacted_on) == ("executive_order", datetime.date(2025, 1, 13))
    assert order.sources.filter(url="https://sos.mo.gov/library/reference/orders/2025/eo4").exists()
    push = Provision.objects.get(key="us-mo-eo-25-04-patrol-designation")
    assert (push.type, push.binds, push.verified) == ("mandates_287g", "named_agencies", False)


def test_rsmo_67_307_bars_municipal_sanctuary_policies(seeded: None) -> None:
    ban = Provision.objects.get(key="us-mo-rsmo-67-307-sanctuary-ban")
    assert (ban.type, ban.binds, ban.verified) == ("preempts_local_immigration", "local_governments", True)
    assert ban.quote == "2. No municipality shall enact or adopt any sanctuary policy."


def test_st_louis_ccops_is_stored_unverified(seeded: None) -> None:
    ordinance = Instrument.objects.get(key="us-mo-st-louis-ord-71842-surveillance-technology")
    assert ordinance.verified is False and "71842" in ordinance.citation
    assert ordinance.jurisdiction.ocd_id == "ocd-division/country:us/state:mo/place:st_louis"
    assert survey("mo").finding == "recorded"
