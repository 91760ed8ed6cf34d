"""The flags table: every flag a filter selects, one row each, in words, with both sides' key facts.

Without a date it reads the stored flags as the last sweep left them. With `as_of` it evaluates the
rules on the law and the agreements as they stood that day (nothing stored), and links each finding
to the stored flag with the same fingerprint when there is one. Either way a fixed number of queries.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from tracker.common.tables import Column
from tracker.conflicts.choices import OPEN_STATUSES, FlagStatus, Relation, Severity
from tracker.conflicts.engine import evaluate
from tracker.conflicts.facts import Finding
from tracker.conflicts.loader import build_snapshot
from tracker.conflicts.models import Flag
from tracker.conflicts.querysets import concerns
from tracker.conflicts.registry import registry
from tracker.conflicts.snapshot import Snapshot
from tracker.laws.choices import FederalReach, Technology
from tracker.laws.models import Provision
from tracker.partnerships.choices import SharingKind
from tracker.partnerships.models import Partnership, SharingArrangement
from tracker.places.index import COUNTY_KINDS
from tracker.places.models import Agency, CountyMember, Jurisdiction

MAX_ROWS = 5000


@dataclass(frozen=True)
class FlagFilter:
    """What the table selects: where, which rule, how severe, which status, which program, judged when."""

    state: str = ""
    place: Jurisdiction | None = None
    rule_id: str = ""
    min_severity: int | None = None
    status: str = "open"
    model: str = ""
    as_of: date | None = None


@dataclass(frozen=True)
class FlagRow:
    """One flag as the table shows it."""

    flag_id: int | None
    status: str
    rule_id: str
    severity: int
    verified: bool
    relation: str
    federal_reach: str
    jurisdiction_id: int
    agency_id: int | None
    provision_id: int | None
    partnership_id: int | None
    arrangement_id: int | None = None
    state: str = ""
    place: str = ""
    place_ocd_id: str = ""
    agency: str = ""
    county: str = ""
    citation: str = ""
    section: str = ""
    model: str = ""
    signed_on: date | None = None
    first_listed: date | None = None
    last_listed: date | None = None
    absent_from: date | None = None
    moa_url: str = ""
    sharing: str = ""

    @property
    def severity_label(self) -> str:
        """'S3 High'."""
        return str(Severity(self.severity).label)

    @property
    def rule_title(self) -> str:
        """The rule's title."""
        return registry.get(self.rule_id).title if self.rule_id in registry else self.rule_id


def _status_label(row: FlagRow) -> str:
    return FlagStatus(row.status).label if row.status in FlagStatus.values else row.status


COLUMNS: list[Column[FlagRow]] = [
    Column("severity", "Severity", lambda r: r.severity_label),
    Column("status", "Status", _status_label),
    Column("rule", "Rule", lambda r: r.rule_id),
    Column("rule_title", "What the rule flags", lambda r: r.rule_title),
    Column("state", "State", lambda r: r.state),
    Column("place", "Where", lambda r: r.place),
    Column("agency", "Agency", lambda r: r.agency),
    Column("county", "County", lambda r: r.county),
    Column("relation", "Bound or operating", lambda r: Relation(r.relation).label if r.relation else ""),
    Column("citation", "Provision", lambda r: r.citation),
    Column("section", "Section", lambda r: r.section),
    Column("reach", "Reach to federal partnerships",
           lambda r: FederalReach(r.federal_reach).label if r.federal_reach in FederalReach.values else ""),
    Column("verified", "Verified", lambda r: "yes" if r.verified else "no (unverified fact)"),
    Column("model", "Program", lambda r: r.model),
    Column("signed", "Signed", lambda r: r.signed_on),
    Column("first_listed", "First listed", lambda r: r.first_listed),
    Column("last_listed", "Last listed", lambda r: r.last_listed),
    Column("absent_from", "Absent from sheet of", lambda r: r.absent_from),
    Column("moa", "MOA", lambda r: r.moa_url),
    Column("sharing", "Data sharing", lambda r: r.sharing),
]


def _in_state(code: str) -> Any:
    """Ids of a state (by USPS code, any case) and everything inside it (subquery)."""
    return Jurisdiction.objects.within(Jurisdiction.objects.states().filter(postal_code__iexact=code).values("pk"))


def _stored(flt: FlagFilter) -> list[FlagRow]:
    flags = Flag.objects.all()
    if flt.state:
        flags = flags.filter(jurisdiction__in=_in_state(flt.state).values("pk"))
    if flt.place is not None:  # what the place's dossier lists
        flags = flags.concerning(flt.place)
    if flt.rule_id:
        flags = flags.filter(rule_id=flt.rule_id)
    if flt.min_severity is not None:
        flags = flags.filter(severity__gte=flt.min_severity)
    if flt.status == "open":
        flags = flags.filter(status__in=OPEN_STATUSES)
    elif flt.status in FlagStatus.values:
        flags = flags.filter(status=flt.status)
    return [
        FlagRow(flag_id=r[0], status=r[1], rule_id=r[2], severity=r[3], verified=r[4], relation=r[5],
                federal_reach=r[6], jurisdiction_id=r[7], agency_id=r[8], provision_id=r[9], partnership_id=r[10],
                arrangement_id=r[11])
        for r in flags.values_list("pk", "status", "rule_id", "severity", "verified", "relation", "federal_reach",
                                   "jurisdiction_id", "agency_id", "provision_id", "partnership_id",
                                   "arrangement_id")[:MAX_ROWS]
    ]


def _concerns_place(snap: Snapshot, item: Finding, place_id: int) -> bool:
    """The twin of `Flag.objects.concerning` on a finding, from the snapshot's rows."""
    agency = snap.agencies.get(item.agency_id) if item.agency_id else None
    home = snap.jurisdictions.get(agency.home_id) if agency and agency.home_id else None
    return concerns(snap.jurisdictions[item.jurisdiction_id], snap.jurisdictions[place_id],
                    coverages=agency.coverages if agency else (), home=home)


