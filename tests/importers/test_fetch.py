"""The ICE monitor against a local copy of ICE's page and real sheets, served on 127.0.0.1."""

import functools
import io
import shutil
import socket
import threading
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from config.celery import app
from tests.factories.partnerships import FederalProgramFactory
from tests.importers.conftest import DATA, fingerprint
from tracker.common.seeding import FIXTURES_DIR, seed_file
from tracker.importers import ice_287g_fetch as fetch
from tracker.importers.ice_287g_fetch import FetchError, ice_287g_fetch, sheet_links
from tracker.importers.models import FetchRun, ImportRun
from tracker.importers.tasks import fetch_ice_287g
from tracker.partnerships.models import Partnership

PAGE = Path(__file__).parent / "pages" / "ice_287g_page.html"
DOCLIB = "doclib/about/offices/ero/287g"
FILE_DOWNLOAD = "/file-download/download/public/"
PARTICIPATING_MAY = DATA / "ice-287g" / "participatingAgencies05162025am.xlsx"
PENDING_MAY = DATA / "ice-287g" / "pendingAgencies05152025am.xlsx"
CUMULATIVE = DATA / "ice-287g-more" / "Total-participatingAgencies05182026am.xlsx"


class _Handler(SimpleHTTPRequestHandler):
    """Files from the site's folder, and ICE's /file-download/download/public/<id> links named by header."""

    downloads: dict[str, tuple[str, bytes]] = {}

    def do_GET(self) -> None:
        if not self.path.startswith(FILE_DOWNLOAD):
            super().do_GET()
            return
        name, body = self.downloads[self.path.removeprefix(FILE_DOWNLOAD)]
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Disposition", f'attachment; filename="{name}"')
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        """Keep the test output clean."""


@dataclass
class Site:
    """A local stand-in for www.ice.gov: files under `root`, served at `base`."""

    root: Path
    base: str
    downloads: dict[str, tuple[str, bytes]]

    def put(self, path: str, content: bytes | Path) -> None:
        """Serve `content` (bytes, or a file's bytes) at `path`."""
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, Path):
            shutil.copyfile(content, target)
        else:
            target.write_bytes(content)

    def page(self, name: str, *sheet_names: str) -> str:
        """Serve a page linking the named sheets the way ICE does; return its URL."""
        links = "".join(f'<p><a href="/{DOCLIB}/{sheet}">{sheet}</a></p>' for sheet in sheet_names)
        self.put(name, f"<html><body><h1>287(g)</h1>{links}</body></html>".encode())
        return f"{self.base}/{name}"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """An http.server in a thread on 127.0.0.1, for the whole module."""
    root = tmp_path_factory.mktemp("ice-site")
    handler = type("Handler", (_Handler,), {"downloads": {}})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Site(root, f"http://127.0.0.1:{server.server_address[1]}", handler.downloads)
    server.shutdown()
    server.server_close()


@pytest.fixture
def loaded(db: None) -> None:
    """Real states (seeded fixtures) and the three 287(g) programs."""
    for name in ("sources.json", "places.json"):
        seed_file(path=FIXTURES_DIR / name, reason="test seed")
    for code in ("287g-tfm", "287g-jem", "287g-wso"):
        FederalProgramFactory(code=code)


def facts() -> dict[str, tuple[int, str]]:
    """The database's fingerprint without the fetch runs themselves."""
    return {k: v for k, v in fingerprint().items() if not k.startswith("importers.fetchrun")}


def fetch_failing(url: str) -> tuple[str, FetchRun]:
    """Run the command on a page that must fail; return its error and the recorded run."""
    with pytest.raises(CommandError) as failed:
        call_command("fetch_287g", "--url", url, stdout=StringIO())
    return str(failed.value), FetchRun.objects.get()


