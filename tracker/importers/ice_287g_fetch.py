"""The ICE monitor: read ICE's 287(g) page, download the sheets it links, import the new ones.

ICE publishes its participating and pending agencies as .xlsx files linked from
https://www.ice.gov/identify-and-arrest/287g, replacing them without notice, in two link formats
seen in 2026 (deportationdata/ice-287g's download logs): `/doclib/about/offices/ero/287g/
participatingAgencies10092026.xlsx`, named in the link, and `/file-download/download/public/209067`,
named only by the response's Content-Disposition (`287gParticipatingAgencies091526pm.xlsx`). A
check reads the page with the standard library's HTML parser, takes both kinds of link on the
page's own host, keeps the files whose ICE name says participating or pending, downloads each
with a size cap and a timeout, refuses anything that is not a workbook (the importer's
hostile-file checks, then the parts every .xlsx has), and imports the new sheets in publication
order in one transaction. A page whose layout it cannot read (no participating sheet linked, a
name without a plain date) is reported, never guessed. Whatever fails, nothing changes, the
reason is kept on a `FetchRun`, and the next check tries again.
"""

from __future__ import annotations

import http.client
import re
import tempfile
import urllib.request
import zipfile
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from tracker.importers.base import ImporterError
from tracker.importers.files import MAX_FILE_BYTES, check_zip
from tracker.importers.ice_287g_archive import (
    IMPORTED,
    ArchiveSheet,
    SheetOutcome,
    archive_sheet,
    import_sheet,
    sheet_kind_from_name,
)
from tracker.importers.ice_287g_sheet import PARTICIPATING, sheet_date_from_name
from tracker.importers.models import FetchRun

MAX_PAGE_BYTES = 2 * 1024 * 1024
#: More download links than this on the page means its layout changed (ICE's page links a few).
MAX_LINKS = 25
FILE_DOWNLOAD = re.compile(r"^/file-download/download/public/\d+/?$")
#: Parts every workbook has; a zip without them is not a spreadsheet, whatever its name.
XLSX_PARTS = ("[Content_Types].xml", "xl/workbook.xml")
USER_AGENT = "Lookout-287g-monitor/1.0"
_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._ ()-]{0,150}\.xlsx$", re.IGNORECASE)


class FetchError(Exception):
    """A check that cannot go on: the network, the page's layout, or a downloaded file."""


class _Links(HTMLParser):
    """Collects the href of every <a> element, in page order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.hrefs += [value.strip() for name, value in attrs if name == "href" and value]


def sheet_links(html: str, *, base_url: str) -> list[str]:
    """The absolute URLs on ICE's page that may be sheets, in page order, without repeats.

    A link named like a sheet (participatingAgencies….xlsx) counts, and so does a file-download
    link, whose name only the server gives. Raises FetchError when a sheet's name has no plain
    date, or the page links far more downloads than ICE's page does: the layout changed.
    """
    parser = _Links()
    parser.feed(html)
    parser.close()
    host = urlsplit(base_url).hostname
    found: list[str] = []
    for href in parser.hrefs:
        url = urljoin(base_url, href).split("#", 1)[0]
        parts = urlsplit(url)
        if parts.hostname != host or url in found:
            continue
        if FILE_DOWNLOAD.match(parts.path) or _is_sheet_name(_name(url)):
            found.append(url)
    if len(found) > MAX_LINKS:
        raise FetchError(f"page layout: {len(found)} downloads are linked; ICE's page links a few")
    return found


def _is_sheet_name(name: str) -> bool:
    """An .xlsx whose name says participating or pending; FetchError when it does so without a plain date."""
    # Another kind of file, or another spreadsheet (a form, a statistics table): not a sheet.
    if not name.lower().endswith(".xlsx") or not sheet_kind_from_name(name):
        return False
    if sheet_date_from_name(name) is None:
        raise FetchError(f"page layout: the sheet {name!r} has no plain date in its name")
    return True


def _name(url: str) -> str:
    return unquote(PurePosixPath(urlsplit(url).path).name)


def _get(url: str, *, limit: int, timeout: float, sheets_only: bool = False) -> tuple[str, bytes] | None:
    """(file name, body) at `url`, at most `limit` bytes, or FetchError saying why not.

    The name is the server's (Content-Disposition) or the URL's. With `sheets_only`, a response
    that is not named like a sheet is left unread and None returned.
    """
    if urlsplit(url).scheme not in ("http", "https"):
        raise FetchError(f"network: {url} is not an http(s) URL")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})  # noqa: S310 - scheme checked above
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - scheme checked above
            name = PurePosixPath(response.headers.get_filename() or _name(url)).name
            if sheets_only and not _is_sheet_name(name):
                return None
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > limit:
                raise FetchError(f"file: {url} is {int(declared):,} bytes; the limit is {limit:,}")
            body = response.read(limit + 1)
    except FetchError:
        raise
    except (OSError, http.client.HTTPException, ValueError) as exc:  # URLError, HTTPError and timeouts are OSErrors
        raise FetchError(f"network: {url}: {exc}") from exc
    if len(body) > limit:
        raise FetchError(f"file: {url} is larger than the limit of {limit:,} bytes")
    return name, body


def download_sheet(url: str, folder: Path, *, timeout: float) -> Path | None:
    """Download one sheet into `folder` under ICE's file name and check it is a workbook; None if not a sheet."""
    got = _get(url, limit=MAX_FILE_BYTES, timeout=timeout, sheets_only=True)
    if got is None:
        return None
    name, body = got
    if not _SAFE_NAME.match(name):
        raise FetchError(f"page layout: the sheet at {url} has an unexpected file name {name!r}")
    path = folder / name
    if path.exists():
        raise FetchError(f"page layout: two links give the sheet {name!r}")
    path.write_bytes(body)
    try:
        check_zip(path)
        with zipfile.ZipFile(path) as archive:
            missing = [part for part in XLSX_PARTS if part not in archive.namelist()]
    except (ImporterError, zipfile.BadZipFile) as exc:
        raise FetchError(f"file: {url}: {exc}") from exc
    if missing:
        raise FetchError(f"file: {url} is a zip without {', '.join(missing)}: not a workbook")
    return path


