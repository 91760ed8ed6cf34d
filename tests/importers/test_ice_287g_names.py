"""How the ICE importer tells one agency from another: spellings, close spellings, ORI codes, locked fields."""

from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories.partnerships import FederalProgramFactory
from tests.importers.test_ice_287g import HEADER, run, write_csv
from tracker.common.seeding import FIXTURES_DIR, seed_file
from tracker.partnerships.models import Partnership
from tracker.places.choices import AgencyKind, AliasMatch, OriMatch
from tracker.places.models import Agency, AgencyAlias
from tracker.places.names import agency_name_edits, agency_name_key, agency_name_similarity
from tracker.places.ori import ori_for


@pytest.fixture
def loaded(db: None) -> None:
    """Real states (seeded fixtures) and the three 287(g) programs."""
    for name in ("sources.json", "places.json"):
        seed_file(path=FIXTURES_DIR / name, reason="test seed")
    for code in ("287g-tfm", "287g-jem", "287g-wso"):
        FederalProgramFactory(code=code)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Synthetic County Sheriff's Office", "SYNTHETIC COUNTY SHERIFFS OFFICE "),
        ("Saint Synthetic Police Department", "St. Synthetic Police Dept"),
        ("Synthetic City Police Dept.", "Synthetic City Police Department"),
    ],
)
def test_case_punctuation_and_abbreviations_give_one_name_key(a: str, b: str) -> None:
    assert agency_name_key(a) == agency_name_key(b)


def test_a_one_letter_typo_in_a_long_name_is_a_close_spelling() -> None:
    assert agency_name_edits("Berrian County Sheriff's Office", "Berrien County Sheriff's Office") == 1
    assert agency_name_similarity("Berrian County Sheriff's Offic", "Berrian County Sheriffs Office") == 1.0


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Polk County Constable District 2", "Polk County Constable District 4"),
        ("Macon County Sheriff's Office", "Marion County Sheriff's Office"),
        ("Hamblen County Sheriff's Office", "Hamilton County Sheriff's Office"),
        ("East Synthetic Police Department", "West Synthetic Police Department"),
        ("North Synthetic Police Department", "Synthetic Police Department"),
    ],
)
def test_different_agencies_are_not_close_spellings(a: str, b: str) -> None:
    assert agency_name_similarity(a, b) < 0.8


def test_the_national_list_gives_an_ori_by_state_name_and_type() -> None:
    assert ori_for(state_code="MI", name="Berrien County Sheriff's Office", kind=AgencyKind.SHERIFF).ori == "MI1111100"
    assert ori_for(state_code="MI", name="Berrien County Sheriff's Department", kind=AgencyKind.SHERIFF).ori == (
        "MI1111100"
    )
    # the same name in another state is another agency
    assert ori_for(state_code="GA", name="Berrien County Sheriff's Office", kind=AgencyKind.SHERIFF).ori == "GA0100000"


def test_a_doubtful_ori_is_never_taken_but_its_candidates_are_kept() -> None:
    result = ori_for(state_code="MI", name="Berrian County Sheriff's Office", kind=AgencyKind.SHERIFF)
    assert (result.match, result.ori) == (OriMatch.DOUBTFUL, "")
    assert result.candidates[0]["ori"] == "MI1111100"
    assert ori_for(state_code="MI", name="Synthetic County Sheriff's Office", kind=AgencyKind.SHERIFF).match == (
        OriMatch.NONE
    )


def _sheet(tmp_path: Path, name: str, agency: str) -> Path:
    return write_csv(
        tmp_path, [HEADER, ["TEXAS", agency, "County", "#N/A", "Task Force Model", "1/2/2025", ""]], name=name
    )


def test_a_close_spelling_on_a_later_sheet_is_the_same_agency(loaded: None, tmp_path: Path) -> None:
    run(_sheet(tmp_path, "participatingAgencies02012025am.csv", "Synthetica County Sheriff's Office"))
    later = run(_sheet(tmp_path, "participatingAgencies03012025am.csv", "Synthetika County Sheriff's Office"))
    agency = Agency.objects.get()
    assert agency.name == "Synthetika County Sheriff's Office"
    assert set(AgencyAlias.objects.values_list("name", "match")) == {
        ("Synthetica County Sheriff's Office", AliasMatch.SAME_KEY),
        ("Synthetika County Sheriff's Office", AliasMatch.CLOSE),
    }
    assert Partnership.objects.get().status == "active"
    assert later.report.counts["agencies_renamed"] == 1
    assert later.ended == []


