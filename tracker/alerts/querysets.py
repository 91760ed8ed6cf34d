"""Reads for watches: which facts touch a watch, decided from the stored intent at read time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q, QuerySet

from tracker.alerts.choices import HitKind, WatchKind
from tracker.alerts.models import Watch
from tracker.conflicts.models import Flag
from tracker.laws.models import Instrument
from tracker.partnerships.models import Partnership
from tracker.partnerships.sheet_changes import is_application
from tracker.places.models import Agency, Jurisdiction


@dataclass(frozen=True)
class Touch:
    """A fact that touches a watch: what kind, its id and a one-line description."""

    kind: str
    object_id: int
    title: str


@dataclass(frozen=True)
class Reach:
    """The jurisdictions a jurisdiction watch reaches: inside it, and the counties and state around it."""

    inside: list[int]
    counties: list[int]
    state: int | None


def reach_of(jurisdiction: Jurisdiction) -> Reach:
    """The jurisdiction with what lies inside it, and the governments whose law and agencies reach it."""
    inside = Jurisdiction.objects.ids_within([jurisdiction.pk])
    counties = list(jurisdiction.counties.values_list("pk", flat=True))
    return Reach(inside=inside, counties=counties, state=jurisdiction.state_id)


def flags_touching(*, since: datetime, rule_id: str = "", reach: Reach | None = None) -> QuerySet[Flag]:
    """Flags first found since a moment, raised by a rule or inside a reach."""
    flags = Flag.objects.filter(first_seen_at__gte=since).select_related("jurisdiction", "agency")
    if rule_id:
        return flags.filter(rule_id=rule_id)
    return flags.filter(jurisdiction__in=reach.inside if reach else [])


def _agencies_here(reach: Reach) -> Q:
    """Partnerships of agencies present in the reach: the agencies its dossiers list (`Agency.objects.present_in`)."""
    return Q(agency__in=Agency.objects.present_in(reach.inside).values("pk"))


def agreements_touching(reach: Reach, since: datetime) -> QuerySet[Partnership]:
    """Agreements recorded since a moment for agencies that operate in the reach."""
    ids = Partnership.objects.filter(_agencies_here(reach), created_at__gte=since).values("pk")
    return Partnership.objects.filter(pk__in=ids).select_related("agency", "program")


def agreements_gone(reach: Reach, since: datetime) -> QuerySet[Partnership]:
    """Agreements of agencies in the reach that a sheet imported since a moment no longer lists.

    The moment is the watch's: what counts is when the news reached us (the sheet's import), so an
    old sheet imported late is still news; applications that left the pending sheet are not agreements.
    """
    here = Partnership.objects.filter(_agencies_here(reach), ended_in__created_at__gte=since)
    ids = here.exclude(is_application()).values("pk")
    return Partnership.objects.filter(pk__in=ids).select_related("agency", "program", "ended_in")


def laws_touching(reach: Reach, since: datetime) -> QuerySet[Instrument]:
    """Legal texts recorded since a moment, of the jurisdiction, what lies inside it, its counties or its state."""
    around = [*reach.inside, *reach.counties, *([reach.state] if reach.state else [])]
    return Instrument.objects.filter(jurisdiction__in=around, created_at__gte=since).select_related("jurisdiction")


def touches(watch: Watch) -> list[Touch]:
    """Every fact recorded since the watch was made that touches it (one query for a rule, six for a place).

    A place's watch also gets the ICE sheet changes there: an agreement that grew from a pending
    application is reported as signed, and an agreement a newer sheet no longer lists as gone.
    """
    since = watch.created_at
    if watch.kind == WatchKind.RULE:
        return [_flag_touch(f) for f in flags_touching(since=since, rule_id=watch.rule_id)]
    assert watch.jurisdiction is not None  # noqa: S101 - the check constraint guarantees it
    reach = reach_of(watch.jurisdiction)
    found = [_flag_touch(f) for f in flags_touching(since=since, reach=reach)]
    found += [_agreement_touch(p) for p in agreements_touching(reach, since)]
    found += [_gone_touch(p) for p in agreements_gone(reach, since)]
    found += [_law_touch(i) for i in laws_touching(reach, since)]
    return found


def _flag_touch(flag: Flag) -> Touch:
    who = f": {flag.agency.name}" if flag.agency else ""
    return Touch(HitKind.FLAG, flag.pk, f"{flag.rule_id} in {flag.jurisdiction.name}{who}"[:500])


def _agreement_touch(partnership: Partnership) -> Touch:
    signed = f", signed {partnership.signed_on:%Y-%m-%d}" if partnership.signed_on else ""
    title = f"{partnership.agency.name}: {partnership.program.name} ({partnership.get_status_display()}{signed})"
    kind = HitKind.SIGNED if partnership.application_id else HitKind.AGREEMENT
    return Touch(kind, partnership.pk, title[:500])


def _gone_touch(partnership: Partnership) -> Touch:
    sheet = partnership.ended_in
    when = (
        f"not on the sheet of {sheet.published_on:%Y-%m-%d}"
        if sheet and sheet.published_on
        else "not on the last sheet"
    )
    title = f"{partnership.agency.name}: {partnership.program.name} ({when})"
    return Touch(HitKind.ENDED, partnership.pk, title[:500])


def _law_touch(instrument: Instrument) -> Touch:
    title = (
        f"{instrument.citation}: {instrument.title} ({instrument.jurisdiction.name}, {instrument.get_status_display()})"
    )
    return Touch(HitKind.LAW, instrument.pk, title[:500])
