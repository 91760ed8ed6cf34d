"""EFF's Atlas of Surveillance CSV → TechnologyDeployments, with each row's links as Sources.

Two layouts exist: the current 28-column export and an older 26-column one (without
"NEWAOSNUMBER (ORI9)" and "TECH ABV"). Known defects are handled, not fatal: identical duplicate
rows (skipped), several counties in one cell, dates as M/D/YYYY, a bare year or nothing, curly
apostrophes in names, junk State values and the "FRT" column-shift rows (skipped with a reason).
The Atlas says where a technology was reported, never where it is absent: a deployment missing
from a newer file is left alone, and an agency with no row is not an agency without technology.
Agencies are matched by state and normalised name; one created here whose home cannot be matched
with confidence is marked for review.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tracker.importers.base import DuplicateRowError, Importer, ImporterError, ImportReport
from tracker.importers.dataset import facts_bulk_create, facts_bulk_update, source_links_add
from tracker.importers.files import read_csv
from tracker.importers.ocd_divisions import source_get_or_create
from tracker.laws.choices import Technology
from tracker.partnerships.models import TechnologyDeployment
from tracker.places.choices import STATE_LEVEL_KINDS, AgencyKind, JurisdictionKind
from tracker.places.models import Agency, Jurisdiction
from tracker.places.names import agency_name_key
from tracker.sources.choices import SourceKind
from tracker.sources.models import Source

LINKS = [f"Link {n}{part}" for n in (1, 2, 3) for part in ("", " Snapshot", " Source", " Type", " Date")]
HEADER = ["AOSNUMBER", "NEWAOSNUMBER (ORI9)", "City", "County", "State", "Agency", "Type of LEA", "Summary",
          "Type of Juris", "Technology", "TECH ABV", "Vendor", *LINKS, "Other Links"]
LEGACY_HEADER = [c for c in HEADER if c not in ("NEWAOSNUMBER (ORI9)", "TECH ABV")]
TECHNOLOGY = {
    "body-worn cameras": Technology.BODY_CAMERAS,
    "automated license plate readers": Technology.ALPR,
    "drones": Technology.DRONES,
    "face recognition": Technology.FACE_RECOGNITION,
    "camera registry": Technology.CAMERA_REGISTRY,
    "gunshot detection": Technology.GUNSHOT_DETECTION,
    "real-time crime center": Technology.REAL_TIME_CRIME_CENTER,
    "predictive policing": Technology.PREDICTIVE_POLICING,
    "video analytics": Technology.VIDEO_ANALYTICS,
    "cell-site simulator": Technology.CELL_SITE_SIMULATOR,
    "fusion center": Technology.FUSION_CENTER,
    # Data-broker search tools (Accurint, CLEAR…): no narrower value in our vocabulary yet.
    "third-party investigative platforms": Technology.OTHER,
}
LEA_KIND = {
    "police": AgencyKind.POLICE, "sheriff": AgencyKind.SHERIFF, "constables": AgencyKind.CONSTABLE,
    "constable": AgencyKind.CONSTABLE, "marshal": AgencyKind.CONSTABLE, "state police": AgencyKind.STATE_POLICE,
    "highway patrol": AgencyKind.STATE_POLICE, "county police": AgencyKind.COUNTY_POLICE,
    "campus police": AgencyKind.CAMPUS, "university police": AgencyKind.CAMPUS, "corrections": AgencyKind.CORRECTIONS,
    "tribal police": AgencyKind.TRIBAL, "district attorney": AgencyKind.PROSECUTOR, "prosecutor": AgencyKind.PROSECUTOR,
}
ATLAS_SOURCE = {
    "key": "eff-atlas-of-surveillance",
    "url": "https://atlasofsurveillance.org/download.csv",
    "title": "Atlas of Surveillance (download.csv)",
    "publisher": "Electronic Frontier Foundation / Reynolds School of Journalism, University of Nevada, Reno",
    "kind": SourceKind.TRACKER,
    "quote": "CC BY 4.0. The Atlas should not be interpreted as an inventory of every technology in use.",
}
_AOS = re.compile(r"^AOS\d{6,}$")
_ORI = re.compile(r"^[A-Z]{2}[A-Z0-9]{7}")
_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_PLACE_SUFFIX = re.compile(r"\s+(city|town|village|borough|municipality|city and borough|township|plantation)$")


@dataclass
class Link:
    """One of a row's cited documents."""

    number: str
    url: str
    publisher: str
    date: datetime.date | None
    date_raw: str


