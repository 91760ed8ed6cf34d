"""Utah: 77-23e governs only Utah-held image databases (read only on copies); 77-23d-106 is a doubtful, unverified warrant rule."""

import datetime

import pytest

from tracker.laws.models import Instrument, Provision, Survey

pytestmark = pytest.mark.django_db




def test_utah_77_23e_governs_only_its_own_image_databases(seeded: None) -> None:
    provisions = Provision.objects.filter(instrument__key="us-ut-code-77-23e")
    assert provisions.count() == 3
    for provision in provisions:
        assert provision.governs == "own_systems"
        assert "database maintained by a government entity" in provision.federal_reach_quote
        assert provision.verified is False  # words read only on code copies


def test_utah_77_23d_106_is_a_warrant_rule_of_arguable_reach_and_unverified(seeded: None) -> None:
    instrument = Instrument.objects.get(key="us-ut-code-77-23d-106")
    assert instrument.verified is False and "digital monitoring of an area" in instrument.doubt
    provision = instrument.provisions.get()
    assert (provision.type, provision.federal_reach, provision.governs) == ("fr_conditions", "arguably", "any_system")
    assert provision.conditions == ["warrant"]
    assert provision.exceptions.filter(kind="other").exists()
    assert "le-utah-sb231-2024-s01" in set(instrument.sources.values_list("key", flat=True))


def test_utah_states_its_287g_position(seeded: None) -> None:
    survey = Survey.objects.get(jurisdiction__ocd_id="ocd-division/country:us/state:ut", topic="agreements_287g")
    assert survey.finding == "none_found" and survey.checked_on == datetime.date(2026, 12, 3)
