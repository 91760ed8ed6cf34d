"""Connecticut: the Trust Act limits detainer holds; no 287(g) statute found."""

import pytest

from tracker.laws.models import Provision, Survey

pytestmark = pytest.mark.django_db
CT = "ocd-division/country:us/state:ct"




def test_trust_act_is_an_unverified_immigration_limit(seeded: None) -> None:
    rule = Provision.objects.get(key="us-ct-cgs-54-192h-b-detainers")
    assert rule.type == "immigration_limit"
    assert rule.verified is False
    assert rule.instrument.citation == "Conn. Gen. Stat. §54-192h"


def test_connecticut_has_no_287g_ban_on_record(seeded: None) -> None:
    assert not Provision.objects.filter(instrument__jurisdiction__ocd_id=CT, type="prohibits_287g").exists()
    assert Survey.objects.get(jurisdiction__ocd_id=CT, topic="agreements_287g").finding == "unresolved"
