"""Delaware: HB 182 (2025), 11 Del. C. §8402B, bans 287(g) agreements."""

import datetime

import pytest

from tracker.laws.models import Instrument, Provision, Survey

pytestmark = pytest.mark.django_db
ON = datetime.date(2026, 12, 3)
D = datetime.date
OFFICIAL = ["primary_text", "official_record", "court_opinion"]




def survey(place: str, topic: str = "agreements_287g") -> Survey:
    return Survey.objects.get(jurisdiction__ocd_id=f"ocd-division/country:us/{place}", topic=topic)


def test_delaware_bans_287g_agreements(seeded: None) -> None:
    ban = Provision.objects.get(key="us-de-11-del-c-8402b-no-287g")
    assert (ban.type, ban.binds, ban.federal_reach) == ("prohibits_287g", "all_law_enforcement", "express")
    assert "287(g)" in ban.quote
    act = ban.instrument
    assert act.enacted_on == D(2025, 7, 14) and "8402B" in act.citation
    # The words were read only in a Code copy: unverified, with the doubt stated.
    assert act.verified is False and "self-law.org" in act.doubt
    assert Instrument.objects.in_force(ON).filter(pk=act.pk).exists()
    assert ban.exceptions.get(kind="other").quote.startswith("(c) Nothing in this section")
    assert survey("state:de").finding == "recorded"