def test_a_check_imports_the_linked_sheets_and_a_second_check_imports_nothing(loaded: None, site: Site) -> None:
    site.put("page.html", PAGE.read_bytes())
    site.put(f"{DOCLIB}/{PARTICIPATING_MAY.name}", PARTICIPATING_MAY)
    site.downloads["900001"] = (PENDING_MAY.name, PENDING_MAY.read_bytes())
    site.downloads["900002"] = ("287gTaskForceModelFactSheet.pdf", b"%PDF-1.7 synthetic")
    out = StringIO()
    call_command("fetch_287g", "--url", f"{site.base}/page.html", stdout=out)
    run = FetchRun.objects.get()
    assert run.outcome == FetchRun.Outcome.IMPORTED
    assert [(s["name"], s["kind"], s["outcome"]) for s in run.sheets] == [
        ("pendingAgencies05152025am.xlsx", "pending", "imported"),
        ("participatingAgencies05162025am.xlsx", "participating", "imported"),
    ]
    assert [s["url"] for s in run.sheets] == [
        f"{site.base}{FILE_DOWNLOAD}900001",
        f"{site.base}/{DOCLIB}/participatingAgencies05162025am.xlsx",
    ]
    assert set(run.import_runs.all()) == set(ImportRun.objects.all())
    assert Partnership.objects.filter(status="active").exists()
    assert "participatingAgencies05162025am.xlsx: imported: created" in out.getvalue()
    before = facts()

    call_command("fetch_287g", "--url", f"{site.base}/page.html", stdout=StringIO())
    again = FetchRun.objects.order_by("-pk").first()
    assert again is not None and again.outcome == FetchRun.Outcome.UNCHANGED
    assert {s["outcome"] for s in again.sheets} == {"already imported"}
    assert not again.import_runs.exists()
    assert facts() == before


def test_a_page_that_links_no_sheet_changes_nothing_and_says_the_layout_changed(loaded: None, site: Site) -> None:
    before = facts()
    error, run = fetch_failing(site.page("maintenance.html"))
    assert "page layout: no participating agencies sheet" in error
    assert run.outcome == FetchRun.Outcome.FAILED
    assert run.reason.startswith("page layout")
    assert facts() == before


def test_a_sheet_name_without_a_plain_date_is_reported_never_guessed(loaded: None, site: Site) -> None:
    error, run = fetch_failing(site.page("undated.html", "participatingAgencies-latest.xlsx"))
    assert "the sheet 'participatingAgencies-latest.xlsx' has no plain date in its name" in error
    assert run.reason.startswith("page layout")


def test_a_file_that_is_not_a_zip_changes_nothing(loaded: None, site: Site) -> None:
    site.put(f"{DOCLIB}/participatingAgencies01022026am.xlsx", b"<html>Access denied</html>")
    _error, run = fetch_failing(site.page("html-sheet.html", "participatingAgencies01022026am.xlsx"))
    assert run.reason.startswith("file: ")
    assert "not a readable .xlsx (zip) file" in run.reason
    assert not ImportRun.objects.exists()


def test_a_zip_without_a_workbook_in_it_is_refused(loaded: None, site: Site) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "not a spreadsheet")
    site.put(f"{DOCLIB}/participatingAgencies01032026am.xlsx", buffer.getvalue())
    _error, run = fetch_failing(site.page("zip.html", "participatingAgencies01032026am.xlsx"))
    assert "without [Content_Types].xml, xl/workbook.xml: not a workbook" in run.reason


def test_a_file_over_the_size_cap_is_refused(loaded: None, site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fetch, "MAX_FILE_BYTES", 10_000)
    site.put(f"{DOCLIB}/{PENDING_MAY.name}", PENDING_MAY)
    site.put(f"{DOCLIB}/participatingAgencies01042026am.xlsx", PARTICIPATING_MAY)
    _error, run = fetch_failing(site.page("big.html", "participatingAgencies01042026am.xlsx"))
    assert "the limit is 10,000" in run.reason
    assert not Partnership.objects.exists()


def test_a_sheet_the_page_links_but_the_server_lacks_is_a_network_failure(loaded: None, site: Site) -> None:
    _error, run = fetch_failing(site.page("dangling.html", "participatingAgencies01052026am.xlsx"))
    assert run.reason.startswith("network: ")
    assert "404" in run.reason
    assert run.sheets == [
        {
            "name": "participatingAgencies01052026am.xlsx",
            "url": f"{site.base}/{DOCLIB}/participatingAgencies01052026am.xlsx",
        }
    ]


def test_a_sheet_the_importer_refuses_undoes_the_sheets_imported_before_it(loaded: None, site: Site) -> None:
    # ICE's pending sheet is good and comes first; the "participating" file is a monitor's cumulative
    # re-save under an ICE name, which the importer refuses: the pending import must be undone too.
    site.put(f"{DOCLIB}/{PENDING_MAY.name}", PENDING_MAY)
    site.put(f"{DOCLIB}/participatingAgencies05182026am.xlsx", CUMULATIVE)
    before = facts()
    _error, run = fetch_failing(site.page("cumulative.html", PENDING_MAY.name, "participatingAgencies05182026am.xlsx"))
    assert "marks a monitor's cumulative file" in run.reason
    assert facts() == before
    assert not ImportRun.objects.exists()