def _evaluated(flt: FlagFilter, as_of: date) -> list[FlagRow]:
    scope = None
    if flt.place is not None:  # the place, what lies inside it, and the law around it
        around = [c.pk for c in flt.place.counties.all()] + ([flt.place.state_id] if flt.place.state_id else [])
        scope = [*Jurisdiction.objects.ids_within([flt.place.pk]), *around]
    elif flt.state:
        scope = list(_in_state(flt.state).values_list("pk", flat=True))
    rules = registry.selected([flt.rule_id] if flt.rule_id in registry else None)
    snap = build_snapshot(scope, as_of=as_of)
    findings = evaluate(snap, rules)
    if flt.place is not None:
        findings = {key: f for key, f in findings.items() if _concerns_place(snap, f, flt.place.pk)}
    stored = dict(Flag.objects.filter(fingerprint__in=list(findings)).values_list("fingerprint", "pk"))
    label = f"Judged as of {as_of.isoformat()}"
    return [
        FlagRow(flag_id=stored.get(key), status=label, rule_id=f.rule_id, severity=int(f.severity),
                verified=f.verified, relation=str(f.relation), federal_reach=f.federal_reach,
                jurisdiction_id=f.jurisdiction_id, agency_id=f.agency_id, provision_id=f.provision_id,
                partnership_id=f.partnership_id, arrangement_id=f.arrangement_id)
        for key, f in findings.items()
    ][:MAX_ROWS]


def _filtered(rows: Iterable[FlagRow], flt: FlagFilter) -> list[FlagRow]:
    return [
        r for r in rows
        if (not flt.rule_id or r.rule_id == flt.rule_id)
        and (flt.min_severity is None or r.severity >= flt.min_severity)
    ]


def _details(rows: list[FlagRow]) -> dict[str, dict[int, Any]]:
    """Names, citations and agreement dates for every id in the rows, one query per kind of fact."""
    j_ids = {r.jurisdiction_id for r in rows}
    a_ids = {r.agency_id for r in rows if r.agency_id}
    agencies = {pk: rest for pk, *rest in Agency.objects.filter(pk__in=a_ids).values_list(
        "pk", "name", "home_id", "home__name", "home__kind")}
    homes = {a[1] for a in agencies.values() if a[1]}
    counties: dict[int, list[str]] = {}
    for member, name in CountyMember.objects.filter(member_id__in=homes | j_ids).values_list("member_id", "county__name"):
        counties.setdefault(member, []).append(name)
    return {
        "jurisdictions": {pk: rest for pk, *rest in Jurisdiction.objects.filter(pk__in=j_ids).values_list(
            "pk", "name", "ocd_id", "postal_code", "state__postal_code", "kind")},
        "agencies": agencies,
        "counties": counties,
        "provisions": {pk: rest for pk, *rest in Provision.objects.filter(
            pk__in={r.provision_id for r in rows if r.provision_id}).values_list("pk", "instrument__citation", "section")},
        "partnerships": {pk: rest for pk, *rest in Partnership.objects.filter(
            pk__in={r.partnership_id for r in rows if r.partnership_id}).values_list(
            "pk", "program__code", "program__name", "signed_on", "first_seen_on", "last_seen_on",
            "ended_in__published_on", "moa_url")},
        "arrangements": {pk: rest for pk, *rest in SharingArrangement.objects.filter(
            pk__in={r.arrangement_id for r in rows if r.arrangement_id}).values_list(
            "pk", "kind", "vendor", "technology")},
    }


def _county(row: FlagRow, d: dict[str, dict[int, Any]]) -> str:
    agency = d["agencies"].get(row.agency_id or 0)
    if agency and agency[3] in COUNTY_KINDS:
        return str(agency[2])
    home = agency[1] if agency else None
    names = d["counties"].get(home or 0) or d["counties"].get(row.jurisdiction_id) or []
    return "; ".join(sorted(names))


def _fill(row: FlagRow, d: dict[str, dict[int, Any]]) -> FlagRow:
    name, ocd_id, postal, state_postal, _kind = d["jurisdictions"][row.jurisdiction_id]
    agency = d["agencies"].get(row.agency_id or 0)
    citation, section = d["provisions"].get(row.provision_id or 0, ("", ""))
    part = d["partnerships"].get(row.partnership_id or 0)
    values: dict[str, Any] = {
        "state": state_postal or postal, "place": name, "place_ocd_id": ocd_id, "agency": agency[0] if agency else "",
        "county": _county(row, d), "citation": citation, "section": section,
    }
    if part:
        values.update(model=part[1], signed_on=part[2], first_listed=part[3], last_listed=part[4],
                      absent_from=part[5], moa_url=part[6])
    sharing = d["arrangements"].get(row.arrangement_id or 0)
    if sharing:
        kind, vendor, technology = sharing
        values["sharing"] = f"{SharingKind(kind).label}{f' ({vendor})' if vendor else ''}: {Technology(technology).label}"
    return replace(row, **values)


def flag_table(flt: FlagFilter) -> list[FlagRow]:
    """The rows the filter selects, most severe first, with every column filled."""
    rows = _evaluated(flt, flt.as_of) if flt.as_of else _stored(flt)
    rows = _filtered(rows, flt)
    details = _details(rows)
    if flt.model:
        rows = [r for r in rows if details["partnerships"].get(r.partnership_id or 0, ("",))[0] == flt.model]
    return sorted((_fill(r, details) for r in rows), key=lambda r: (-r.severity, r.state, r.place, r.agency, r.rule_id))
