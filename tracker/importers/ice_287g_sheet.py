"""Read one of ICE's 287(g) sheets (.xlsx or .csv) into clean rows, or say exactly where it is broken.

The quirks of the real files are the spec (data/ice-287g/SOURCE.txt, research data-sources §1.1, §6):
stray spaces, "#N/A" counties, model names with trailing spaces or spelling drift, dates typed as
text ("05/082025"), MOA URLs held in cell hyperlinks, Outlook safelinks whose data= part names
ICE staff, re-saves with extra columns. Only ICE's own columns are read; nothing else is taken
as fact. A malformed date is kept as printed and flagged, never guessed.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, parse_qsl, unquote_plus, urlencode, urlsplit, urlunsplit

from tracker.importers.base import ImporterError
from tracker.importers.files import open_xlsx, read_csv
from tracker.partnerships.choices import Program287g

PARTICIPATING, PENDING = "participating", "pending"
STATE, AGENCY, TYPE, COUNTY, MODEL, SIGNED, MOA, ADDENDUM = (
    "STATE",
    "LAW ENFORCEMENT AGENCY",
    "TYPE",
    "COUNTY",
    "SUPPORT TYPE",
    "SIGNED",
    "MOA",
    "ADDENDUM",
)
ICE_COLUMNS = (STATE, AGENCY, TYPE, COUNTY, MODEL, SIGNED, MOA, ADDENDUM)
REQUIRED = {PARTICIPATING: (STATE, AGENCY, TYPE, COUNTY, MODEL, SIGNED), PENDING: (STATE, AGENCY, TYPE, COUNTY, MODEL)}
HEADER_ALIASES = {"DATES SIGNED": SIGNED, "DATE SIGNED": SIGNED}
#: Columns that mark a monitor's cumulative file rather than one of ICE's sheets.
CUMULATIVE_COLUMNS = ("STATUS", "LAST SEEN")
NO_VALUE = {"", "#N/A", "#NA", "N/A", "NA", "NONE"}
#: State misspellings seen on ICE's sheets (data-sources §6); the row is flagged, never silently fixed.
STATE_TYPOS = {"PENNSLYVANIA": "PENNSYLVANIA", "WEST VIRIGINIA": "WEST VIRGINIA", "NEW HAMSPHIRE": "NEW HAMPSHIRE"}
MODEL_PREFIXES = (
    ("task force", Program287g.TASK_FORCE),
    ("jail enforcement", Program287g.JAIL_ENFORCEMENT),
    ("warrant service", Program287g.WARRANT_SERVICE),
)
MODEL_CODES = {
    "tfm": Program287g.TASK_FORCE, "tfo": Program287g.TASK_FORCE, "jem": Program287g.JAIL_ENFORCEMENT,
    "jeo": Program287g.JAIL_ENFORCEMENT, "wso": Program287g.WARRANT_SERVICE,
}
REVIEW_PREFIX = "ICE sheet: "

_DATE_FORMATS = (
    (r"\d{1,2}/\d{1,2}/\d{4}", "%m/%d/%Y"),
    (r"\d{4}-\d{1,2}-\d{1,2}", "%Y-%m-%d"),
    (r"\d{1,2}/\d{1,2}/\d{2}", "%m/%d/%y"),
)
_DATE_LIKE = re.compile(r"^[\d/\-. ]+$")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
#: An address whose @ may be percent-encoded, once or twice (%40, %2540).
_ANY_EMAIL = re.compile(r"[\w.+%-]+(?:@|%40|%2540)[\w%-]+\.[\w.%-]+", re.IGNORECASE)
_URL = re.compile(r"(?i)https?://\S+")
#: Hosts of Microsoft's link-wrapping service (commercial and government clouds).
SAFELINK_HOSTS = ("safelinks.protection.outlook.com", "safelinks.protection.office365.us")


@dataclass
class SheetRow:
    """One agreement (or application) as read from the sheet, cleaned."""

    row: int
    state_code: str
    agency: str
    agency_type: str
    county: str
    program_code: str
    signed_on: datetime.date | None = None
    signed_raw: str = ""
    moa_url: str = ""
    addendum_url: str = ""
    notes: list[str] = field(default_factory=list)
    source_row: dict[str, str] = field(default_factory=dict)


@dataclass
class ParsedSheet:
    """A whole sheet: its kind, its date, its rows, and what was skipped while reading."""

    path: Path
    kind: str
    as_of: datetime.date
    sheet: str
    rows: list[SheetRow]
    skipped: list[dict[str, Any]] = field(default_factory=list)


def squish(value: Any) -> str:
    """Text of a cell with runs of whitespace (incl. no-break spaces) folded and ends trimmed."""
    return " ".join(str(value).split()) if value is not None else ""


def sheet_date_from_name(name: str) -> datetime.date | None:
    """ICE's publication date in a file name, or None when the name does not say it plainly.

    The real variants: participatingAgencies10092026 and …07182025pm (MMDDYYYY, am/pm optional),
    287gParticipatingAgencies091526pm and ParticipatingAgency091826am (MMDDYY),
    participatingAgencies-20250411231031 (a YYYYMMDDhhmmss stamp), 060920263pm (a stray digit
    after MMDDYYYY), TOTAL-…, pendingAgencies…. A date that does not exist or a year outside
    2000-2099 (pendingAgencies10223025am) is None: never guessed.
    """
    match = re.search(r"(?i)agenc(?:y|ies)-?(\d+)", name)
    if not match:
        return None
    digits = match.group(1)
    formats = {6: (digits, "%m%d%y"), 8: (digits, "%m%d%Y"), 9: (digits[:8], "%m%d%Y"), 14: (digits[:8], "%Y%m%d")}
    if len(digits) not in formats:
        return None
    text, fmt = formats[len(digits)]
    try:
        parsed = datetime.datetime.strptime(text, fmt).date()  # noqa: DTZ007 - a calendar date, no time
    except ValueError:
        return None
    return parsed if 2000 <= parsed.year <= 2099 else None


def has_email(text: str) -> bool:
    """True when the text carries an e-mail address, literally or percent-encoded (even twice)."""
    for _ in range(3):
        if _EMAIL.search(text):
            return True
        decoded = unquote_plus(text)
        if decoded == text:
            return False
        text = decoded
    return bool(_EMAIL.search(text))


def _is_safelink(host: str) -> bool:
    host = host.lower().rstrip(".")
    return any(host == h or host.endswith("." + h) for h in SAFELINK_HOSTS)


def public_url(url: str) -> str:
    """The URL cut to what is public: query parameters and a fragment that carry an e-mail address are
    dropped; "" when the address, user part or path carries one (nothing public is left)."""
    parts = urlsplit(url)
    if has_email(parts.netloc) or has_email(parts.path):
        return ""
    query = parse_qsl(parts.query, keep_blank_values=True)
    kept = [(k, v) for k, v in query if not has_email(k) and not has_email(v)]
    fragment = "" if has_email(parts.fragment) else parts.fragment
    if len(kept) == len(query) and fragment == parts.fragment:
        return url
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(kept), fragment))


def unwrap_url(raw: str) -> str:
    """An http(s) URL with any Outlook safelink unwrapped to its url= target and cut to what is public;
    "" if there is none.

    The wrapper's data= part names ICE staff: it is dropped whole and never returned. The wrapper is
    recognised whatever the host's case, with or without a trailing dot, and nested wrappers too.
    """
    url = raw.strip()
    for _ in range(3):
        if not re.match(r"(?i)^https?://", url) or len(url) > 1000:
            return ""
        try:
            parts = urlsplit(url)
            host = parts.hostname or ""
        except ValueError:
            return ""
        if not _is_safelink(host):
            return public_url(url)
        targets = parse_qs(parts.query).get("url", [])
        url = targets[0].strip() if targets else ""
    return ""


def scrub_text(text: str) -> str:
    """A cell's text with every URL in it unwrapped and cut as `unwrap_url` does, and every e-mail address,
    literal or percent-encoded, replaced."""
    text = _URL.sub(lambda m: unwrap_url(m.group(0)) or "[link removed]", text)
    return _ANY_EMAIL.sub("[e-mail removed]", text)


def model_code(text: str) -> str:
    """The program code of a SUPPORT TYPE value, or "" when it names no known model."""
    folded = squish(text).lower()
    for prefix, code in MODEL_PREFIXES:
        if folded.startswith(prefix):
            return code
    return MODEL_CODES.get(folded, "")


def parse_signed(value: Any) -> tuple[datetime.date | None, str, bool]:
    """(date, raw text, readable): a date cell or a strictly formatted text; malformed text stays raw."""
    if isinstance(value, datetime.datetime):
        return value.date(), value.date().isoformat(), True
    if isinstance(value, datetime.date):
        return value, value.isoformat(), True
    raw = squish(value)
    for pattern, fmt in _DATE_FORMATS:
        if re.fullmatch(pattern, raw):
            try:
                parsed = datetime.datetime.strptime(raw, fmt).date()  # noqa: DTZ007 - a calendar date
            except ValueError:
                return None, raw, True
            return parsed, raw, True
    return None, raw, bool(_DATE_LIKE.match(raw)) or raw == ""


def _header_map(cells: list[Any]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        name = squish(cell).upper()
        name = HEADER_ALIASES.get(name, name)
        if name and name not in found:
            found[name] = index
    return found


def _check_header(header: dict[str, int], *, kind: str, file: Path, sheet: str, row: int) -> None:
    for column in CUMULATIVE_COLUMNS:
        if column in header:
            raise ImporterError(
                f"column {column!r} marks a monitor's cumulative file, not one of ICE's sheets",
                file=file,
                sheet=sheet,
                row=row,
                column=column,
            )
    missing = [c for c in REQUIRED[kind] if c not in header]
    if missing:
        hint = " (a pending sheet? use --pending)" if missing == [SIGNED] else ""
        raise ImporterError(
            f"missing column(s) {', '.join(missing)}{hint}; found {', '.join(header) or 'nothing'}",
            file=file,
            sheet=sheet,
            row=row,
            column=missing[0],
        )


@dataclass
class RawRow:
    """A sheet row before cleaning: cell values and hyperlink targets by ICE column."""

    row: int
    values: dict[str, Any]
    links: dict[str, str]


def _xlsx_rows(path: Path, kind: str) -> tuple[str, list[RawRow]]:
    workbook = open_xlsx(path, read_only=False)
    first_error: ImporterError | None = None
    for sheet in workbook.worksheets:
        rows = enumerate(sheet.iter_rows(max_row=min(sheet.max_row, 10)), start=1)
        found = next(((n, r) for n, r in rows if any(squish(c.value).upper() == AGENCY for c in r)), None)
        if found is None:
            first_error = first_error or ImporterError(
                f"no header row with {AGENCY!r} in the first 10 rows", file=path, sheet=sheet.title, row=1
            )
            continue
        header_row, header_cells = found
        header = _header_map([c.value for c in header_cells])
        _check_header(header, kind=kind, file=path, sheet=sheet.title, row=header_row)
        columns = {name: header[name] for name in ICE_COLUMNS if name in header}
        out = []
        for number, cells in enumerate(sheet.iter_rows(min_row=header_row + 1), start=header_row + 1):
            values = {name: cells[i].value if i < len(cells) else None for name, i in columns.items()}
            links = {}
            for name in (MOA, ADDENDUM):
                link = cells[columns[name]].hyperlink if name in columns and columns[name] < len(cells) else None
                if link:
                    links[name] = link.target or ""
            out.append(RawRow(number, values, links))
        return sheet.title, out
    raise first_error or ImporterError("the workbook has no sheets", file=path)


def _csv_rows(path: Path, kind: str) -> tuple[str, list[RawRow]]:
    out: list[RawRow] = []
    for line, row in read_csv(path):
        if not out:
            _check_header(_header_map(list(row.keys())), kind=kind, file=path, sheet="", row=1)
        by_name = {HEADER_ALIASES.get(squish(k).upper(), squish(k).upper()): v for k, v in row.items()}
        values = {name: by_name[name] for name in ICE_COLUMNS if name in by_name}
        out.append(RawRow(line, values, {}))
    if not out:
        raise ImporterError("the CSV has no data rows (or no header)", file=path, row=1)
    return "", out


def read_sheet(*, path: Path, kind: str, as_of: datetime.date | None, states: dict[str, str]) -> ParsedSheet:
    """Read and clean a whole sheet; `states` maps upper-case state names and codes to postal codes."""
    as_of = as_of or sheet_date_from_name(path.name)
    if as_of is None:
        raise ImporterError("the sheet's date is not in the file name; give it with --as-of", file=path)
    if not states:
        raise ImporterError("no states are loaded; run `manage.py seed` first", file=path)
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise ImporterError(f"expected an .xlsx or .csv file, not {suffix or 'no extension'!r}", file=path)
    sheet, raw_rows = _xlsx_rows(path, kind) if suffix == ".xlsx" else _csv_rows(path, kind)
    parsed = ParsedSheet(path=path, kind=kind, as_of=as_of, sheet=sheet, rows=[])
    for raw in raw_rows:
        if not any(squish(raw.values.get(c)) for c in (STATE, AGENCY, MODEL)):
            continue  # trailing blank rows: the sheets' dimensions run past their data
        row = clean_row(raw, parsed=parsed, states=states)
        if row is not None:
            parsed.rows.append(row)
    if not parsed.rows:
        raise ImporterError("the sheet has no agreement rows", file=path, sheet=sheet, row=2)
    return parsed


def clean_row(raw: RawRow, *, parsed: ParsedSheet, states: dict[str, str]) -> SheetRow | None:
    """One cleaned row; a row that cannot stand is an ImporterError, one with an unknown state is skipped."""
    error = partial(ImporterError, file=parsed.path, sheet=parsed.sheet, row=raw.row)
    text = {name: squish(value) for name, value in raw.values.items() if not isinstance(value, datetime.date)}
    for column in (STATE, AGENCY, MODEL):
        if not text.get(column):
            raise error("the cell is empty", column=column)
    notes: list[str] = []
    state_name = text[STATE].upper()
    if state_name in STATE_TYPOS:
        notes.append(f"state printed as {text[STATE]!r}")
        state_name = STATE_TYPOS[state_name]
    state_code = states.get(state_name, "")
    if not state_code:
        parsed.skipped.append({"reason": f"unknown state {text[STATE]!r}", "row": raw.row, "agency": text[AGENCY]})
        return None
    code = model_code(text[MODEL])
    if not code:
        raise error(f"unknown 287(g) model {text[MODEL]!r}", column=MODEL)
    county = "" if text.get(COUNTY, "").upper() in NO_VALUE else text.get(COUNTY, "")
    row = SheetRow(
        row=raw.row,
        state_code=state_code,
        agency=text[AGENCY],
        agency_type=text.get(TYPE, ""),
        county=county,
        program_code=code,
        notes=notes,
    )
    if parsed.kind == PARTICIPATING:
        _read_signed(row, raw.values.get(SIGNED), as_of=parsed.as_of, error=error)
        row.moa_url = _link(raw, MOA, text)
        row.addendum_url = _link(raw, ADDENDUM, text)
    row.source_row = _source_row(raw, text, row)
    return row


def _read_signed(row: SheetRow, value: Any, *, as_of: datetime.date, error: Callable[..., ImporterError]) -> None:
    signed_on, raw, readable = parse_signed(value)
    if not readable:
        raise error(f"not a date: {raw!r}", column=SIGNED)
    row.signed_on, row.signed_raw = signed_on, raw
    if not raw:
        row.notes.append("no signed date")
    elif signed_on is None:
        row.notes.append(f"signed date printed as {raw!r}, which is not a valid date; left empty")
    elif signed_on > as_of:
        row.notes.append(f"signed date {signed_on.isoformat()} is after the sheet's date {as_of.isoformat()}")


def _link(raw: RawRow, column: str, text: dict[str, str]) -> str:
    """The URL of a MOA/ADDENDUM cell: its hyperlink, or its text when the text itself is a URL."""
    return unwrap_url(raw.links.get(column, "")) or unwrap_url(text.get(column, ""))


def _source_row(raw: RawRow, text: dict[str, str], row: SheetRow) -> dict[str, str]:
    """ICE's columns as read, with links unwrapped; nothing from a wrapper's data= part survives."""
    out: dict[str, str] = {"row": str(raw.row)}
    for name in ICE_COLUMNS:
        if name not in raw.values:
            continue
        value = raw.values[name]
        shown = value.date().isoformat() if isinstance(value, datetime.datetime) else text.get(name, "")
        out[name] = scrub_text(shown)
    if row.moa_url:
        out["MOA link"] = row.moa_url
    if row.addendum_url:
        out["ADDENDUM link"] = row.addendum_url
    return out