@dataclass
class Row:
    """One Atlas record, read and checked."""

    aos: str
    line: int
    state: str
    agency: str
    technology: str
    city: str = ""
    counties: list[str] = field(default_factory=list)
    ori: str = ""
    lea_type: str = ""
    juris_type: str = ""
    vendor: str = ""
    summary: str = ""
    links: list[Link] = field(default_factory=list)

    @property
    def reported_on(self) -> datetime.date | None:
        """The first link's full date, else the first full date of another link."""
        return next((link.date for link in self.links if link.date), None)


def parse_date(raw: str) -> tuple[datetime.date | None, bool]:
    """(date, readable): M/D/YYYY gives a date; a bare year or nothing is readable but no date."""
    raw = raw.strip()
    if not raw or re.fullmatch(r"\d{4}", raw):
        return None, True
    match = _DATE.match(raw)
    if match:
        month, day, year = (int(g) for g in match.groups())
        try:
            return datetime.date(year, month, day), True
        except ValueError:
            pass
    return None, False


class AtlasImporter(Importer):
    """Upsert deployments by AOSNUMBER; see the module docstring."""

    name = "atlas"

    def parse(self, path: Path) -> tuple[list[Row], list[tuple[int, str, str]]]:
        """Check the header, read every row; return rows and (line, AOSNUMBER, reason) skips."""
        records = list(read_csv(path))
        if not records:
            raise ImporterError("the file has no data rows", file=path)
        header = [c.strip() for c in records[0][1]]
        expected = HEADER if len(header) == len(HEADER) else LEGACY_HEADER
        for column in expected:
            if column not in header:
                raise ImporterError(f"missing column {column!r} (expected the Atlas's {len(expected)}-column header)",
                                    file=path, row=1, column=column)
        rows: dict[str, tuple[dict[str, str], Row | None]] = {}
        skips: list[tuple[int, str, str]] = []
        for line, raw in records:
            values = {k.strip(): (v or "").strip() for k, v in raw.items()}
            aos = values["AOSNUMBER"].upper()
            if not _AOS.match(aos):
                raise ImporterError(f"not an Atlas id: {values['AOSNUMBER']!r}", file=path, row=line, column="AOSNUMBER")
            if aos in rows:
                if rows[aos][0] != values:
                    raise DuplicateRowError(f"{aos} appears twice with different values", file=path, row=line,
                                            column="AOSNUMBER")
                skips.append((line, aos, "identical duplicate of an earlier row"))
                continue
            row, reason = self._row(line, aos, values)
            rows[aos] = (values, row)
            if row is None:
                skips.append((line, aos, reason))
        return [row for _values, row in rows.values() if row is not None], skips

    def _row(self, line: int, aos: str, values: dict[str, str]) -> tuple[Row | None, str]:
        state = values["State"].upper()
        if not re.fullmatch(r"[A-Z]{2}", state):
            return None, f"State {values['State']!r} is not a state code"
        if not values["Agency"]:
            return None, "no agency named"
        technology = TECHNOLOGY.get(values["Technology"].lower())
        if technology is None:
            return None, f"unknown Technology {values['Technology']!r}"
        ori_cell = values.get("NEWAOSNUMBER (ORI9)", "").upper()
        ori = ori_cell[:9] if _ORI.match(ori_cell) and not ori_cell.startswith("XX") else ""
        row = Row(aos=aos, line=line, state=state, agency=" ".join(values["Agency"].split()), technology=technology,
                  city=values["City"], counties=[c.strip() for c in values["County"].split(",") if c.strip()], ori=ori,
                  lea_type=values["Type of LEA"], juris_type=values["Type of Juris"], vendor=values["Vendor"][:200],
                  summary=values["Summary"])
        for n in ("1", "2", "3"):
            url = values[f"Link {n}"]
            if url:
                date, readable = parse_date(values[f"Link {n} Date"])
                row.links.append(Link(n, url, values[f"Link {n} Source"], date, values[f"Link {n} Date"]))
                if not readable:
                    row.links[-1].date_raw = f"unreadable date {values[f'Link {n} Date']!r}"
        for i, url in enumerate(values["Other Links"].split(), start=1):
            row.links.append(Link(f"other-{i}", url, "", None, ""))
        return row, ""

    def write(self, parsed: tuple[list[Row], list[tuple[int, str, str]]], report: ImportReport) -> None:
        """Upsert agencies, link sources and deployments in bulk, with history."""
        rows, skips = parsed
        for line, aos, reason in skips:
            report.skip(reason, row=line, atlas_id=aos)
        AtlasWriter(rows, report, reason=f"import: Atlas of Surveillance {self.path.name}").run()


