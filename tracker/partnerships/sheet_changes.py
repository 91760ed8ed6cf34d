"""What changed between two of ICE's 287(g) sheets: agreements added, gone, applications signed or new.

A sheet is a `sources.Source` whose key starts with `ice-287g-participating-` or `ice-287g-pending-`;
its `published_on` is the sheet's date. An agreement or application changed between the sheets of
dates A < B when the sheet that first listed it (`first_seen_in`), or the first sheet that no
longer listed it (`ended_in`), is dated after A and on or before B. Dates of imports never count:
an old sheet imported late still places its changes at its own date.

Known limits: an agreement that left a sheet and came back is reopened by the importer, which
clears `ended_in`, so its absence no longer shows here; an agreement re-signed under the same
model shows as one gone and one added.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet, TextChoices

from tracker.laws.models import Instrument
from tracker.partnerships.choices import PartnershipKind, Program287g
from tracker.partnerships.models import Partnership
from tracker.places.models import AgencyCoverage, CountyMember, Jurisdiction
from tracker.places.querysets import Place, presences
from tracker.sources.models import Source

PARTICIPATING_PREFIX = "ice-287g-participating-"
PENDING_PREFIX = "ice-287g-pending-"


class ChangeKind(TextChoices):
    """The kinds of change, in the order the page lists them, with their headings."""

    ADDED = "added", "Agreements added"
    SIGNED = "signed", "Pending applications now signed"
    GONE = "gone", "Agreements gone from the sheet"
    APPLIED = "applied", "New pending applications"


KINDS = {kind: kind.label for kind in ChangeKind}
#: Kinds of change that bring an agreement into force where it falls.
NEW_AGREEMENTS = (ChangeKind.ADDED, ChangeKind.SIGNED)


def sheets() -> QuerySet[Source]:
    """Imported 287(g) sheets with a date, newest first."""
    return Source.objects.filter(
        Q(key__startswith=PARTICIPATING_PREFIX) | Q(key__startswith=PENDING_PREFIX), published_on__isnull=False
    ).order_by("-published_on", "key")


def sheet_dates() -> list[datetime.date]:
    """The distinct dates of the imported sheets, newest first (one query)."""
    return sorted({d for d in sheets().values_list("published_on", flat=True) if d is not None}, reverse=True)


def default_pair() -> tuple[datetime.date, datetime.date] | None:
    """The last two participating sheets (else the last two sheet dates), oldest first; None with fewer than two."""
    participating = sheets().filter(key__startswith=PARTICIPATING_PREFIX).values_list("published_on", flat=True)
    for dates in (sorted({d for d in participating if d is not None}, reverse=True), sheet_dates()):
        if len(dates) >= 2:
            return dates[1], dates[0]
    return None


def is_application() -> Q:
    """Partnerships that are applications (their own field, set by the importer from the sheet that lists them)."""
    return Q(kind=PartnershipKind.APPLICATION)


@dataclass(frozen=True)
class Law:
    """A legal text in force where an agreement falls."""

    key: str
    citation: str
    title: str
    jurisdiction: str


@dataclass(frozen=True)
class Change:
    """One agreement or application that changed between the two sheets."""

    kind: ChangeKind
    partnership_id: int
    agency_id: int
    agency: str
    program: str
    signed_on: datetime.date | None
    sheet_on: datetime.date
    laws: tuple[Law, ...] = ()


@dataclass
class StateChanges:
    """The changes in one state, by kind."""

    code: str
    name: str
    kinds: dict[ChangeKind, list[Change]] = field(default_factory=lambda: {kind: [] for kind in ChangeKind})

    @property
    def groups(self) -> list[tuple[str, list[Change]]]:
        """(heading, changes) for each kind that has any, in page order."""
        return [(kind.label, rows) for kind, rows in self.kinds.items() if rows]


def _kind(p: Partnership, after: datetime.date, upto: datetime.date) -> ChangeKind | None:
    first = p.first_seen_in.published_on if p.first_seen_in else None
    ended = p.ended_in.published_on if p.ended_in else None
    is_app = p.kind == PartnershipKind.APPLICATION
    if first is not None and after < first <= upto:
        if is_app:
            return ChangeKind.APPLIED
        return ChangeKind.SIGNED if p.application_id else ChangeKind.ADDED
    if ended is not None and after < ended <= upto and not is_app:
        return ChangeKind.GONE
    return None


def changes_between(after: datetime.date, upto: datetime.date) -> list[StateChanges]:
    """Changes listed by the sheets dated after `after` up to `upto`, by state (five queries)."""
    window = Q(first_seen_in__published_on__gt=after, first_seen_in__published_on__lte=upto) | Q(
        ended_in__published_on__gt=after, ended_in__published_on__lte=upto
    )
    rows = list(
        Partnership.objects.filter(window, program__code__in=Program287g.values)
        .select_related("agency__state", "program", "first_seen_in", "ended_in")
        .order_by("agency__state__name", "agency__name", "program__code", "pk")
    )
    changes = [(p, kind) for p in rows if (kind := _kind(p, after, upto))]
    new = {p.agency_id: {p.agency.home_id, p.agency.state_id} for p, kind in changes if kind in NEW_AGREEMENTS}
    laws = laws_where(new, on=upto)
    states: dict[str, StateChanges] = {}
    for p, kind in changes:
        state = p.agency.state
        group = states.setdefault(state.postal_code or state.name, StateChanges(state.postal_code, state.name))
        sheet = p.ended_in if kind == ChangeKind.GONE else p.first_seen_in
        group.kinds[kind].append(
            Change(
                kind=kind,
                partnership_id=p.pk,
                agency_id=p.agency_id,
                agency=p.agency.name,
                program=p.program.name,
                signed_on=p.signed_on,
                sheet_on=sheet.published_on,
                laws=laws.get(p.agency_id, ()) if kind in NEW_AGREEMENTS else (),
            )
        )
    return list(states.values())


def laws_where(agencies: dict[int, set[int | None]], *, on: datetime.date) -> dict[int, tuple[Law, ...]]:
    """Legal texts in force on a date where each agency is present (three queries).

    `agencies` maps each agency id to its home and state ids; to those come the jurisdictions where it
    operates or its jail serves (`Jurisdiction.objects.operated_in_by`, whose twin `presences` decides here).
    """
    if not agencies:
        return {}
    coverages: dict[int, list[AgencyCoverage]] = defaultdict(list)
    for row in AgencyCoverage.objects.filter(agency_id__in=agencies):
        coverages[row.agency_id].append(row)
    known = {j for ids in agencies.values() for j in ids if j}
    where = Q(jurisdiction__in=Jurisdiction.objects.operated_in_by(list(agencies), serving=True).values("pk"))
    laws = list(
        Instrument.objects.in_force(on=on).filter(where | Q(jurisdiction_id__in=known)).select_related("jurisdiction")
    )
    counties: dict[int, list[int]] = defaultdict(list)
    for member, county in CountyMember.objects.filter(member_id__in={i.jurisdiction_id for i in laws}).values_list(
        "member_id", "county_id"
    ):
        counties[member].append(county)
    found: dict[int, set[Law]] = {agency_id: set() for agency_id in agencies}
    for i in laws:
        j = i.jurisdiction
        place = Place(j.pk, j.kind, j.state_id, tuple(counties.get(j.pk, ())))
        law = Law(i.key, i.citation, i.title, j.name)
        for agency_id, ids in agencies.items():
            if j.pk in ids or presences(place, coverages.get(agency_id, ())):
                found[agency_id].add(law)
    return {
        agency_id: tuple(sorted(laws_here, key=lambda law: (law.jurisdiction, law.citation)))
        for agency_id, laws_here in found.items()
    }
