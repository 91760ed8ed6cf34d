"""Kentucky: 2026 287(g) bills, outcome not found."""


import pytest

from tracker.laws.models import Instrument, Provision, Survey

pytestmark = pytest.mark.django_db




def survey(state: str, topic: str = "agreements_287g") -> Survey:
    return Survey.objects.get(jurisdiction__ocd_id=f"ocd-division/country:us/state:{state}", topic=topic)


def test_kentucky_position_is_unresolved_without_an_instrument(seeded: None) -> None:
    assert survey("ky").finding == "unresolved"
    assert not Instrument.objects.filter(jurisdiction__ocd_id="ocd-division/country:us/state:ky").exists()
    assert not Provision.objects.filter(instrument__jurisdiction__state__ocd_id="ocd-division/country:us/state:ky",
                                        type__in=["prohibits_287g", "mandates_287g", "conditions_287g"]).exists()


def test_louisville_trust_ordinance_is_an_unverified_local_limit(seeded: None) -> None:
    limit = Provision.objects.get(key="us-ky-louisville-metro-o-342-17-limit")
    assert limit.type == "immigration_limit" and limit.binds == "own_government" and limit.verified is False
    ordinance = limit.instrument
    assert ordinance.jurisdiction.ocd_id == "ocd-division/country:us/state:ky/county:jefferson"
    assert ordinance.jurisdiction.kind == "consolidated"
    assert str(ordinance.enacted_on) == "2017-10-26"
    assert survey("ky", "immigration").finding == "recorded"
