"""The Atlas of Surveillance importer: the real samples for format, a synthetic file for behaviour."""

from pathlib import Path

import pytest

from tests.factories.places import CountyFactory, PlaceFactory, StateFactory
from tests.importers.conftest import DATA, write_csv
from tracker.common.seeding import FIXTURES_DIR, seed_file
from tracker.importers.atlas import HEADER, LEGACY_HEADER, AtlasImporter
from tracker.importers.base import DuplicateRowError, ImporterError
from tracker.laws.choices import Technology
from tracker.partnerships.models import TechnologyDeployment
from tracker.places.choices import AgencyKind
from tracker.places.models import Agency

pytestmark = pytest.mark.django_db
SAMPLES = DATA / "atlas-sample"


def record(aos: str, agency: str, technology: str = "Drones", **cells: str) -> list[str]:
    """A 28-column Atlas row about a visibly synthetic agency."""
    values = {c: "" for c in HEADER}
    values.update({"AOSNUMBER": aos, "NEWAOSNUMBER (ORI9)": "ZZ0000001DRN", "City": "Synthetic Gamma",
                   "County": "Synthetic Alpha County", "State": "ZZ", "Agency": agency, "Type of LEA": "Police",
                   "Summary": f"Synthetic summary of {agency}.", "Type of Juris": "Municipal",
                   "Technology": technology, "Vendor": "Synthetic Vendor",
                   "Link 1": f"https://example.org/synthetic/{aos}", "Link 1 Source": "Synthetic Gazette",
                   "Link 1 Date": "3/4/2021"})
    values.update({k.replace("_", " "): v for k, v in cells.items()})
    return [values[c] for c in HEADER]


@pytest.fixture
def place() -> object:
    """Synthetic State (ZZ) with Synthetic Gamma city in Synthetic Alpha County."""
    state = StateFactory(ocd_id="ocd-division/country:us/state:zz", postal_code="ZZ")
    CountyFactory(state=state, name="Synthetic Alpha County", ocd_id=f"{state.ocd_id}/county:alpha")
    return PlaceFactory(state=state, name="Synthetic Gamma city", ocd_id=f"{state.ocd_id}/place:gamma")