def ice_287g_fetch(*, url: str = "", timeout: float | None = None) -> FetchRun:
    """Check ICE's page once and import what is new; the FetchRun says what happened or why not."""
    url = url or settings.ICE_287G_URL
    timeout = timeout if timeout is not None else settings.ICE_287G_TIMEOUT
    run = FetchRun(url=url)
    found: list[dict[str, str]] = []
    try:
        with tempfile.TemporaryDirectory(prefix="ice-287g-") as tmp:
            sheets = _download_all(url, Path(tmp), found, timeout=timeout)
            with transaction.atomic():  # one bad sheet undoes the others: a failed check changes nothing
                outcomes = [(import_sheet(sheet), link) for sheet, link in sheets]
    except (FetchError, ImporterError) as exc:
        return _failed(run, str(exc), found)
    except Exception as exc:  # a bug, not bad input: kept on the run too, then raised for the logs
        _failed(run, f"unexpected error: {type(exc).__name__}: {exc}", found)
        raise
    run.sheets = [_entry(outcome, link) for outcome, link in outcomes]
    import_runs = [outcome.run for outcome, _link in outcomes if outcome.run]
    run.outcome = FetchRun.Outcome.IMPORTED if import_runs else FetchRun.Outcome.UNCHANGED
    run.finished_at = timezone.now()
    run.save()
    run.import_runs.set(import_runs)
    return run


def _download_all(
    url: str, folder: Path, found: list[dict[str, str]], *, timeout: float
) -> list[tuple[ArchiveSheet, str]]:
    """Every sheet the page links, downloaded and checked, in publication order (noted in `found` as it goes)."""
    page = _get(url, limit=MAX_PAGE_BYTES, timeout=timeout)
    html = page[1].decode("utf-8", errors="replace") if page else ""
    sheets: list[tuple[ArchiveSheet, str]] = []
    for link in sheet_links(html, base_url=url):
        found.append({"url": link, "name": _name(link)})  # the link's name until the server gives its own
        path = download_sheet(link, folder, timeout=timeout)
        if path is None:
            found.pop()  # a download that is not a sheet (a fact sheet, a form)
            continue
        found[-1]["name"] = path.name
        sheets.append((archive_sheet(path), link))
    if not any(sheet.kind == PARTICIPATING for sheet, _link in sheets):
        raise FetchError("page layout: no participating agencies sheet (.xlsx) is linked from the page")
    return sorted(sheets, key=lambda pair: pair[0].order_key())


def _failed(run: FetchRun, reason: str, found: list[dict[str, str]]) -> FetchRun:
    run.outcome, run.reason, run.sheets = FetchRun.Outcome.FAILED, reason[:5000], found
    run.finished_at = timezone.now()
    run.save()
    return run


def _entry(outcome: SheetOutcome, url: str) -> dict[str, Any]:
    sheet = outcome.sheet
    entry = {"name": sheet.path.name, "url": url, "kind": sheet.kind, "as_of": sheet.as_of.isoformat()}
    entry |= {"sha256": outcome.sha256, "outcome": outcome.outcome}
    return entry | ({"summary": outcome.detail} if outcome.outcome == IMPORTED else {})
