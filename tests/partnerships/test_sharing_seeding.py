"""Seeding fixtures/sharing: agencies created and placed, arrangements and events by natural key, locks kept,
and bad input named by file, record and field with nothing changed.

The files here are synthetic (every name says so); the homes are real registry ids, because a home the
fixtures lack is read from the OCD registry shipped in data/ocd.
"""

from __future__ import annotations

import copy
import datetime
import json
from pathlib import Path
from typing import Any

import pytest

from tests.factories.places import StateFactory
from tracker.common.seeding import SeedError, seed_all
from tracker.partnerships.models import SharingArrangement, SharingEvent
from tracker.places.choices import Coverage, CoverageBasis, OriMatch
from tracker.places.models import Agency, AgencyCoverage, Jurisdiction

pytestmark = pytest.mark.django_db
IL = "ocd-division/country:us/state:il"
HOME = f"{IL}/place:mount_prospect"
AGENCY = [IL, "Synthetic Village Police Department"]
KEY = "us-il-synthetic-village-pd-synthetic-network"


def _records() -> list[dict[str, Any]]:
    return [
        {"model": "partnerships.sharingarrangement", "fields": {
            "key": KEY, "agency": AGENCY, "kind": "vendor_network", "technology": "alpr",
            "vendor": "Synthetic Vendor", "recipients": ["federal_immigration", "out_of_state"],
            "purposes": ["immigration_enforcement"], "first_evidence_on": "2025-01-01", "ended_on": None,
            "summary": "Synthetic: searches by out-of-state and federal agencies reported.", "verified": False,
            "doubt": "", "sources": [["synthetic-sharing-report"]], "locked_fields": [],
        }},
        {"model": "partnerships.sharingevent", "fields": {
            "arrangement": [KEY], "kind": "immigration_searches_reported", "occurred_on": "2025-08-25",
            "description": "Synthetic: 12 searches labelled immigration.", "verified": False,
            "sources": [["synthetic-sharing-report"]], "locked_fields": [],
        }},
        # Listed after the arrangement that names it: seeding reads agencies first.
        {"model": "places.agency", "fields": {
            "name": AGENCY[1], "kind": "police", "state": [IL], "home": [HOME], "ori": "",
        }},
        {"model": "sources.source", "fields": {
            "key": "synthetic-sharing-report", "url": "https://example.org/synthetic/sharing-report",
            "title": "Synthetic sharing report", "publisher": "Synthetic Publisher", "kind": "news",
            "published_on": "2025-08-26", "accessed_on": "2026-12-01", "archive_url": "", "quote": "",
        }},
    ]


@pytest.fixture
def illinois() -> Jurisdiction:
    """The state the synthetic agency belongs to (its home comes from the registry)."""
    return StateFactory(ocd_id=IL, name="Illinois", postal_code="IL")


def _write(tmp_path: Path, records: list[dict[str, Any]], name: str = "zz.json") -> Path:
    folder = tmp_path / "sharing"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(json.dumps(records))
    return tmp_path


def test_a_sharing_file_creates_its_agency_at_its_registry_home_and_places_it(illinois, tmp_path) -> None:
    report = seed_all(fixtures_dir=_write(tmp_path, _records()))
    assert report.counts["sharing/zz.json"]["created"] == 4
    agency = Agency.objects.get(name=AGENCY[1])
    assert agency.home.ocd_id == HOME and agency.home.name == "Mount Prospect village"
    assert list(agency.home.sources.values_list("key", flat=True)) == ["ocd-division-ids-2026-03-19"]
    assert list(AgencyCoverage.objects.filter(agency=agency).values_list("jurisdiction__ocd_id", "coverage", "basis")) == [
        (HOME, Coverage.PRIMARY, CoverageBasis.HOME)
    ]
    assert agency.needs_review is False
    assert agency.ori_match in (OriMatch.NONE, OriMatch.DOUBTFUL)  # looked up, as the ICE import does
    assert list(agency.sources.values_list("key", flat=True)) == ["synthetic-sharing-report"]
    arrangement = SharingArrangement.objects.get(key=KEY)
    assert arrangement.agency == agency and arrangement.recipients == ["federal_immigration", "out_of_state"]
    assert arrangement.first_evidence_on == datetime.date(2025, 1, 1)
    event = SharingEvent.objects.get(arrangement=arrangement)
    assert (event.kind, event.occurred_on) == ("immigration_searches_reported", datetime.date(2025, 8, 25))
    assert arrangement.history.first().history_change_reason == "seed: fixtures/sharing/zz.json"


def test_seeding_a_sharing_file_twice_changes_nothing_the_second_time(illinois, tmp_path) -> None:
    fixtures = _write(tmp_path, _records())
    seed_all(fixtures_dir=fixtures)
    second = seed_all(fixtures_dir=fixtures)
    assert +second.counts["sharing/zz.json"] == {"unchanged": 4}


