"""Massachusetts: the municipal layer and the Governor's 2026 order on 287(g), as seeded."""

import pytest

from tracker.laws.models import Instrument, Provision, Survey

pytestmark = pytest.mark.django_db
MA = "ocd-division/country:us/state:ma"




def test_northampton_bars_immigration_officer_functions_under_1357g(seeded: None) -> None:
    rule = Provision.objects.get(key="us-ma-northampton-19-153-no-1357g")
    assert rule.type == "immigration_limit"
    assert rule.federal_reach == "express"
    assert "1357(g)" in rule.federal_reach_quote
    assert "perform_immigration_functions" in rule.acts
    assert rule.verified is True
    assert str(rule.instrument.enacted_on) == "2019-12-05"


def test_springfield_moratorium_is_verified_and_governs_any_system(seeded: None) -> None:
    rule = Provision.objects.get(key="us-ma-springfield-fr-moratorium")
    assert rule.type == "fr_moratorium"
    assert rule.governs == "any_system"
    assert rule.verified is True
    assert "Any information obtained from a facial surveillance system" in rule.quote
    assert str(rule.instrument.enacted_on) == "2020-02-24"


def test_every_trust_ordinance_is_an_immigration_limit(seeded: None) -> None:
    keys = {
        "us-ma-northampton-ord-19-153-safe-city",
        "us-ma-cambridge-cmc-2-129",
        "us-ma-somerville-welcoming-community-ordinance-2019",
        "us-ma-springfield-welcoming-community-trust-ordinance",
        "us-ma-easthampton-welcoming-community-trust-ordinance",
    }
    for key in keys:
        types = set(Instrument.objects.get(key=key).provisions.values_list("type", flat=True))
        assert types == {"immigration_limit"}, key


def test_eo_650_conditions_new_agreements_and_bans_none(seeded: None) -> None:
    order = Instrument.objects.get(key="us-ma-eo-650-2026")
    assert order.kind == "executive_order"
    assert str(order.enacted_on) == "2026-01-29"
    assert order.verified is False
    assert list(order.provisions.values_list("type", flat=True)) == ["conditions_287g"]
    assert not Provision.objects.filter(instrument__jurisdiction__ocd_id=MA, type="prohibits_287g").exists()


def test_local_bans_and_ccops_laws_are_recorded(seeded: None) -> None:
    fr = set(
        Provision.objects.filter(
            type__in=["fr_ban", "fr_moratorium"], instrument__jurisdiction__state__ocd_id=MA
        ).values_list("instrument__jurisdiction__ocd_id", flat=True)
    )
    assert {
        f"{MA}/place:{p}"
        for p in ("boston", "springfield", "somerville", "cambridge", "northampton", "brookline", "easthampton_town")
    } <= fr
    ccops = set(
        Provision.objects.filter(type="ccops_approval", instrument__key__startswith="us-ma-").values_list(
            "instrument__key", flat=True
        )
    )
    assert {"us-ma-cambridge-cmc-2-128", "us-ma-somerville-ccops-2019", "us-ma-medford-ccops-2023"} <= ccops


def test_massachusetts_287g_position_is_recorded(seeded: None) -> None:
    survey = Survey.objects.get(jurisdiction__ocd_id=MA, topic="agreements_287g")
    assert survey.finding == "recorded"
    assert "Department of Correction" in survey.note
