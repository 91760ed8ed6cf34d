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
from tracker.conflicts.facts import CoverageRow
from tracker.conflicts.models import Flag
from tracker.conflicts.querysets import concerns
from tracker.conflicts.registry import registry
from tracker.laws.models import Instrument
from tracker.partnerships.models import Partnership
from tracker.places.choices import STATE_LEVEL_KINDS, JurisdictionKind
from tracker.places.models import Agency, AgencyCoverage, CountyMember, Jurisdiction
from tracker.places.querysets import Place

#: Bins of open flags for the map's colours: (lowest count, css class, legend label).
BINS = ((0, "f0", "No open flags"), (1, "f1", "1"), (2, "f2", "2–4"), (5, "f3", "5–9"), (10, "f4", "10 or more"))
COUNTY_KINDS = (JurisdictionKind.COUNTY, JurisdictionKind.CONSOLIDATED)


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
    """Counties of a state with their open-flag counts, and the count of flags tied to no county; four queries.

    A flag counts in a county when the county's dossier lists it (`FlagQuerySet.concerning`, whose pure twin
    `concerns` decides here): on the county or a place in it, or raised by the state's law against an agency
    operating in the county or at home in it.
    """
    flags = list(
        Flag.objects.open()
        .filter(Q(jurisdiction=state) | Q(jurisdiction__state=state))
        .values("id", "jurisdiction_id", "jurisdiction__kind", "jurisdiction__state_id", "agency_id",
                "agency__home_id", "agency__home__kind", "agency__home__state_id")
    )
    drawn = list(
        Jurisdiction.objects.filter(state=state, kind__in=COUNTY_KINDS).exclude(geoid="")
        .values_list("pk", "geoid", "ocd_id", "kind")
    )
    places = {f["jurisdiction_id"] for f in flags} | {f["agency__home_id"] for f in flags if f["agency__home_id"]}
    counties_of: defaultdict[int, list[int]] = defaultdict(list)
    for member, county in CountyMember.objects.filter(member_id__in=places | {row[0] for row in drawn}).values_list(
        "member_id", "county_id"
    ):
        counties_of[member].append(county)
    counties = {pk: (geoid, ocd_id, Place(pk, kind, state.pk, tuple(counties_of.get(pk, ())))) for pk, geoid, ocd_id, kind in drawn}
    coverages: defaultdict[int, list[CoverageRow]] = defaultdict(list)
    at_state = {f["agency_id"] for f in flags if f["jurisdiction_id"] == state.pk and f["agency_id"]}
    for agency, where, kind in AgencyCoverage.objects.filter(agency_id__in=at_state).values_list(
        "agency_id", "jurisdiction_id", "coverage"
    ):
        coverages[agency].append(CoverageRow(where, kind))
    counts: Counter[str] = Counter()
    statewide = 0
    for flag in flags:
        anchor = Place(flag["jurisdiction_id"], flag["jurisdiction__kind"], flag["jurisdiction__state_id"],
                       tuple(counties_of.get(flag["jurisdiction_id"], ())))
        home = None
        if flag["agency__home_id"]:
            home = Place(flag["agency__home_id"], flag["agency__home__kind"], flag["agency__home__state_id"],
                         tuple(counties_of.get(flag["agency__home_id"], ())))
        candidates = counties if anchor.id == state.pk else {c: counties[c] for c in (anchor.id, *anchor.county_ids)
                                                             if c in counties}
        geoids = {geoid for geoid, _, county in candidates.values()
                  if concerns(anchor, county, coverages=coverages.get(flag["agency_id"], ()), home=home)}
        counts.update(geoids)
        statewide += not geoids
    known = {geoid: ocd_id for geoid, ocd_id, _ in counties.values()}
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


def jurisdictions_with_local_law(on: datetime.date | None = None) -> QuerySet[Instrument, dict[str, Any]]:
    """Ids of places and counties (not states) with a text in force (subquery)."""
    return (
        Instrument.objects.in_force(on=on)
        .exclude(jurisdiction__kind__in=STATE_LEVEL_KINDS)
        .values("jurisdiction_id")
    )


def recent_agreements_under_local_law(limit: int = 10) -> list[Partnership]:
    """The newest agreements of agencies at home, operating or serving where local law is in force; one query."""
    ids = Partnership.objects.filter(agency__in=Agency.objects.present_in(jurisdictions_with_local_law()).values("pk"))
    return list(
        Partnership.objects.filter(pk__in=ids.values("pk"))
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
