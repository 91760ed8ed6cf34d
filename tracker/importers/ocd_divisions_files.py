"""The files of the Open Civic Data registry, read into divisions and aliases (see `ocd_divisions`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from tracker.importers.base import ImporterError
from tracker.importers.files import MAX_CSV_BYTES, check_size, read_csv, read_rows
from tracker.places.choices import STATE_LEVEL_KINDS, CountyMembership, JurisdictionKind
from tracker.places.models import OCD_ID_REGEX

COUNTY_TYPES = frozenset({"county", "parish", "borough", "census_area", "municipio", "municipality"})
STATE_TYPES = {"state": JurisdictionKind.STATE, "district": JurisdictionKind.DISTRICT,
               "territory": JurisdictionKind.TERRITORY}
OCD_RE = re.compile(OCD_ID_REGEX)
_GEOID_RE = re.compile(r"^place-(\d{5}|\d{7}|\d{10})$")


@dataclass
class Division:
    """One division as the registry gives it."""

    ocd_id: str
    name: str
    kind: str
    state_ocd_id: str | None
    geoid: str = ""
    county_ocd_id: str = ""
    county_geoid: str = ""
    where: str = ""

    @property
    def membership(self) -> str:
        """Known for what the ids nest in a county, n/a for counties and above, unknown otherwise."""
        if self.kind in (*STATE_LEVEL_KINDS, JurisdictionKind.COUNTRY, JurisdictionKind.COUNTY,
                         JurisdictionKind.CONSOLIDATED):
            return CountyMembership.NOT_APPLICABLE
        return CountyMembership.KNOWN if (self.county_ocd_id or self.county_geoid) else CountyMembership.UNKNOWN


@dataclass
class Alias:
    """A second id of one government (aliases.csv: id sameAs canonical)."""

    ocd_id: str
    canonical: str
    note: str
    where: str


@dataclass
class Parsed:
    """Everything read from the registry directory."""

    divisions: dict[str, Division]
    aliases: list[Alias]
    skipped: list[tuple[str, str]]
    population: dict[str, int]
    population_year: int | None


def id_segments(ocd_id: str) -> list[tuple[str, str]]:
    """(type, value) of each part of an id below the country: `[("state", "la"), ("place", "x")]`."""
    return [(kind, value) for kind, _, value in (part.partition(":") for part in ocd_id.split("/")[2:])]


def _headerless(path: Path, names: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """Rows of a file published without a header (upstream states.csv is bare `id,name`)."""
    rows = []
    for line, fields in read_rows(path):
        if len(fields) != len(names):
            raise ImporterError(f"{len(fields)} fields, expected {len(names)}", file=path, row=line)
        rows.append((line, dict(zip(names, fields, strict=True))))
    return rows


def registry_rows(
    path: Path, required: tuple[str, ...], *, encoding: str = "utf-8-sig"
) -> list[tuple[int, dict[str, str]]]:
    """(line, row) of a registry CSV, with or without its header; a missing column is an error."""
    check_size(path, MAX_CSV_BYTES)
    try:
        headerless = path.read_bytes()[:13].decode(encoding) == "ocd-division/"
    except UnicodeDecodeError:
        headerless = False
    rows = _headerless(path, required) if headerless else list(read_csv(path, encoding=encoding))
    header = set(rows[0][1]) if rows else set()
    if not rows:
        raise ImporterError("the file has no data rows", file=path)
    for column in required:
        if column not in header:
            raise ImporterError(f"missing column {column!r}; found {sorted(header)}", file=path, row=1, column=column)
    return rows


def check_id(path: Path, line: int, ocd_id: str) -> list[tuple[str, str]]:
    """The id's segments; an id that is not an OCD division id is an error."""
    if not OCD_RE.match(ocd_id):
        raise ImporterError(f"not an OCD division id: {ocd_id!r}", file=path, row=line, column="id")
    return id_segments(ocd_id)


def state_level_division(path: Path, line: int, row: dict[str, str]) -> Division | None:
    """The country, a state, DC or a territory; None for a row below them."""
    ocd_id, name = row["id"].strip(), row["name"].strip()
    segments = check_id(path, line, ocd_id)
    if not name:
        raise ImporterError("empty name", file=path, row=line, column="name")
    if not segments:
        return Division(ocd_id, name, JurisdictionKind.COUNTRY, None, where=f"{path.name}:{line}")
    if len(segments) == 1 and segments[0][0] in STATE_TYPES:
        return Division(ocd_id, name, STATE_TYPES[segments[0][0]], None, where=f"{path.name}:{line}")
    return None


def local_division(path: Path, line: int, row: dict[str, str]) -> Division | str:
    """A division below the state level, or the reason it is skipped."""
    ocd_id, name = row["id"].strip(), row["name"].strip()
    segments = check_id(path, line, ocd_id)
    if not name:
        raise ImporterError("empty name", file=path, row=line, column="name")
    raw_geoid = (row.get("census_geoid") or "").strip()
    match = _GEOID_RE.match(raw_geoid)
    if raw_geoid and not match:
        raise ImporterError(f"not a census GEOID: {raw_geoid!r}", file=path, row=line, column="census_geoid")
    geoid = match.group(1) if match else ""
    if len(segments) < 2 or segments[0][0] not in STATE_TYPES:
        return f"not under a state or territory: {segments[0][0] if segments else 'country'}"
    state_ocd_id = "/".join(ocd_id.split("/")[:3])
    last_type = segments[-1][0]
    division = Division(ocd_id, name, "", state_ocd_id, geoid=geoid, where=f"{path.name}:{line}")
    if last_type in COUNTY_TYPES and len(segments) == 2:
        division.kind = JurisdictionKind.COUNTY
    elif last_type == "place" and len(segments) in (2, 3):
        is_subdivision = len(geoid) == 10
        division.kind = JurisdictionKind.COUNTY_SUBDIVISION if is_subdivision else JurisdictionKind.PLACE
        if len(segments) == 3 and segments[1][0] in COUNTY_TYPES:
            division.county_ocd_id = ocd_id.rsplit("/", 1)[0]
        elif len(segments) == 3:
            return f"a place nested under {segments[1][0]!r}"
        elif is_subdivision:
            division.county_geoid = geoid[:5]
    else:
        return f"division type {last_type!r} is not a general-purpose government"
    return division
