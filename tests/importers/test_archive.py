"""`import_287g_archive`: every shipped ICE sheet in publication order, twice, and the file-name dates."""

import datetime
from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from tests.factories.partnerships import FederalProgramFactory
from tests.importers.conftest import DATA, fingerprint
from tracker.common.seeding import FIXTURES_DIR, seed_file
from tracker.importers.base import ImporterError
from tracker.importers.ice_287g import Ice287gImporter
from tracker.importers.ice_287g_archive import (
    ALREADY,
    IMPORTED,
    REFUSED,
    SheetOutcome,
    archive_sheets,
    import_archive,
)
from tracker.importers.ice_287g_sheet import PARTICIPATING, PENDING, sheet_date_from_name
from tracker.importers.models import ImportRun
from tracker.partnerships.choices import PartnershipStatus
from tracker.partnerships.models import Partnership

FOLDERS = [DATA / "ice-287g", DATA / "ice-287g-more"] + [
    folder for folder in [DATA / "ice-287g-archive"] if folder.is_dir()
]
CUMULATIVE = "Total-participatingAgencies05182026am.xlsx"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("participatingAgencies10092026.xlsx", datetime.date(2026, 10, 9)),
        ("participatingAgencies07182025pm.xlsx", datetime.date(2025, 7, 18)),
        ("287gParticipatingAgencies091526pm.xlsx", datetime.date(2026, 9, 15)),
        ("ParticipatingAgency091826am.xlsx", datetime.date(2026, 9, 18)),
        ("participatingAgencies-20250411231031.xlsx", datetime.date(2025, 4, 11)),
        ("TOTAL-participatingAgencies05182026am.xlsx", datetime.date(2026, 5, 18)),
        ("pendingAgencies05152025am.xlsx", datetime.date(2025, 5, 15)),
        ("participatingAgencies04212026am 12.15.07 AM.xlsx", datetime.date(2026, 4, 21)),
        ("pendingAgencies10223025am.xlsx", None),  # a typo for 10/22/2025 on a real name: never guessed
        ("participatingAgencies13012026.xlsx", None),
        ("participatingAgencies1092026.xlsx", None),
        ("ParticipatingEntities-20250219163339.xlsx", None),
    ],
)
def test_every_real_variant_of_ices_file_names_gives_its_date(name: str, expected: datetime.date | None) -> None:
    assert sheet_date_from_name(name) == expected


def test_the_shipped_sheets_come_in_publication_order() -> None:
    sheets = archive_sheets([DATA / "ice-287g", DATA / "ice-287g-more"])
    assert [(s.path.name, s.kind) for s in sheets] == [
        ("participatingAgencies-20250411231031.xlsx", PARTICIPATING),
        ("pendingAgencies05152025am.xlsx", PENDING),
        ("participatingAgencies05162025am.xlsx", PARTICIPATING),
        ("pendingAgencies07182025pm.xlsx", PENDING),
        ("participatingAgencies07182025pm.xlsx", PARTICIPATING),
        ("participatingAgencies08132025am.xlsx", PARTICIPATING),
        ("TOTAL-participatingAgencies05182026am.xlsx", PARTICIPATING),
        (CUMULATIVE, PARTICIPATING),
    ]


def test_the_morning_sheet_comes_before_the_afternoons_and_pending_before_participating(tmp_path: Path) -> None:
    for name in (
        "participatingAgencies09012026pm.xlsx",
        "pendingAgencies09012026pm.xlsx",
        "participatingAgencies09012026am.xlsx",
        "notes.txt",
    ):
        (tmp_path / name).write_bytes(b"x")
    assert [s.path.name for s in archive_sheets([tmp_path])] == [
        "participatingAgencies09012026am.xlsx",
        "pendingAgencies09012026pm.xlsx",
        "participatingAgencies09012026pm.xlsx",
    ]


def test_a_name_without_a_plain_date_is_refused_before_anything_is_imported(tmp_path: Path) -> None:
    (tmp_path / "participatingAgencies05162025am.xlsx").write_bytes(b"x")
    (tmp_path / "participatingAgencies-latest.xlsx").write_bytes(b"x")
    with pytest.raises(ImporterError, match=r"participatingAgencies-latest\.xlsx: .*give it with --date"):
        archive_sheets([tmp_path])


def test_a_date_override_dates_a_file_whose_name_does_not(tmp_path: Path) -> None:
    (tmp_path / "participatingAgencies-latest.xlsx").write_bytes(b"x")
    dates = {"participatingAgencies-latest.xlsx": datetime.date(2026, 11, 30)}
    [sheet] = archive_sheets([tmp_path], dates=dates)
    assert sheet.as_of == datetime.date(2026, 11, 30)


def test_a_date_override_for_a_file_not_in_the_archive_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ImporterError, match="not in the archive"):
        archive_sheets([tmp_path], dates={"pendingAgencies.xlsx": datetime.date(2026, 1, 1)})


def test_the_command_says_how_to_write_a_date_override(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="is not FILE=YYYY-MM-DD"):
        call_command("import_287g_archive", str(tmp_path), "--date", "2026-11-30")


def test_a_file_that_says_neither_participating_nor_pending_is_refused(tmp_path: Path) -> None:
    (tmp_path / "agreements05162025am.xlsx").write_bytes(b"x")
    with pytest.raises(ImporterError, match="neither 'participating' nor 'pending'"):
        archive_sheets([tmp_path])


