"""New York: People ex rel. Wells v. DeMarco as a court decision limiting civil immigration arrests."""

import datetime

import pytest

from tracker.laws.models import Instrument, Provision, Survey

pytestmark = pytest.mark.django_db
ON = datetime.date(2026, 12, 3)
D = datetime.date
OFFICIAL = ["primary_text", "official_record", "court_opinion"]




def survey(place: str, topic: str = "agreements_287g") -> Survey:
    return Survey.objects.get(jurisdiction__ocd_id=f"ocd-division/country:us/{place}", topic=topic)


def test_wells_v_demarco_is_a_verified_court_decision(seeded: None) -> None:
    case = Instrument.objects.get(key="us-ny-wells-v-demarco-2018")
    assert case.kind == "court_decision" and case.verified is True
    assert "168 A.D.3d 31" in case.citation and case.enacted_on == D(2018, 11, 14)
    assert case.sources.filter(kind="court_opinion", url__startswith="https://nycourts.gov/").exists()
    assert "Nassau" in case.doubt
    limit = Provision.objects.get(key="us-ny-wells-v-demarco-no-civil-immigration-arrests")
    assert (limit.type, limit.binds, limit.federal_reach) == ("immigration_limit", "all_law_enforcement", "arguably")
    assert "not authorized by New York law" in limit.quote


def test_new_york_287g_position_is_unresolved(seeded: None) -> None:
    assert survey("state:ny").finding == "unresolved"
    assert survey("state:ny", "immigration").finding == "recorded"


def test_syracuse_surveillance_review_is_a_mayoral_order_not_council_approval(seeded: None) -> None:
    order = Instrument.objects.get(key="us-ny-syracuse-mayor-eo-2-2020")
    assert (order.kind, order.enacted_on, order.verified) == ("executive_order", D(2020, 12, 1), False)
    assert not order.provisions.filter(type="ccops_approval").exists()


def test_green_light_law_bars_dmv_records_to_immigration_agencies_without_a_judicial_warrant(seeded: None) -> None:
    limit = Provision.objects.get(key="us-ny-vtl-201-12-a-no-dmv-records-for-immigration")
    assert (limit.type, limit.governs, limit.federal_reach) == ("data_sharing_limit", "own_systems", "express")
    assert limit.conditions == ["federal_immigration_warrant"] and limit.verified is True
    assert "§201(12)" in limit.instrument.citation
    assert survey("state:ny", "data_sharing").finding == "recorded"
