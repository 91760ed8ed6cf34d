"""The ICE 287(g) importer on ICE's real sheets (data/) and on broken synthetic files."""

import datetime
import json
import re
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from tests.factories.partnerships import FederalProgramFactory
from tracker.common.seeding import FIXTURES_DIR, seed_file
from tracker.importers.base import ImporterError
from tracker.importers.ice_287g import Ice287gImporter
from tracker.importers.models import ImportRun
from tracker.partnerships.choices import PartnershipStatus
from tracker.partnerships.models import Partnership
from tracker.places.models import Agency
from tracker.sources.models import Source

DATA = Path(settings.BASE_DIR) / "data"
MAY = DATA / "ice-287g" / "participatingAgencies05162025am.xlsx"
JULY = DATA / "ice-287g" / "participatingAgencies07182025pm.xlsx"
PENDING_MAY = DATA / "ice-287g" / "pendingAgencies05152025am.xlsx"
RESAVE_2026 = DATA / "ice-287g-more" / "TOTAL-participatingAgencies05182026am.xlsx"
CUMULATIVE_2026 = DATA / "ice-287g-derived" / "Total-participatingAgencies05182026am.xlsx"
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
HEADER = ["STATE", "LAW ENFORCEMENT AGENCY", "TYPE", "COUNTY", "SUPPORT TYPE", "SIGNED", "MOA"]


@pytest.fixture
def loaded(db: None) -> None:
    """Real states (seeded fixtures) and the three 287(g) programs."""
    for name in ("sources.json", "places.json"):
        seed_file(path=FIXTURES_DIR / name, reason="test seed")
    for code in ("287g-tfm", "287g-jem", "287g-wso"):
        FederalProgramFactory(code=code)


def run(path: Path, **options: object) -> Ice287gImporter:
    importer = Ice287gImporter(path, **options)  # type: ignore[arg-type]
    importer.report, importer.import_run = importer.run()  # type: ignore[attr-defined]
    return importer


def snapshot() -> tuple[int, ...]:
    return (
        Partnership.objects.count(),
        Agency.objects.count(),
        Source.objects.count(),
        ImportRun.objects.count(),
        Partnership.history.count(),
    )