def atlas(tmp_path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    """A synthetic Atlas file in the export's exact format (every value quoted)."""
    return write_csv(tmp_path / "atlas.csv", header, rows, quote_all=True)


def test_current_sample_parses_every_record_with_its_quirks() -> None:
    rows, skips = AtlasImporter(SAMPLES / "atlas_2026-08_28col_sample.csv").parse(SAMPLES / "atlas_2026-08_28col_sample.csv")
    by_id = {r.aos: r for r in rows}
    assert (len(rows), skips) == (14, [])
    assert by_id["AOS000001"].ori == "VA0850300"
    assert by_id["AOS000026"].ori == ""  # "XX0000125ALPR" is the Atlas's placeholder, not an ORI
    assert by_id["AOS000017"].technology == Technology.ALPR
    assert str(by_id["AOS000005"].links[1].date) == "2020-04-27"  # M/D/YYYY
    assert by_id["AOS000013"].reported_on is None  # Link 1 undated, Link 2 only "2016"
    assert by_id["AOS000010"].summary.count("\u2019") == 1


def test_legacy_sample_skips_identical_duplicates_and_keeps_multi_county_values() -> None:
    path = SAMPLES / "atlas_legacy_26col_sample.csv"
    rows, skips = AtlasImporter(path).parse(path)
    assert [r.aos for r in rows] == ["AOS000001", "AOS000002", "AOS000003", "AOS000004", "AOS000005"]
    assert [(line, reason) for line, _aos, reason in skips] == [(4, "identical duplicate of an earlier row"),
                                                               (6, "identical duplicate of an earlier row")]
    assert rows[1].counties == ["Winnebago County", "Ogle County"]


def test_real_sample_imports_against_the_seeded_states_and_marks_unmatched_homes() -> None:
    for name in ("sources.json", "places.json"):
        seed_file(path=FIXTURES_DIR / name, reason="seed: test")
    report, _run = AtlasImporter(SAMPLES / "atlas_2026-08_28col_sample.csv").run()
    assert (report.counts["created"], report.counts["agencies_created"]) == (14, 14)
    sheriff = Agency.objects.get(name="Martin County Sheriff's Office")
    assert (sheriff.kind, sheriff.needs_review, sheriff.home) == (AgencyKind.SHERIFF, True, None)


def test_synthetic_file_creates_deployments_with_their_links_as_sources(tmp_path: Path, place) -> None:
    report, _run = AtlasImporter(atlas(tmp_path, [record("AOS900001", "Synthetic Gamma Police Department")])).run()
    deployment = TechnologyDeployment.objects.get(atlas_id="AOS900001")
    assert (deployment.technology, deployment.vendor, str(deployment.reported_on)) == ("drones", "Synthetic Vendor",
                                                                                      "2021-03-04")
    assert sorted(s.url for s in deployment.sources.all()) == ["https://atlasofsurveillance.org/download.csv",
                                                               "https://example.org/synthetic/AOS900001"]
    assert (deployment.agency.home, deployment.agency.ori, deployment.agency.needs_review) == (place, "ZZ0000001", False)
    assert report.touched.agencies == {deployment.agency_id}  # its scope: where the agency operates, home, state
    assert deployment.history.get().history_change_reason == "import: Atlas of Surveillance atlas.csv"


def test_curly_and_straight_apostrophes_name_one_agency(tmp_path: Path, place) -> None:
    rows = [record("AOS900001", "Synthetic Alpha County Sheriff\u2019s Office", Type_of_Juris="County"),
            record("AOS900002", "Synthetic Alpha County Sheriff's Office", "Drones", Type_of_Juris="County")]
    AtlasImporter(atlas(tmp_path, rows)).run()
    agency = Agency.objects.get()
    assert agency.home.name == "Synthetic Alpha County"
    assert agency.deployments.count() == 2


def test_agency_whose_home_cannot_be_matched_is_created_for_review(tmp_path: Path, place) -> None:
    AtlasImporter(atlas(tmp_path, [record("AOS900001", "Synthetic Nowhere Police Department", City="Nowhere")])).run()
    agency = Agency.objects.get()
    assert (agency.needs_review, agency.home) == (True, None)
    assert "AOS900001" in agency.review_note


def test_same_file_twice_changes_nothing_and_absent_rows_stay(tmp_path: Path, place, db_fingerprint) -> None:
    both = [record("AOS900001", "Synthetic Gamma Police Department"),
            record("AOS900002", "Synthetic Gamma Police Department", "Face Recognition")]
    AtlasImporter(atlas(tmp_path, both)).run()
    before = db_fingerprint()
    again, _run = AtlasImporter(atlas(tmp_path, both)).run()
    assert again.counts["unchanged"] == 2
    assert {k: v for k, v in db_fingerprint().items() if k != "importers.importrun"} == {
        k: v for k, v in before.items() if k != "importers.importrun"}
    AtlasImporter(atlas(tmp_path, both[:1])).run()
    assert TechnologyDeployment.objects.filter(atlas_id="AOS900002").exists()


def test_changed_row_updates_the_deployment_with_history(tmp_path: Path, place) -> None:
    AtlasImporter(atlas(tmp_path, [record("AOS900001", "Synthetic Gamma Police Department")])).run()
    report, _run = AtlasImporter(atlas(tmp_path, [record("AOS900001", "Synthetic Gamma Police Department",
                                                         Vendor="Synthetic Vendor Two")])).run()
    deployment = TechnologyDeployment.objects.get()
    assert (report.counts["updated"], deployment.vendor) == (1, "Synthetic Vendor Two")
    assert [h.history_type for h in deployment.history.all()] == ["~", "+"]


def test_junk_state_and_unknown_technology_are_skipped_with_reasons(tmp_path: Path, place) -> None:
    rows = [record("AOS900001", "Synthetic Gamma Police Department", State="Police"),
            record("AOS900002", "Synthetic Gamma Police Department", "FRT")]
    report, _run = AtlasImporter(atlas(tmp_path, rows)).run()
    assert [s["reason"] for s in report.skipped] == ["State 'Police' is not a state code", "unknown Technology 'FRT'"]
    assert not TechnologyDeployment.objects.exists()


def test_legacy_layout_is_read(tmp_path: Path, place) -> None:
    row = record("AOS900001", "Synthetic Gamma Police Department")
    legacy = [v for c, v in zip(HEADER, row, strict=True) if c in LEGACY_HEADER]
    AtlasImporter(atlas(tmp_path, [legacy], LEGACY_HEADER)).run()
    assert TechnologyDeployment.objects.get().agency.ori == ""


def test_dry_run_writes_nothing(tmp_path: Path, place, db_fingerprint) -> None:
    before = db_fingerprint()
    report, _run = AtlasImporter(atlas(tmp_path, [record("AOS900001", "Synthetic Gamma Police Department")]),
                                 dry_run=True).run()
    assert report.counts["created"] == 1
    assert db_fingerprint() == before


def _bad(tmp_path: Path, kind: str) -> Path:
    good = atlas(tmp_path, [record("AOS900001", "Synthetic Gamma Police Department")])
    text = good.read_bytes()
    if kind == "wrong header":
        return atlas(tmp_path, [record("AOS900001", "Synthetic")], [c.replace("Agency", "Agencies") for c in HEADER])
    if kind == "empty file":
        good.write_bytes(b"")
    elif kind == "bad encoding":
        good.write_bytes(text.replace(b"Synthetic Gazette", b"Synth\xe9tic Gazette"))
    elif kind == "malformed row":
        good.write_bytes(text.replace(b'"AOS900001"', b'"AOS-1"'))
    elif kind == "conflicting duplicate":
        return atlas(tmp_path, [record("AOS900001", "Synthetic A"), record("AOS900001", "Synthetic B")])
    return good


@pytest.mark.parametrize(
    ("kind", "message", "error"),
    [
        ("wrong header", "atlas.csv, row 1, column 'Agency': missing column 'Agency'", ImporterError),
        ("empty file", "atlas.csv: the file is empty", ImporterError),
        ("bad encoding", "atlas.csv, row 2: not valid utf-8-sig text", ImporterError),
        ("malformed row", "atlas.csv, row 2, column 'AOSNUMBER': not an Atlas id: 'AOS-1'", ImporterError),
        ("conflicting duplicate", "atlas.csv, row 3, column 'AOSNUMBER': AOS900001 appears twice", DuplicateRowError),
    ],
)
def test_bad_file_names_where_and_changes_nothing(tmp_path: Path, place, db_fingerprint, kind, message, error) -> None:
    before = db_fingerprint()
    with pytest.raises(error) as raised:
        AtlasImporter(_bad(tmp_path, kind)).run()
    assert str(raised.value).startswith(message)
    assert db_fingerprint() == before
