"""Maine: 25 M.R.S. §6001 (one section), LD 1971 and Portland's face-recognition ban, as seeded."""

import pytest

from tracker.laws.models import Instrument, Provision, Survey
from tracker.sources.models import Source

pytestmark = pytest.mark.django_db
ME = "ocd-division/country:us/state:me"




def test_chapter_701_is_the_single_section_6001(seeded: None) -> None:
    law = Instrument.objects.get(key="us-me-25-mrs-ch-701")
    assert "§6001" in law.citation
    assert "et seq" not in law.citation
    assert law.verified is False
    assert "official text" in law.doubt


def test_a_commercial_copy_never_verifies_the_maine_definitions(seeded: None) -> None:
    assert Source.objects.get(key="lawserver-me-title-25-part-14").kind == "other"
    definition = Provision.objects.get(key="us-me-25-mrs-6001-department")
    assert definition.verified is False


def test_the_fbi_bmv_channel_governs_any_system_and_arguably_reaches_federal_apps(seeded: None) -> None:
    rule = Provision.objects.get(key="us-me-25-mrs-ch-701-fr-ban-channel")
    assert rule.type == "fr_conditions"
    assert rule.governs == "any_system"
    assert rule.federal_reach == "arguably"
    assert set(rule.conditions) == {"named_channel", "crime_list"}
    assert {"specific_crime", "state_system"} <= set(rule.exceptions.values_list("kind", flat=True))


def test_ld_1971_is_an_unverified_immigration_limit_in_force(seeded: None) -> None:
    law = Instrument.objects.get(key="us-me-5-mrs-c-337-e-ld-1971")
    assert law.citation == "5 M.R.S. c. 337-E"
    assert law.status == "in_force"
    assert str(law.enacted_on) == "2026-01-11"
    assert law.effective_on is None
    assert law.verified is False
    assert list(law.provisions.values_list("type", flat=True)) == ["immigration_limit"]
    assert not Provision.objects.filter(instrument__jurisdiction__ocd_id=ME, type="prohibits_287g").exists()


def test_portland_question_b_bans_city_face_recognition(seeded: None) -> None:
    law = Instrument.objects.get(key="us-me-portland-2020-question-b-fr-ban")
    assert law.jurisdiction.ocd_id == "ocd-division/country:us/state:me/place:portland"
    assert str(law.enacted_on) == "2020-11-03"
    assert law.provisions.get().type == "fr_ban"


def test_maine_287g_position_is_surveyed(seeded: None) -> None:
    survey = Survey.objects.get(jurisdiction__ocd_id=ME, topic="agreements_287g")
    assert survey.finding == "unresolved"
    assert "Wells" in survey.note
    assert survey.sources.exists()
