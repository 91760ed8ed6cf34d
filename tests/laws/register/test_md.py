"""Maryland: the 2026 ban on 287(g) agreements (HB 444 / SB 245, Chapters 1 and 2, Crim. Proc. §5-104.1)."""

import datetime

import pytest

from tracker.laws.models import Instrument, InstrumentEvent, Provision, Survey
from tracker.sources.models import Source

pytestmark = pytest.mark.django_db
ON = datetime.date(2026, 12, 3)
D = datetime.date
OFFICIAL = ["primary_text", "official_record", "court_opinion"]




def survey(place: str, topic: str = "agreements_287g") -> Survey:
    return Survey.objects.get(jurisdiction__ocd_id=f"ocd-division/country:us/{place}", topic=topic)


BAN = "us-md-2026-emergency-acts-287g-ban"


def test_the_ban_is_cited_to_its_bills_chapters_and_section(seeded: None) -> None:
    act = Instrument.objects.get(key=BAN)
    assert "HB 444" in act.number and "SB 245" in act.number and "Chapters 1 and 2" in act.number
    assert "§5-104.1" in act.citation
    assert act.url == "https://mgaleg.maryland.gov/mgawebsite/Legislation/Details/hb0444"
    assert act.verified is False  # words read in a transcription, date in news: kept ◐ until the Legislature's text is read
    assert "transcription" in act.doubt
    assert act.sources.filter(kind__in=OFFICIAL).exists()


def test_existing_agreements_ended_at_once_not_by_july_2026(seeded: None) -> None:
    act = Instrument.objects.get(key=BAN)
    assert (act.enacted_on, act.effective_on) == (D(2026, 2, 17), D(2026, 2, 17))
    assert "Reports conflict" not in act.doubt and "amended out" in act.doubt
    ban = Provision.objects.get(key="us-md-2026-287g-ban")
    assert ban.effective_on is None and ban.ends_on is None
    assert Instrument.objects.in_force(D(2026, 2, 18)).filter(pk=act.pk).exists()
    assert "MAY NOT ENTER INTO AN IMMIGRATION ENFORCEMENT AGREEMENT" in ban.quote
    assert "1357" in ban.federal_reach_quote and ban.federal_reach == "express"
    assert ban.verified is False and ban.binds == "all_law_enforcement"
    assert not ban.sources.filter(key="cbs58-md-287g-ban-2026").exists()


def test_hb711_amends_the_database_and_public_records_limits(seeded: None) -> None:
    for key in ("us-md-pub-safety-3-529", "us-md-gen-prov-4-320-1"):
        event = InstrumentEvent.objects.get(instrument__key=key, kind="amended")
        assert event.occurred_on == D(2026, 7, 1) and "HB 711" in event.description


def test_maryland_surveys(seeded: None) -> None:
    assert survey("state:md").finding == "recorded"
    assert survey("state:md", "data_sharing").finding == "recorded"


def test_baltimore_face_surveillance_moratorium_is_recorded_as_expired(seeded: None) -> None:
    moratorium = Instrument.objects.get(key="us-md-baltimore-cb-21-0001-face-surveillance-moratorium")
    assert (moratorium.status, moratorium.sunset_on) == ("expired", D(2023, 1, 1))
    assert not Instrument.objects.in_force(ON).filter(pk=moratorium.pk).exists()
    assert moratorium.provisions.get().type == "fr_moratorium"


def test_code_copies_are_not_official_and_what_rests_on_them_is_unverified(seeded: None) -> None:
    mirrors = ["lexace-md-cp-2-503", "findlaw-md-cp-2-502", "instalawyer-md-gp-4-320-1", "selflaw-md-ps-3-529"]
    assert set(Source.objects.filter(key__in=mirrors).values_list("kind", flat=True)) == {"other"}
    assert Instrument.objects.get(key="us-md-pub-safety-3-529").verified is False
    assert Provision.objects.get(key="us-md-crim-proc-2-503-listed-crimes").verified is False
    assert Instrument.objects.get(key="us-md-crim-proc-2-501-2-510").verified is True
