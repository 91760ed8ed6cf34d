"""Tennessee: Pub. Ch. 1015 (2026) sheriff mandate; 2025 special-session act."""


import pytest

from tracker.laws.models import Instrument, Provision, Survey

pytestmark = pytest.mark.django_db




def survey(state: str, topic: str = "agreements_287g") -> Survey:
    return Survey.objects.get(jurisdiction__ocd_id=f"ocd-division/country:us/state:{state}", topic=topic)


def test_pub_ch_1015_binds_sheriffs_and_stays_unverified(seeded: None) -> None:
    mandate = Provision.objects.get(key="us-tn-pub-ch-1015-2026-sheriff-287g-mandate")
    assert mandate.type == "mandates_287g" and mandate.binds == "jail_operators"
    act = mandate.instrument
    assert act.number == "SB 2223 (114th G.A.), Pub. Ch. 1015"
    assert act.verified is False and act.effective_on is None and act.enacted_on is None


def test_special_session_act_is_not_a_287g_mandate(seeded: None) -> None:
    assert not Provision.objects.filter(instrument__key="us-tn-2025-1st-ex-sess-sb6002-hb6001",
                                        type="mandates_287g").exists()
    assert survey("tn").finding == "recorded"


def test_moa_terms_statute_is_an_unverified_287g_condition(seeded: None) -> None:
    terms = Provision.objects.get(key="us-tn-code-7-68-105-moa-terms")
    assert terms.type == "conditions_287g" and terms.binds == "all_law_enforcement"
    assert terms.verified is False and terms.instrument.verified is False
    assert terms.quote.startswith("Any memorandum of agreement negotiated pursuant to 8 U.S.C. § 1357(g) must")
    assert "Davidson County" in Instrument.objects.get(key="us-tn-pub-ch-1015-2026-sb2223").doubt
