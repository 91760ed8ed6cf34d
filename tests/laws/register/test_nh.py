"""New Hampshire: SB 62 and HB 511 (2025) protect 287(g) agreements from local limits; no ban, no mandate."""

import pytest

from tracker.laws.models import Provision, Survey

pytestmark = pytest.mark.django_db
NH = "ocd-division/country:us/state:nh"




def test_rsa_106_p_1_preempts_local_limits_on_287g(seeded: None) -> None:
    rule = Provision.objects.get(key="us-nh-rsa-106-p-1-287g-participation")
    assert rule.type == "preempts_local_immigration"
    assert rule.binds == "local_governments"
    assert rule.federal_reach == "express"
    assert rule.verified is False
    assert str(rule.instrument.effective_on) == "2026-01-01"


def test_new_hampshire_neither_bans_nor_mandates_287g(seeded: None) -> None:
    types = set(Provision.objects.filter(instrument__jurisdiction__ocd_id=NH).values_list("type", flat=True))
    assert types == {"preempts_local_immigration"}


def test_new_hampshire_287g_position_is_recorded(seeded: None) -> None:
    survey = Survey.objects.get(jurisdiction__ocd_id=NH, topic="agreements_287g")
    assert survey.finding == "recorded"
    assert "Task Force Model" in survey.note