def test_an_unexpected_error_is_recorded_and_raised(db: None, site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("synthetic failure")

    monkeypatch.setattr(fetch, "import_sheet", broken)
    site.put(f"{DOCLIB}/{PENDING_MAY.name}", PENDING_MAY)
    site.put(f"{DOCLIB}/{PARTICIPATING_MAY.name}", PARTICIPATING_MAY)
    with pytest.raises(RuntimeError):
        ice_287g_fetch(url=site.page("bug.html", PENDING_MAY.name, PARTICIPATING_MAY.name))
    run = FetchRun.objects.get()
    assert run.outcome == FetchRun.Outcome.FAILED
    assert run.reason == "unexpected error: RuntimeError: synthetic failure"


def test_an_unreachable_page_is_recorded_as_a_network_failure(db: None) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    run = ice_287g_fetch(url=f"http://127.0.0.1:{port}/page.html")
    assert run.outcome == FetchRun.Outcome.FAILED
    assert run.reason.startswith("network: ")


def test_a_server_that_never_answers_times_out(db: None) -> None:
    with socket.create_server(("127.0.0.1", 0)) as silent:  # accepts connections, never replies
        run = ice_287g_fetch(url=f"http://127.0.0.1:{silent.getsockname()[1]}/page.html", timeout=0.3)
    assert run.reason.startswith("network: ")
    assert "timed out" in run.reason


def test_sheet_links_may_be_absolute_or_relative_and_only_icegov_ones_count() -> None:
    html = PAGE.read_text() + (
        '<a href="https://www.ice.gov/doclib/about/offices/ero/287g/participatingAgencies05162025am.xlsx">again</a>'
    )
    assert sheet_links(html, base_url="https://www.ice.gov/identify-and-arrest/287g") == [
        "https://www.ice.gov/doclib/about/offices/ero/287g/participatingAgencies05162025am.xlsx",
        "https://www.ice.gov/file-download/download/public/900001",
        "https://www.ice.gov/file-download/download/public/900002",
    ]


def test_a_page_with_dozens_of_downloads_is_a_layout_change_not_a_crawl() -> None:
    html = "".join(f'<a href="{FILE_DOWNLOAD}{n}">file {n}</a>' for n in range(30))
    with pytest.raises(FetchError, match="30 downloads are linked"):
        sheet_links(html, base_url="https://www.ice.gov/identify-and-arrest/287g")


def test_a_page_with_only_a_pending_sheet_is_a_layout_change(loaded: None, site: Site) -> None:
    site.put(f"{DOCLIB}/{PENDING_MAY.name}", PENDING_MAY)
    _error, run = fetch_failing(site.page("pending-only.html", PENDING_MAY.name))
    assert run.reason == "page layout: no participating agencies sheet (.xlsx) is linked from the page"


def test_a_download_named_like_a_sheet_without_a_plain_date_is_a_layout_change(loaded: None, site: Site) -> None:
    site.downloads["900003"] = ("participatingAgencies.xlsx", PARTICIPATING_MAY.read_bytes())
    site.put("download-undated.html", f'<a href="{FILE_DOWNLOAD}900003">Participating</a>'.encode())
    _error, run = fetch_failing(f"{site.base}/download-undated.html")
    assert run.reason == "page layout: the sheet 'participatingAgencies.xlsx' has no plain date in its name"


def test_beat_checks_ices_page_as_often_as_the_setting_says() -> None:
    app.loader.import_default_modules()
    entry = settings.CELERY_BEAT_SCHEDULE["fetch-ice-287g"]
    assert entry["task"] in app.tasks
    assert entry["schedule"] == settings.ICE_287G_FETCH_SECONDS == 24 * 60 * 60


def test_the_beat_task_records_a_failed_check_and_leaves_it_for_the_next_run(
    db: None, site: Site, settings: Any
) -> None:
    settings.ICE_287G_URL = site.page("task.html")
    assert fetch_ice_287g.delay().get() == "failed"
    assert FetchRun.objects.get().url == settings.ICE_287G_URL


def test_fetch_runs_are_read_only_in_the_admin(admin_client: Any, db: None) -> None:
    run = ice_287g_fetch(url="http://127.0.0.1:9/none.html", timeout=0.3)
    assert admin_client.get("/admin/importers/fetchrun/").status_code == 200
    assert admin_client.get("/admin/importers/fetchrun/add/").status_code == 403
    page = admin_client.get(f"/admin/importers/fetchrun/{run.pk}/change/")
    assert page.status_code == 200
    assert b'name="_save"' not in page.content
    assert admin_client.post(f"/admin/importers/fetchrun/{run.pk}/delete/").status_code == 403
