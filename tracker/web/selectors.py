"""Read models for the pages: map counts, recent changes, search, the review queue and the collisions table.

Each function runs a fixed number of queries whatever the number of rows; the collisions table is
also meant for a `manage.py collisions` command, so it returns plain rows.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Q, QuerySet

from tracker.conflicts.choices import OPEN_STATUSES
from tracker.conflicts.models import Flag
from tracker.conflicts.registry import registry
from tracker.laws.models import Instrument
from tracker.partnerships.models import Partnership
from tracker.places.choices import STATE_LEVEL_KINDS, Coverage, JurisdictionKind
from tracker.places.models import CountyMember, Jurisdiction

#: Bins of open flags for the map's colours: (lowest count, css class, legend label).
BINS = ((0, "f0", "No open flags"), (1, "f1", "1"), (2, "f2", "2–4"), (5, "f3", "5–9"), (10, "f4", "10 or more"))
COUNTY_KINDS = (JurisdictionKind.COUNTY, JurisdictionKind.CONSOLIDATED)
COUNTYWIDE = (Coverage.CONCURRENT, Coverage.CONTRACT, Coverage.JAIL_ONLY)


def bin_class(count: int) -> str:
    """The css class of a count on the map."""
    return next(css for low, css, _ in reversed(BINS) if count >= low)


def rule_title(rule_id: str) -> str:
    """The registered title of a rule, or its id when the rule is unknown here."""
    return registry.get(rule_id).title if rule_id in registry else rule_id


@dataclass(frozen=True)
class Shape:
    """One coloured shape of a map, with the jurisdiction it stands for (if loaded)."""

    geoid: str
    name: str
    path: str
    count: int
    css: str
    ocd_id: str
    link: str = ""


def _shapes(shapes: tuple[tuple[str, str, str], ...], counts: Counter[str], known: dict[str, str]) -> list[Shape]:
    return [
        Shape(geoid, name, path, counts[geoid], bin_class(counts[geoid]), known.get(geoid, ""))
        for geoid, name, path in shapes
    ]


def national_map(shapes: tuple[tuple[str, str, str], ...]) -> list[Shape]:
    """States with their open-flag counts (a flag counts in the state it lies in); two queries."""
    counts: Counter[str] = Counter()
    rows = Flag.objects.open().values("jurisdiction__geoid", "jurisdiction__state__geoid").annotate(n=Count("id"))
    for row in rows:
        geoid = row["jurisdiction__state__geoid"] or row["jurisdiction__geoid"]
        counts[(geoid or "")[:2]] += row["n"]
    known = dict(Jurisdiction.objects.states().exclude(geoid="").values_list("geoid", "ocd_id"))
    return _shapes(shapes, counts, known)


def state_map(state: Jurisdiction, shapes: tuple[tuple[str, str, str], ...]) -> tuple[list[Shape], int]:
    """Counties of a state with their open-flag counts, and the count of flags tied to no county; three queries.

    A flag counts in a county when its place, or the home of its agency, is that county or lies in it.
    """
    flags = list(
        Flag.objects.open()
        .filter(Q(jurisdiction=state) | Q(jurisdiction__state=state))
        .values("id", "jurisdiction_id", "jurisdiction__kind", "jurisdiction__geoid",
                "agency__home_id", "agency__home__kind", "agency__home__geoid")
    )
    places = {f["jurisdiction_id"] for f in flags} | {f["agency__home_id"] for f in flags if f["agency__home_id"]}
    counties_of: defaultdict[int, set[str]] = defaultdict(set)
    for member, geoid in CountyMember.objects.filter(member_id__in=places).values_list("member_id", "county__geoid"):
        if geoid:
            counties_of[member].add(geoid)
    counts: Counter[str] = Counter()
    statewide = 0
    for flag in flags:
        geoids: set[str] = set()
        for pk, kind, geoid in ((flag["jurisdiction_id"], flag["jurisdiction__kind"], flag["jurisdiction__geoid"]),
                                (flag["agency__home_id"], flag["agency__home__kind"], flag["agency__home__geoid"])):
            if kind in COUNTY_KINDS and geoid:
                geoids.add(geoid)
            elif pk:
                geoids |= counties_of.get(pk, set())
        counts.update(geoids)
        statewide += not geoids
    known = dict(
        Jurisdiction.objects.filter(state=state, kind__in=COUNTY_KINDS).exclude(geoid="").values_list("geoid", "ocd_id")
    )
    return _shapes(shapes, counts, known), statewide


def counts_by_rule(state: Jurisdiction | None = None) -> list[dict[str, Any]]:
    """Open flags per rule, with the rule's title and severity; one query."""
    flags = Flag.objects.open()
    if state is not None:
        flags = flags.filter(Q(jurisdiction=state) | Q(jurisdiction__state=state))
    rows = flags.values("rule_id").annotate(n=Count("id")).order_by("rule_id")
    return [{"rule_id": r["rule_id"], "title": rule_title(r["rule_id"]), "count": r["n"],
             "severity": registry.get(r["rule_id"]).severity if r["rule_id"] in registry else None} for r in rows]


def recent_flags(limit: int = 10) -> list[Flag]:
    """The newest flags, newest first; one query."""
    return list(Flag.objects.select_related("jurisdiction", "agency").order_by("-first_seen_at", "-id")[:limit])


def jurisdictions_with_local_law(on: datetime.date | None = None) -> QuerySet[Jurisdiction]:
    """Ids of places and counties (not states) with a text in force (subquery)."""
    return (
        Instrument.objects.in_force(on=on)
        .exclude(jurisdiction__kind__in=STATE_LEVEL_KINDS)
        .values("jurisdiction_id")
    )


def recent_agreements_under_local_law(limit: int = 10) -> list[Partnership]:
    """The newest agreements of agencies at home or policing where local law is in force; one query."""
    with_law = jurisdictions_with_local_law()
    counties_with_law = CountyMember.objects.filter(member_id__in=with_law).values("county_id")
    here = (
        Q(agency__home_id__in=with_law)
        | Q(agency__coverages__jurisdiction_id__in=with_law)
        | Q(agency__coverages__jurisdiction_id__in=counties_with_law, agency__coverages__coverage__in=COUNTYWIDE)
    )
    ids = Partnership.objects.filter(here).values("pk")
    return list(
        Partnership.objects.filter(pk__in=ids)
        .select_related("agency__home", "agency__state", "program")
        .order_by(F("first_seen_on").desc(nulls_last=True), F("signed_on").desc(nulls_last=True), "-id")[:limit]
    )


def queue(*, state: Jurisdiction | None = None, rule_id: str = "", severity: int | None = None,
          statuses: list[str] | None = None, assignee: Any = None, unassigned: bool = False) -> QuerySet[Flag]:
    """Flags for the review queue, most severe first (open ones unless statuses are given)."""
    flags = Flag.objects.select_related("jurisdiction", "agency", "assignee").filter(
        status__in=statuses or OPEN_STATUSES
    )
    if state is not None:
        flags = flags.filter(Q(jurisdiction=state) | Q(jurisdiction__state=state))
    if rule_id:
        flags = flags.filter(rule_id=rule_id)
    if severity is not None:
        flags = flags.filter(severity=severity)
    if unassigned:
        flags = flags.filter(assignee__isnull=True)
    elif assignee is not None:
        flags = flags.filter(assignee=assignee)
    return flags.order_by("-severity", "rule_id", "id")