# --- the whole shipped archive, imported once for the module ------------------------------------


class Imported:
    """What the module's import passes left: outcomes, output and fingerprints."""

    first: list[SheetOutcome]
    after_first: dict[str, tuple[int, str]]
    second_output: str
    second_error: str
    after_second: dict[str, tuple[int, str]]


@pytest.fixture(scope="module")
def imported(django_db_setup, django_db_blocker) -> Iterator[Imported]:  # type: ignore[no-untyped-def]
    """Every shipped sheet imported in order, then the archive command run again; rolled back after."""
    result = Imported()
    with django_db_blocker.unblock(), transaction.atomic():
        for name in ("sources.json", "places.json"):
            seed_file(path=FIXTURES_DIR / name, reason="test seed")
        for code in ("287g-tfm", "287g-jem", "287g-wso"):
            FederalProgramFactory(code=code)
        result.first = import_archive(archive_sheets(FOLDERS))
        result.after_first = fingerprint()
        out = StringIO()
        with pytest.raises(CommandError) as refused:
            call_command("import_287g_archive", *map(str, FOLDERS), stdout=out)
        result.second_output, result.second_error = out.getvalue(), str(refused.value)
        result.after_second = fingerprint()
        yield result
        transaction.set_rollback(True)


@pytest.fixture
def archive(imported: Imported, db: None) -> Imported:
    """Each test runs inside the module's transaction (a savepoint of it)."""
    return imported


def test_every_ice_sheet_imports_and_the_cumulative_monitor_file_is_refused(archive: Imported) -> None:
    outcomes = {o.sheet.path.name: o for o in archive.first}
    assert outcomes.pop(CUMULATIVE).outcome == REFUSED
    assert {o.outcome for o in outcomes.values()} == {IMPORTED}
    assert "'STATUS' marks a monitor's cumulative file" in next(o.detail for o in archive.first if o.outcome == REFUSED)


def test_the_sheets_are_imported_in_publication_order(archive: Imported) -> None:
    dates = list(ImportRun.objects.order_by("pk").values_list("as_of", flat=True))
    assert dates == sorted(dates)
    assert dates[0] == datetime.date(2025, 4, 11)
    assert dates[-1] == datetime.date(2026, 5, 18)


def test_a_second_import_of_the_archive_changes_nothing(archive: Imported) -> None:
    assert archive.after_second == archive.after_first
    assert archive.second_output.count(f": {ALREADY}") == len(archive.first) - 1
    assert "1 of 8 sheet(s) refused" in archive.second_error


def test_every_agreement_still_listed_was_last_seen_on_the_newest_sheet(archive: Imported) -> None:
    active = Partnership.objects.filter(status=PartnershipStatus.ACTIVE)
    assert active.exists()
    assert set(active.values_list("last_seen_on", flat=True)) == {datetime.date(2026, 5, 18)}
    assert not active.filter(ended_on__isnull=False).exists()


def test_every_ended_agreement_ends_on_the_first_sheet_that_no_longer_lists_it(archive: Imported) -> None:
    ended = Partnership.objects.filter(status=PartnershipStatus.ENDED, agreement__isnull=True)
    assert ended.exists()
    for agreement in ended.select_related("ended_in"):
        assert agreement.first_seen_on <= agreement.last_seen_on < agreement.ended_on
        assert agreement.ended_in.published_on == agreement.ended_on


def test_an_application_that_was_signed_ended_no_later_than_its_agreement_first_appeared(archive: Imported) -> None:
    # Not always the same day: an application can leave the pending sheet months before its agreement
    # shows on a participating sheet we hold (San Jacinto County: gone in July 2025, listed in May 2026).
    signed = Partnership.objects.filter(application__isnull=False).select_related("application")
    assert signed.exists()
    for agreement in signed:
        application = agreement.application
        assert application.status == PartnershipStatus.ENDED
        assert application.agency_id == agreement.agency_id
        assert application.first_seen_on <= application.ended_on <= agreement.first_seen_on


def test_the_april_2025_sheet_is_the_first_appearance_of_its_agreements(archive: Imported) -> None:
    first = Partnership.objects.exclude(status=PartnershipStatus.PENDING).values_list("first_seen_on", flat=True)
    assert min(first) == datetime.date(2025, 4, 11)
    assert datetime.date(2025, 8, 13) in set(first)  # the August 2025 sheet adds agreements of its own


#: What the newer sheets decided about an agreement: where it stands, when it was last listed, how it ended.
NEWER_FACTS = ("status", "signed_on", "moa_url", "last_seen_on", "last_seen_in", "ended_on", "ended_in", "application")


def test_an_older_sheet_imported_after_the_newest_undoes_nothing(archive: Imported) -> None:
    # The archive skips known bytes; the importer itself is run here to re-read the oldest sheet.
    before = {row["pk"]: row for row in Partnership.objects.values("pk", *NEWER_FACTS)}
    Ice287gImporter(DATA / "ice-287g-more" / "participatingAgencies-20250411231031.xlsx").run()
    after = {row["pk"]: row for row in Partnership.objects.values("pk", *NEWER_FACTS)}
    assert after == before
