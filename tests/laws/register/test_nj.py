"""New Jersey: the 287(g) bar dates from the 2019 revision of Directive 2018-6; Teaneck's face-recognition ban."""

import datetime

import pytest

from tracker.laws.models import Instrument, Provision, Survey
from tracker.sources.models import Source

pytestmark = pytest.mark.django_db
ON = datetime.date(2026, 12, 3)
D = datetime.date
OFFICIAL = ["primary_text", "official_record", "court_opinion"]




def survey(place: str, topic: str = "agreements_287g") -> Survey:
    return Survey.objects.get(jurisdiction__ocd_id=f"ocd-division/country:us/{place}", topic=topic)


TEANECK = "ocd-division/country:us/state:nj/county:bergen/place:teaneck"


def test_the_287g_prohibition_dates_from_the_september_2019_revision(seeded: None) -> None:
    directive = Instrument.objects.get(key="us-nj-ag-directive-2018-6")
    assert directive.enacted_on == D(2018, 11, 29)
    ban = Provision.objects.get(key="us-nj-ag-directive-2018-6-no-287g")
    assert ban.effective_on == D(2019, 9, 27)
    assert ban.sources.filter(key="nj-oag-directive-2018-6-v2", kind="primary_text").exists()
    assert "written approval" in ban.summary
    assert Source.objects.get(key="justia-ocean-county-2021").kind == "other"
    assert survey("state:nj").finding == "recorded"


def test_teaneck_bans_face_recognition_by_ordinance_7_2021(seeded: None) -> None:
    ordinance = Instrument.objects.get(key="us-nj-teaneck-ord-7-2021")
    assert ordinance.jurisdiction.ocd_id == TEANECK
    assert (ordinance.jurisdiction.kind, ordinance.jurisdiction.geoid) == ("county_subdivision", "3400372360")
    assert ordinance.enacted_on == D(2021, 2, 23) and ordinance.number == "Ord. No. 7-2021"
    ban = Provision.objects.get(key="us-nj-teaneck-art-xxxiv-fr-ban")
    assert (ban.type, ban.binds, ban.verified) == ("fr_ban", "own_government", False)
    assert Survey.objects.get(jurisdiction__ocd_id=TEANECK, topic="face_recognition").finding == "recorded"
