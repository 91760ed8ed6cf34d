"""Reads over partnerships and sharing arrangements, judged as of a date, with their pure twins.

`active` / `active_on`, `pending` / `pending_on` and `SharingArrangementQuerySet.active` /
`sharing_active_on` are one definition each in two forms (SQL and Python); a test keeps every pair in
agreement. The conflict engine and the dossier use the twins.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Protocol

from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone

from tracker.common.querysets import KeyedQuerySet
from tracker.partnerships.choices import (
    ACCESS_EVIDENCE,
    FEDERAL_RECIPIENTS,
    RESTORES,
    STOPS_ALL,
    SWITCHES,
    PartnershipKind,
    PartnershipStatus,
)


class Dated(Protocol):
    """What the date tests read: a Partnership, or the engine's PartnershipRow (read-only)."""

    @property
    def kind(self) -> str: ...

    @property
    def status(self) -> str: ...

    @property
    def signed_on(self) -> date | None: ...

    @property
    def first_seen_on(self) -> date | None: ...

    @property
    def ended_on(self) -> date | None: ...


def active_on(p: Dated, on: date) -> bool:
    """Same test as `PartnershipQuerySet.active(on=)`, on a row already loaded."""
    if p.kind != PartnershipKind.AGREEMENT:
        return False
    start = p.signed_on or p.first_seen_on
    if start is None:
        if p.status != PartnershipStatus.ACTIVE:
            return False
    elif start > on:
        return False
    return p.ended_on is None or p.ended_on > on


def pending_on(p: Dated, on: date) -> bool:
    """Same test as `PartnershipQuerySet.pending(on=)`, on a row already loaded."""
    if p.kind != PartnershipKind.APPLICATION:
        return False
    if p.first_seen_on is None:
        if p.status != PartnershipStatus.PENDING:
            return False
    elif p.first_seen_on > on:
        return False
    return p.ended_on is None or p.ended_on > on


class SharingDated(Protocol):
    """What the sharing date test reads: an arrangement loaded `with_evidence_from()` (its `switches` read from
    prefetched events), or the engine's row."""

    @property
    def evidence_from(self) -> date | None: ...

    @property
    def ended_on(self) -> date | None: ...

    @property
    def recipients(self) -> Sequence[str]: ...

    @property
    def switches(self) -> Sequence[tuple[date, str]]: ...


def recipients_on(a: SharingDated, on: date) -> tuple[str, ...] | None:
    """Who the arrangement still let search the data on a date, after the access switches dated by then
    (`SWITCHES`: terminated or paused ends everyone's access, the federal lookup turned off ends federal
    agencies', a reinstatement restores it; on one day a switch off wins). None when no access was left: all
    switched off, or every recipient named was federal and the federal lookup was off. An arrangement naming no
    recipient keeps its unknown ones unless all access was switched off."""
    left: set[str] | None = set(a.recipients)
    for _, kind in sorted((s for s in a.switches if s[0] <= on), key=lambda s: (s[0], s[1] not in RESTORES)):
        if kind in RESTORES:
            left = set(a.recipients)
        elif kind in STOPS_ALL:
            left = None
        elif left is not None:
            left -= FEDERAL_RECIPIENTS
    if left is None or (a.recipients and not left):
        return None
    return tuple(r for r in a.recipients if r in left)


def access_on(a: SharingDated, on: date) -> tuple[str, ...] | None:
    """Who could search the data on a date if the arrangement was in effect then (from its first dated evidence
    until it ended or was switched off), else None: `recipients_on` within the arrangement's dates."""
    if a.evidence_from is None or a.evidence_from > on:
        return None
    if a.ended_on is not None and a.ended_on <= on:
        return None
    return recipients_on(a, on)


def sharing_active_on(a: SharingDated, on: date) -> bool:
    """Same test as `SharingArrangementQuerySet.active(on=)`, on a row already loaded with its `evidence_from`
    and its switches."""
    return access_on(a, on) is not None


class PartnershipQuerySet(models.QuerySet):
    """Partnership reads."""

    def agreements(self) -> PartnershipQuerySet:
        """Signed agreements, whatever their status."""
        return self.filter(kind=PartnershipKind.AGREEMENT)

    def applications(self) -> PartnershipQuerySet:
        """Applications, whatever their status."""
        return self.filter(kind=PartnershipKind.APPLICATION)

    def active(self, on: date | None = None) -> PartnershipQuerySet:
        """Agreements in effect on a date (today by default).

        An agreement counts from its signed date (or, when that is unknown, from the first sheet
        that lists it; with neither, only if its status is active) until its ended date.
        An application never counts, pending or not, whatever its dates.
        """
        on = on or timezone.localdate()
        started = (
            models.Q(signed_on__lte=on)
            | models.Q(signed_on__isnull=True, first_seen_on__lte=on)
            | models.Q(signed_on__isnull=True, first_seen_on__isnull=True, status=PartnershipStatus.ACTIVE)
        )
        not_ended = models.Q(ended_on__isnull=True) | models.Q(ended_on__gt=on)
        return self.agreements().filter(started, not_ended)

    def pending(self, on: date | None = None) -> PartnershipQuerySet:
        """Applications pending on a date (today by default).

        An application is pending from the first sheet that lists it (with no such date, only if
        its status is pending) until it ends: withdrawn, refused, or turned into an agreement.
        """
        on = on or timezone.localdate()
        started = models.Q(first_seen_on__lte=on) | models.Q(
            first_seen_on__isnull=True, status=PartnershipStatus.PENDING
        )
        not_ended = models.Q(ended_on__isnull=True) | models.Q(ended_on__gt=on)
        return self.applications().filter(started, not_ended)


class SharingArrangementQuerySet(KeyedQuerySet):
    """Sharing-arrangement reads."""

    def with_evidence_from(self) -> SharingArrangementQuerySet:
        """Annotate `evidence_from` and `evidence_to`: the first and the latest date the sources show the access
        existing.

        The first is `first_evidence_on` when recorded, else the date of the earliest event that shows the
        access (reported access or searches, an audit's finding, a warning, a cease-and-desist, a lawsuit); the
        latest is the latest such event, else `first_evidence_on`; empty when neither is known.
        """
        shows_access = models.Q(events__kind__in=ACCESS_EVIDENCE)
        earliest = models.Min("events__occurred_on", filter=shows_access)
        latest = models.Max("events__occurred_on", filter=shows_access)
        return self.annotate(
            evidence_from=Coalesce("first_evidence_on", earliest), evidence_to=Coalesce(latest, "first_evidence_on")
        )

    def active(self, on: date | None = None) -> SharingArrangementQuerySet:
        """Arrangements in effect on a date (today by default): from `evidence_from` until the access ended or
        was switched off (`recipients_on`).

        With no dated evidence an arrangement never counts: nothing is inferred. The dates are tested in SQL;
        the few arrangements with a switch dated by then are walked by `recipients_on` (two more queries).
        """
        on = on or timezone.localdate()
        not_ended = models.Q(ended_on__isnull=True) | models.Q(ended_on__gt=on)
        every = self.model._default_manager
        switched = every.filter(events__kind__in=SWITCHES, events__occurred_on__lte=on).values("pk")
        off = [a.pk for a in every.filter(pk__in=switched).prefetch_related("events") if recipients_on(a, on) is None]
        return self.with_evidence_from().filter(not_ended, evidence_from__lte=on).exclude(pk__in=off)