def write_csv(tmp_path: Path, rows: list[list[str]], name: str = "participatingAgencies01022025am.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(",".join(f'"{c}"' for c in row) for row in rows) + "\n", encoding="utf-8")
    return path


def test_may_2025_sheet_gives_571_agreements_by_model(loaded: None) -> None:
    run(MAY)
    by_model = Counter(Partnership.objects.values_list("program__code", flat=True))
    assert by_model == {"287g-tfm": 275, "287g-wso": 205, "287g-jem": 91}
    assert Partnership.objects.filter(status=PartnershipStatus.ACTIVE).count() == 571
    source = Source.objects.get(key__startswith="ice-287g")
    assert source.published_on == datetime.date(2025, 5, 16)
    assert source.publisher == "U.S. Immigration and Customs Enforcement"


def test_july_2025_sheet_unwraps_every_safelink_and_stores_no_email(loaded: None) -> None:
    importer = run(JULY)
    assert Partnership.objects.count() == 832
    assert Partnership.objects.exclude(moa_url="").count() == 603
    assert Partnership.objects.exclude(addendum_url="").count() == 39
    stored = [
        json.dumps(list(Partnership.objects.values()), default=str),
        json.dumps(list(Partnership.history.values()), default=str),
        json.dumps(list(Source.objects.values()), default=str),
        json.dumps(list(ImportRun.objects.values()), default=str),
    ]
    for text in stored:
        assert "safelinks" not in text.lower()
        assert not EMAIL.search(text)
    assert importer.import_run.as_of == datetime.date(2025, 7, 18)


def test_malformed_signed_dates_are_kept_raw_and_flagged_not_guessed(loaded: None) -> None:
    run(JULY)
    tooele = Partnership.objects.get(agency__name="Tooele County Sheriff's Office", signed_raw="7/72025")
    assert tooele.signed_on is None
    assert tooele.signed_raw == "7/72025"
    assert tooele.needs_review
    assert "7/72025" in tooele.review_note


def test_may_then_july_reports_the_agreements_added_and_ended(loaded: None) -> None:
    run(MAY)
    july = run(JULY)
    # 9 agencies are spelled differently in July (e.g. "City of Melbourne Police Department" became
    # "Melbourne Police Department"): the same agencies, whose agreements go on
    assert len(july.added) == 267
    assert len(july.ended) == 6
    assert "MN Jackson County Sheriff's Office (287g-jem)" in july.ended
    ended = Partnership.objects.get(
        agency__name="Jackson County Sheriff's Office", agency__state__postal_code="MN", program__code="287g-jem"
    )
    assert ended.status == PartnershipStatus.ENDED
    assert ended.ended_on == datetime.date(2025, 7, 18)
    assert ended.ended_in.key == "ice-287g-participating-participatingagencies07182025pm"
    assert ended.last_seen_on == datetime.date(2025, 5, 16)
    assert Partnership.objects.filter(status=PartnershipStatus.ACTIVE).count() == 832


def test_the_same_sheet_twice_changes_nothing_the_second_time(loaded: None) -> None:
    run(MAY)
    before = snapshot()
    second = run(MAY)
    assert second.report.counts["unchanged"] == 571
    assert second.report.counts["created"] == second.report.counts["updated"] == 0
    assert snapshot()[:2] == before[:2]
    assert snapshot()[4] == before[4]


def test_an_older_sheet_after_a_newer_one_changes_no_end_dates(loaded: None) -> None:
    run(JULY)
    active_before = set(Partnership.objects.filter(status=PartnershipStatus.ACTIVE).values_list("pk", flat=True))
    may = run(MAY)
    assert may.ended == []
    assert (
        set(Partnership.objects.filter(status=PartnershipStatus.ACTIVE).values_list("pk", flat=True)) == active_before
    )
    # on May's sheet, gone from July's: ended by the July sheet, not by the older one
    jackson = Partnership.objects.get(
        agency__name="Jackson County Sheriff's Office", agency__state__postal_code="MN", program__code="287g-jem"
    )
    assert (jackson.status, jackson.ended_on) == (PartnershipStatus.ENDED, datetime.date(2025, 7, 18))
    colbert = Partnership.objects.get(agency__name="Colbert County Sheriff's Office", program__code="287g-wso")
    assert colbert.first_seen_on == datetime.date(2025, 5, 16)
    assert colbert.last_seen_on == datetime.date(2025, 7, 18)


def test_same_agency_name_in_two_states_is_two_agencies(loaded: None) -> None:
    run(JULY)
    assert set(
        Agency.objects.filter(name="Holly Hill Police Department").values_list("state__postal_code", flat=True)
    ) == {"FL", "SC"}
    franklin = Agency.objects.filter(name="Franklin County Sheriff's Office")
    assert set(franklin.values_list("state__postal_code", flat=True)) == {"AL", "FL", "KS", "TN", "TX", "VA"}
    oakland = Agency.objects.get(name="Oakland Police Department")
    assert oakland.state.postal_code == "FL"
    assert Agency.objects.get(name="Berkeley County Sheriff's Office").state.postal_code == "SC"


def test_pending_application_is_linked_when_it_turns_into_an_agreement(loaded: None) -> None:
    pending = run(PENDING_MAY, pending=True)
    assert pending.report.counts["created"] == 92
    assert Partnership.objects.filter(status=PartnershipStatus.PENDING).count() == 92
    july = run(JULY)
    # one of them spelled "Lower Burrell Fourth Ward Constable's Office" in May, "... Constable" in July
    assert july.report.counts["linked"] == 84
    agreement = Partnership.objects.get(
        agency__name="Houston County Sheriff's Office",
        agency__state__postal_code="AL",
        program__code="287g-jem",
        status=PartnershipStatus.ACTIVE,
    )
    assert agreement.application is not None
    assert agreement.application.status == PartnershipStatus.ENDED
    assert agreement.application.ended_on == datetime.date(2025, 7, 18)
    assert Partnership.objects.filter(status=PartnershipStatus.PENDING).count() == 92 - 84


def test_the_2026_resave_reads_ice_columns_only(loaded: None) -> None:
    run(RESAVE_2026)
    assert Partnership.objects.count() == 1843
    assert not Partnership.objects.exclude(moa_url="").exists()  # its links are the monitor's text, not ICE's
    row = Partnership.objects.first().source_row
    assert not {"Extracted Link", "Agency Validation", "Unnamed: 9"} & set(row)


def test_a_monitors_cumulative_file_is_refused(loaded: None) -> None:
    with pytest.raises(ImporterError, match="cumulative") as caught:
        run(CUMULATIVE_2026)
    assert caught.value.column == "STATUS"
    assert Partnership.objects.count() == 0


def test_dry_run_writes_nothing(loaded: None) -> None:
    before = snapshot()
    importer = run(MAY, dry_run=True)
    assert importer.report.counts["created"] == 571
    assert snapshot() == before


def test_a_wrong_header_names_the_file_row_and_column(loaded: None, tmp_path: Path) -> None:
    path = tmp_path / "participatingAgencies01022025am.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["STATE", "LAW ENFORCEMENT AGENCY", "TYPE", "COUNTY", "MODEL", "SIGNED"])
    book.active.append(["TEXAS", "Synthetic County Sheriff's Office", "County", "Synthetic County", "Task Force Model"])
    book.save(path)
    with pytest.raises(
        CommandError,
        match=r"participatingAgencies01022025am.xlsx, sheet 'Sheet', row 1, "
        r"column 'SUPPORT TYPE'",
    ):
        call_command("import_287g", str(path))


def test_a_bad_signed_date_fails_the_whole_file_and_changes_nothing(loaded: None, tmp_path: Path) -> None:
    run(MAY)
    before = snapshot()
    path = write_csv(
        tmp_path,
        [
            HEADER,
            [
                "TEXAS",
                "Synthetic County Sheriff's Office",
                "County",
                "Synthetic County",
                "Task Force Model",
                "2025-06-01",
                "link",
            ],
            [
                "TEXAS",
                "Synthetic City Police Department",
                "Municipality",
                "#N/A",
                "Warrant Service Officer",
                "soon",
                "link",
            ],
        ],
        name="participatingAgencies08012025am.csv",
    )
    with pytest.raises(ImporterError) as caught:
        run(path)
    assert (caught.value.row, caught.value.column) == (3, "SIGNED")
    assert "not a date: 'soon'" in str(caught.value)
    assert snapshot() == before


def test_an_empty_file_is_refused(loaded: None, tmp_path: Path) -> None:
    path = tmp_path / "participatingAgencies01022025am.csv"
    path.write_bytes(b"")
    with pytest.raises(ImporterError, match="participatingAgencies01022025am.csv: the file is empty"):
        run(path)
    assert snapshot()[0] == 0


def test_a_truncated_workbook_is_refused(loaded: None, tmp_path: Path) -> None:
    path = tmp_path / MAY.name
    path.write_bytes(MAY.read_bytes()[: MAY.stat().st_size // 2])
    with pytest.raises(ImporterError, match="participatingAgencies05162025am.xlsx: not a readable .xlsx"):
        run(path)
    assert snapshot()[0] == 0


def test_a_csv_with_a_bad_encoding_names_the_line(loaded: None, tmp_path: Path) -> None:
    path = tmp_path / "participatingAgencies01022025am.csv"
    body = (
        ",".join(HEADER)
        + "\nTEXAS,Synthetic Pe\xf1a Police Department,Municipality,#N/A,Task Force Model,1/2/2025,link\n"
    )
    path.write_bytes(body.encode("latin-1"))
    with pytest.raises(ImporterError, match=r"row 2: not valid utf-8-sig text"):
        run(path)
    assert snapshot()[0] == 0


def test_a_csv_sheet_is_normalised_like_the_workbooks(loaded: None, tmp_path: Path) -> None:
    safelink = (
        "https://gcc02.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.ice.gov%2Fdoclib%2F287gMOA"
        "%2FSyntheticTFM.pdf&data=05%7C02%7Csynthetic.person%40example.org%7Cabc&reserved=0"
    )
    path = write_csv(
        tmp_path,
        [
            HEADER,
            [
                "TEXAS ",
                " Synthetic County  Sheriff's Office",
                "County ",
                "#N/A",
                "Task Force Model ",
                "05/082025",
                safelink,
            ],
        ],
    )
    run(path)
    p = Partnership.objects.get()
    assert (p.agency.name, p.agency.kind, p.agency.state.postal_code) == (
        "Synthetic County Sheriff's Office",
        "sheriff",
        "TX",
    )
    assert p.program.code == "287g-tfm"
    assert p.moa_url == "https://www.ice.gov/doclib/287gMOA/SyntheticTFM.pdf"
    assert (p.signed_on, p.signed_raw, p.needs_review) == (None, "05/082025", True)
    assert "example.org" not in json.dumps(p.source_row)


def test_a_sheet_without_a_date_needs_as_of(loaded: None, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path, [HEADER, ["TEXAS", "Synthetic PD", "Municipality", "", "Task Force Model", "", ""]], name="sheet.csv"
    )
    with pytest.raises(ImporterError, match="--as-of"):
        run(path)
    run(path, as_of="2025-02-01")
    assert Source.objects.get(key__startswith="ice-287g").published_on == datetime.date(2025, 2, 1)


def test_the_command_prints_a_summary(loaded: None, capsys: pytest.CaptureFixture[str]) -> None:
    call_command("import_287g", str(PENDING_MAY), "--pending", verbosity=0)
    out = capsys.readouterr().out
    assert out.startswith("created 92, updated 0, unchanged 0, ended 0, skipped 0")
    assert "pending sheet of 2025-05-15" in out


SAFELINK_WITH_ADDRESSES = (
    "https://NAM12.SAFELINKS.PROTECTION.OUTLOOK.COM./?url=https%3A%2F%2Fwww.ice.gov%2Fs.pdf%3Fby%3D"
    "synthetic.person%2540example.org&data=05%7Csynthetic.person%40example.org"
)


def test_the_stored_row_keeps_no_email_address_from_any_cell(loaded: None, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path,
        [
            HEADER,
            [
                "TEXAS",
                "Synthetic County Sheriff's Office",
                "County",
                "Synthetic County",
                "Task Force Model",
                "1/2/2025",
                SAFELINK_WITH_ADDRESSES,
            ],
        ],
    )
    run(path)
    p = Partnership.objects.get()
    assert p.moa_url == "https://www.ice.gov/s.pdf"
    stored = json.dumps([p.source_row, list(Partnership.history.values("source_row", "moa_url"))])
    assert "example.org" not in stored
    assert "safelinks" not in stored.lower()


PENDING_JULY = DATA / "ice-287g" / "pendingAgencies07182025pm.xlsx"


def test_each_change_is_kept_once_with_the_file_as_reason_and_the_sources_then_cited(loaded: None) -> None:
    run(MAY)
    run(JULY)
    p = Partnership.objects.get(agency__name="Colbert County Sheriff's Office", program__code="287g-wso")
    history = list(p.history.order_by("history_id"))
    assert [h.history_change_reason for h in history] == [
        "import_287g participatingAgencies05162025am.xlsx",
        "import_287g participatingAgencies07182025pm.xlsx",
    ]
    cited = [set(h.sources.values_list("source__key", flat=True)) for h in history]
    assert cited == [
        {"ice-287g-participating-participatingagencies05162025am"},
        {
            "ice-287g-participating-participatingagencies05162025am",
            "ice-287g-participating-participatingagencies07182025pm",
        },
    ]


def test_a_pending_sheet_again_after_the_agreement_of_the_same_day_changes_nothing(loaded: None) -> None:
    run(PENDING_JULY, pending=True)
    run(JULY)
    before = snapshot()
    again = run(PENDING_JULY, pending=True)
    assert again.report.counts["created"] == again.report.counts["updated"] == 0
    assert snapshot()[:2] == before[:2]
    assert snapshot()[4] == before[4]
