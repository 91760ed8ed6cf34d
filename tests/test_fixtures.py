"""The real fixtures load, load twice without change, and every fact in them has a source."""

import json

import pytest
from django.apps import apps

from tracker.common.models import Fact
from tracker.common.seeding import fixture_paths, seed_all
from tracker.sources.choices import OFFICIAL_KINDS

pytestmark = pytest.mark.django_db


def fixture_records() -> list[dict]:
    """Every record of every fixture file."""
    return [record for path in fixture_paths() for record in json.loads(path.read_text())]


def _cited_agencies(records: list[dict]) -> set[tuple[str, str]]:
    """Agencies (state, name) that an arrangement of the same file names and cites: seeding gives them its sources."""
    return {
        tuple(r["fields"]["agency"]) for r in records
        if r["model"] == "partnerships.sharingarrangement" and r["fields"].get("sources")
    }


def test_every_fact_in_the_fixtures_cites_a_source() -> None:
    missing = []
    for path in fixture_paths():
        records = json.loads(path.read_text())
        cited = _cited_agencies(records)
        missing += [
            record["fields"] for record in records
            if issubclass(apps.get_model(record["model"]), Fact) and not record["fields"].get("sources")
            and not (record["model"] == "places.agency"
                     and (record["fields"]["state"][0], record["fields"]["name"]) in cited)
        ]
    assert missing == []


def test_every_source_in_the_fixtures_has_url_title_and_publisher() -> None:
    sources = [r["fields"] for r in fixture_records() if r["model"] == "sources.source"]
    assert sources
    assert [s["key"] for s in sources if not (s["url"] and s["title"] and s["publisher"])] == []


def test_seeding_twice_changes_nothing_the_second_time() -> None:
    first = seed_all()
    second = seed_all()
    assert sum(c["created"] for c in first.counts.values()) == len(fixture_records())
    assert all(c["created"] == 0 and c["updated"] == 0 for c in second.counts.values())


def test_seeding_records_history_with_a_reason() -> None:
    seed_all()
    texas = apps.get_model("places", "Jurisdiction").objects.get(ocd_id="ocd-division/country:us/state:tx")
    assert texas.history.first().history_change_reason == "seed: fixtures/places.json"


def test_the_fixtures_hold_every_state_dc_and_the_territories() -> None:
    seed_all()
    jurisdiction = apps.get_model("places", "Jurisdiction")
    assert jurisdiction.objects.filter(kind="state").count() == 50
    assert jurisdiction.objects.filter(kind="district", postal_code="DC").count() == 1
    assert set(jurisdiction.objects.filter(kind="territory").values_list("postal_code", flat=True)) == {
        "AS", "GU", "MP", "PR", "VI"
    }


def test_a_sharing_fact_marked_verified_quotes_an_official_text() -> None:
    """Only an official text, record or court opinion that quotes the words makes a sharing fact verified (✅): a
    press release or letter (an official statement), news or advocacy leaves it reported (◐)."""
    records = fixture_records()
    sources = {r["fields"]["key"]: r["fields"] for r in records if r["model"] == "sources.source"}
    wrong = [
        r["fields"].get("key") or r["fields"].get("arrangement") for r in records
        if r["model"] in ("partnerships.sharingarrangement", "partnerships.sharingevent")
        and r["fields"].get("verified")
        and not any(
            sources[s[0]]["kind"] in OFFICIAL_KINDS and sources[s[0]]["quote"] for s in r["fields"].get("sources") or []
        )
    ]
    assert wrong == []