def _short(name: str) -> str:
    return _PLACE_SUFFIX.sub("", name.lower()).strip()


class AtlasWriter:
    """Bulk upserts for one Atlas file: a constant number of queries per batch."""

    def __init__(self, rows: list[Row], report: ImportReport, *, reason: str) -> None:
        self.rows, self.report, self.reason = rows, report, reason
        self.atlas = source_get_or_create(fields=ATLAS_SOURCE, reason=reason)
        self.states = {
            j.postal_code: j for j in Jurisdiction.objects.filter(kind__in=STATE_LEVEL_KINDS).exclude(postal_code="")
        }
        state_ids = [s.pk for s in self.states.values()]
        self.places: dict[tuple[int, str], list[tuple[int, str]]] = {}
        self.counties: dict[tuple[int, str], int] = {}
        for pk, name, kind, state_id in Jurisdiction.objects.filter(state_id__in=state_ids).values_list(
            "pk", "name", "kind", "state_id"
        ):
            if kind in (JurisdictionKind.COUNTY, JurisdictionKind.CONSOLIDATED):
                self.counties[(state_id, name.lower())] = pk
            if kind in (JurisdictionKind.PLACE, JurisdictionKind.COUNTY_SUBDIVISION):
                self.places.setdefault((state_id, _short(name)), []).append((pk, kind))
            elif kind == JurisdictionKind.CONSOLIDATED:  # one government: its city is the county
                short = re.sub(r"\s+(county|parish)$", "", _short(name))
                self.places.setdefault((state_id, short), []).append((pk, kind))

    def run(self) -> None:
        """Agencies first, then sources, then deployments."""
        known = [r for r in self.rows if r.state in self.states]
        for row in self.rows:
            if row.state not in self.states:
                self.report.skip(f"no state with code {row.state}", row=row.line, atlas_id=row.aos)
        agencies = self._agencies(known)
        sources = self._sources(known)
        self._deployments(known, agencies, sources)
        self.report.notes.append("Rows absent from this file were left as they are: the Atlas never records absence.")

    def _home(self, row: Row, state: Jurisdiction) -> tuple[int | None, str]:
        juris = row.juris_type.lower()
        if juris == "statewide":
            return state.pk, ""
        if juris == "municipal":
            found = self.places.get((state.pk, row.city.lower()), [])
            places = [pk for pk, kind in found if kind != JurisdictionKind.COUNTY_SUBDIVISION] or [pk for pk, _ in found]
            if len(places) == 1:
                return places[0], ""
            return None, f"{len(places)} jurisdictions named {row.city!r} in {row.state}"
        if juris == "county" and len(row.counties) == 1:
            county = self.counties.get((state.pk, row.counties[0].lower()))
            return county, "" if county else f"no county named {row.counties[0]!r} in {row.state}"
        return None, f"home not matched (Type of Juris {row.juris_type!r}, County {', '.join(row.counties)!r})"

    def _agencies(self, rows: list[Row]) -> dict[tuple[int, str], Agency]:
        state_ids = {self.states[r.state].pk for r in rows}
        agencies = {(a.state_id, a.name_key): a for a in Agency.objects.filter(state_id__in=state_ids)}
        creates, updates = [], []
        for row in rows:
            state = self.states[row.state]
            key = (state.pk, agency_name_key(row.agency))
            agency = agencies.get(key)
            if agency is None:
                home, problem = self._home(row, state)
                agency = Agency(name=row.agency, name_key=key[1], state=state, home_id=home, ori=row.ori,
                                kind=LEA_KIND.get(row.lea_type.lower(), AgencyKind.OTHER), needs_review=home is None,
                                review_note=f"Atlas {row.aos}: {problem}" if problem else "")
                agencies[key] = agency
                creates.append(agency)
            elif row.ori and not agency.ori and "ori" not in (agency.locked_fields or []) and agency.pk:
                agency.ori = row.ori
                updates.append(agency)
            elif row.ori and agency.ori and agency.ori != row.ori:
                self.report.flag(f"ORI {row.ori} differs from the stored {agency.ori}", row=row.line, atlas_id=row.aos)
        facts_bulk_create(model=Agency, objs=creates, reason=self.reason, sources=[[self.atlas.pk]] * len(creates))
        facts_bulk_update(model=Agency, objs=list({a.pk: a for a in updates}.values()), fields=["ori"],
                          reason=self.reason)
        self.report.count("agencies_created", len(creates))
        self.report.count("agencies_updated", len({a.pk for a in updates}))
        return agencies

    def _sources(self, rows: list[Row]) -> dict[str, Source]:
        stored = {s.key: s for s in Source.objects.filter(key__startswith="atlas-aos")}
        creates, updates = [], []
        for row in rows:
            for link in row.links:
                if not re.match(r"^https?://\S+$", link.url) or len(link.url) > 1000:
                    self.report.flag(f"link {link.number} is not a web address", row=row.line, atlas_id=row.aos)
                    continue
                title = f"{row.agency}: {link.publisher or 'cited document'} (Atlas {row.aos}, link {link.number}"
                title += f", dated {link.date_raw})" if link.date is None and link.date_raw else ")"
                wanted = {"url": link.url, "title": title[:500], "published_on": link.date,
                          "publisher": (link.publisher or "unknown")[:300]}
                key = f"atlas-{row.aos.lower()}-link-{link.number}"
                source = stored.get(key)
                if source is None:
                    stored[key] = Source(key=key, kind=SourceKind.OTHER, **wanted)
                    creates.append(stored[key])
                elif any(getattr(source, k) != v for k, v in wanted.items()):
                    for k, v in wanted.items():
                        setattr(source, k, v)
                    updates.append(source)
        facts_bulk_create(model=Source, objs=creates, reason=self.reason)
        facts_bulk_update(model=Source, objs=updates, fields=["url", "title", "published_on", "publisher"],
                          reason=self.reason)
        self.report.count("sources_created", len(creates))
        self.report.count("sources_updated", len(updates))
        return stored

    def _deployments(self, rows: list[Row], agencies: dict[tuple[int, str], Agency], sources: dict[str, Source]) -> None:
        stored = {d.atlas_id: d for d in TechnologyDeployment.objects.filter(atlas_id__isnull=False)}
        through = TechnologyDeployment.sources.through
        links: dict[int, dict[int, int]] = {}
        for deployment_id, source_id, link_id in through.objects.filter(
            technologydeployment__atlas_id__isnull=False
        ).values_list("technologydeployment_id", "source_id", "id"):
            links.setdefault(deployment_id, {})[source_id] = link_id
        creates, create_sources, updates, new_links, changed_fields = [], [], [], [], set()
        for row in rows:
            agency = agencies[(self.states[row.state].pk, agency_name_key(row.agency))]
            wanted: dict[str, Any] = {"agency_id": agency.pk, "technology": row.technology, "vendor": row.vendor,
                                      "summary": row.summary, "reported_on": row.reported_on}
            source_ids = {self.atlas.pk} | {
                sources[k].pk for link in row.links if (k := f"atlas-{row.aos.lower()}-link-{link.number}") in sources
            }
            self.report.touched.agencies.add(agency.pk)
            deployment = stored.get(row.aos)
            if deployment is None:
                creates.append(TechnologyDeployment(atlas_id=row.aos, **wanted))
                create_sources.append(sorted(source_ids))
                continue
            changed, _ = deployment.set_unlocked(wanted)
            missing = source_ids - set(links.get(deployment.pk, {}))
            if changed or missing:
                changed_fields.update(changed)
                new_links += [(deployment.pk, s) for s in sorted(missing)]
                updates.append(deployment)
            else:
                self.report.count("unchanged")
        facts_bulk_create(model=TechnologyDeployment, objs=creates, reason=self.reason, sources=create_sources)
        for link in source_links_add(model=TechnologyDeployment, pairs=new_links):
            links.setdefault(link.technologydeployment_id, {})[link.source_id] = link.pk
        facts_bulk_update(model=TechnologyDeployment, objs=updates, fields=sorted(changed_fields), reason=self.reason,
                          links=[[(v, k) for k, v in links.get(d.pk, {}).items()] for d in updates])
        self.report.count("created", len(creates))
        self.report.count("updated", len(updates))