def test_an_older_sheet_never_renames_an_agency(loaded: None, tmp_path: Path) -> None:
    run(_sheet(tmp_path, "participatingAgencies03012025am.csv", "Synthetika County Sheriff's Office"))
    run(_sheet(tmp_path, "participatingAgencies02012025am.csv", "Synthetica County Sheriff's Office"))
    assert Agency.objects.get().name == "Synthetika County Sheriff's Office"
    alias = AgencyAlias.objects.get(name="Synthetica County Sheriff's Office")
    assert str(alias.last_seen_on) == "2025-02-01"


def test_a_somewhat_close_spelling_is_a_new_agency_sent_to_review(loaded: None, tmp_path: Path) -> None:
    run(_sheet(tmp_path, "participatingAgencies02012025am.csv", "Synthetic Palm County Sheriff's Office"))
    later = run(_sheet(tmp_path, "participatingAgencies03012025am.csv", "Synthetic Palmetto County Sheriff's Office"))
    new = Agency.objects.get(name="Synthetic Palmetto County Sheriff's Office")
    assert new.needs_review
    assert "Synthetic Palm County Sheriff's Office" in new.review_note
    assert any("new spelling of" in r["reason"] for r in later.report.review)


def test_a_locked_name_and_signed_date_survive_a_new_sheet(loaded: None, tmp_path: Path) -> None:
    run(_sheet(tmp_path, "participatingAgencies02012025am.csv", "Synthetica County Sheriff's Office"))
    agency = Agency.objects.get()
    Agency.objects.filter(pk=agency.pk).update(
        name="Synthetica County Sheriff's Office (corrected)", locked_fields=["name"]
    )
    Partnership.objects.update(signed_on="2024-12-31", locked_fields=["signed_on"])
    run(_sheet(tmp_path, "participatingAgencies03012025am.csv", "Synthetika County Sheriff's Office"))
    assert Agency.objects.get().name == "Synthetica County Sheriff's Office (corrected)"
    assert str(Partnership.objects.get().signed_on) == "2024-12-31"


def test_a_name_given_before_aliases_were_kept_stays_an_alias_after_a_rename(loaded: None, tmp_path: Path) -> None:
    run(_sheet(tmp_path, "participatingAgencies02012025am.csv", "Synthetica County Sheriff's Office"))
    AgencyAlias.objects.all().delete()  # as in a database imported before this version
    run(_sheet(tmp_path, "participatingAgencies03012025am.csv", "Synthetika County Sheriff's Office"))
    assert set(AgencyAlias.objects.values_list("name", flat=True)) == {
        "Synthetica County Sheriff's Office",
        "Synthetika County Sheriff's Office",
    }


def _rows(n: int, start: int = 0) -> list[list[str]]:
    return [
        ["TEXAS", f"Synthetic {i} County Sheriff's Office", "County", "#N/A", "Task Force Model", "1/2/2025", ""]
        for i in range(start, start + n)
    ]


def test_the_number_of_queries_does_not_grow_with_the_rows(loaded: None, tmp_path: Path) -> None:
    def queries(name: str, rows: list[list[str]]) -> int:
        path = write_csv(tmp_path, [HEADER, *rows], name=name)
        with CaptureQueriesContext(connection) as ctx:
            run(path)
        return len(ctx.captured_queries)

    # a few rows or forty, new agencies and agreements or ones seen again, ended or reopened: same queries
    assert queries("participatingAgencies02012025am.csv", _rows(3)) == queries(
        "participatingAgencies02012025pm.csv", _rows(40, start=100)
    )
    assert queries("participatingAgencies03012025am.csv", _rows(2)) == queries(
        "participatingAgencies03012025pm.csv", _rows(39, start=100)
    )