def test_a_home_named_by_a_registry_alias_is_the_consolidated_government(tmp_path) -> None:
    StateFactory(ocd_id="ocd-division/country:us/state:co", name="Colorado", postal_code="CO")
    records = _records()
    records[2]["fields"].update(state=["ocd-division/country:us/state:co"], home=["ocd-division/country:us/state:co/place:denver"])
    records[0]["fields"]["agency"] = ["ocd-division/country:us/state:co", AGENCY[1]]
    seed_all(fixtures_dir=_write(tmp_path, records))
    home = Agency.objects.get(name=AGENCY[1]).home
    assert (home.ocd_id, home.kind) == ("ocd-division/country:us/state:co/county:denver", "consolidated")
    assert home.aliases.filter(ocd_id="ocd-division/country:us/state:co/place:denver").exists()


def test_a_locked_home_is_kept_and_the_fixture_value_reported(illinois, tmp_path) -> None:
    fixtures = _write(tmp_path, _records())
    seed_all(fixtures_dir=fixtures)
    agency = Agency.objects.get(name=AGENCY[1])
    corrected = Jurisdiction.objects.create(ocd_id=f"{IL}/place:synthetic_corrected", name="Synthetic Corrected",
                                            kind="place", state=illinois)
    agency.home, agency.locked_fields = corrected, ["home"]
    agency.save()
    report = seed_all(fixtures_dir=fixtures)
    agency.refresh_from_db()
    assert agency.home == corrected
    assert report.counts["sharing/zz.json"]["held"] == 1
    assert any("home is locked" in line for line in report.held)


def test_an_agency_already_stored_keeps_its_placement_and_gains_the_fixture_sources(illinois, tmp_path) -> None:
    seed_all(fixtures_dir=_write(tmp_path, _records()))
    agency = Agency.objects.get(name=AGENCY[1])
    AgencyCoverage.objects.filter(agency=agency).update(basis=CoverageBasis.MANUAL)
    agency.sources.clear()
    report = seed_all(fixtures_dir=tmp_path)
    assert report.counts["sharing/zz.json"]["updated"] == 1
    assert list(agency.sources.values_list("key", flat=True)) == ["synthetic-sharing-report"]
    assert list(AgencyCoverage.objects.filter(agency=agency).values_list("basis", flat=True)) == [CoverageBasis.MANUAL]


def _bad(records: list[dict[str, Any]], number: int, **fields: Any) -> list[dict[str, Any]]:
    changed = copy.deepcopy(records)
    changed[number - 1]["fields"].update(fields)
    return changed


@pytest.mark.parametrize(
    ("number", "fields", "field", "words"),
    [
        (1, {"recipients": ["federal", "the_moon"]}, "recipients", "Unknown value(s): the_moon"),
        (1, {"kind": "telepathy"}, "kind", "not a valid choice"),
        (2, {"arrangement": ["synthetic-no-such-arrangement"]}, "arrangement", "does not exist"),
        (1, {"first_evidence_on": "2025-02-01", "ended_on": "2025-01-01"}, "ended_on", "before the first evidence"),
        (2, {"occurred_on": "25 August 2025"}, "occurred_on", "invalid date format"),
        (3, {"home": [f"{IL}/place:synthetic_nowhere"]}, "home", "not in the OCD registry"),
        (3, {"kind": "detective_agency"}, "kind", "not a valid choice"),
    ],
)
def test_bad_input_names_file_record_and_field_and_changes_nothing(
    illinois, tmp_path, number, fields, field, words
) -> None:
    with pytest.raises(SeedError) as caught:
        seed_all(fixtures_dir=_write(tmp_path, _bad(_records(), number, **fields)))
    error = caught.value
    assert (error.file, error.record, error.field) == ("sharing/zz.json", number, field)
    assert words in str(error) and str(error).startswith(f"sharing/zz.json, record {number} (")
    assert not Agency.objects.exists() and not SharingArrangement.objects.exists()
    assert not Jurisdiction.objects.filter(ocd_id=HOME).exists()


def test_an_agency_no_record_cites_is_refused(illinois, tmp_path) -> None:
    records = _records()
    records[0]["fields"]["agency"] = [IL, "Synthetic Other Department"]
    with pytest.raises(SeedError) as caught:
        seed_all(fixtures_dir=_write(tmp_path, records))
    assert (caught.value.record, caught.value.field) == (3, "sources")
    assert not Agency.objects.exists()


def test_a_file_that_is_not_a_list_of_records_is_refused(tmp_path) -> None:
    with pytest.raises(SeedError, match=r"^sharing/zz.json: must be a JSON list of records"):
        seed_all(fixtures_dir=_write(tmp_path, {"model": "sources.source"}))  # type: ignore[arg-type]
