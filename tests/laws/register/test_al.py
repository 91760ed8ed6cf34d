"""Alabama: face-recognition rule and statute; both read only on commercial copies."""


import pytest

from tracker.laws.models import Instrument, Provision, Survey

pytestmark = pytest.mark.django_db




def survey(state: str, topic: str = "agreements_287g") -> Survey:
    return Survey.objects.get(jurisdiction__ocd_id=f"ocd-division/country:us/state:{state}", topic=topic)


def test_mobile_app_rule_conditions_reach_any_system_arguably(seeded: None) -> None:
    rule = Provision.objects.get(key="us-al-admin-code-265-x-5-06-mobile-fr")
    assert set(rule.conditions) == {"listed_circumstances", "not_sole_basis"}
    assert rule.governs == "any_system"
    assert rule.federal_reach == "arguably"
    assert "regardless of whether the application is connected to a repository" in rule.federal_reach_quote
    assert "an individual consents" in rule.quote
    assert "committed a crime other than concealing" in rule.quote
    assert "physical incapacitation" in rule.quote


def test_alabama_texts_read_on_mirrors_are_not_verified(seeded: None) -> None:
    for key in ("us-al-admin-code-265-x-5-06", "us-al-code-15-10-111"):
        inst = Instrument.objects.get(key=key)
        assert inst.verified is False
        assert inst.doubt
        assert set(inst.sources.values_list("kind", flat=True)) <= {"other", "tracker"}
    assert Instrument.objects.get(key="us-al-code-15-10-111").effective_on is None


def test_alabama_287g_position_is_none_found(seeded: None) -> None:
    assert survey("al").finding == "none_found"
    assert survey("al", "face_recognition").finding == "recorded"
