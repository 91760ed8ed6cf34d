"""Reads over instruments and provisions, judged as of a date."""

from __future__ import annotations

from datetime import date

from django.db import models
from django.utils import timezone

from tracker.common.querysets import KeyedQuerySet
from tracker.laws.choices import InstrumentStatus

#: Statuses under which a text never operates, whatever its dates.
NOT_OPERATIVE = (InstrumentStatus.PROPOSED, InstrumentStatus.SUSPENDED, InstrumentStatus.ENJOINED)


def in_force_on(
    status: str,
    enacted_on: date | None,
    effective_on: date | None,
    sunset_on: date | None,
    repealed_on: date | None,
    on: date,
) -> bool:
    """Whether a text with these dates was in force on `on`.

    It starts on its effective date, or its enactment date when the effective date is unknown;
    a text with neither date counts as in force only if its status says so. It stops on its
    sunset or repeal date. Proposed, suspended and enjoined texts never count.
    """
    if status in NOT_OPERATIVE:
        return False
    start = effective_on or enacted_on
    if start is None:
        if status != InstrumentStatus.IN_FORCE:
            return False
    elif start > on:
        return False
    return not any(end is not None and end <= on for end in (sunset_on, repealed_on))


class InstrumentQuerySet(KeyedQuerySet):
    """Instrument reads."""

    def in_force(self, on: date | None = None) -> InstrumentQuerySet:
        """Texts in force on a date (today by default); same logic as `in_force_on`.

        NULL effective date: the enactment date is used; both NULL: only status in_force counts.
        NULL sunset or repeal date: no end.
        """
        on = on or timezone.localdate()
        started = (
            models.Q(effective_on__lte=on)
            | models.Q(effective_on__isnull=True, enacted_on__lte=on)
            | models.Q(effective_on__isnull=True, enacted_on__isnull=True, status=InstrumentStatus.IN_FORCE)
        )
        ended = models.Q(sunset_on__lte=on) | models.Q(repealed_on__lte=on)
        return self.exclude(status__in=NOT_OPERATIVE).filter(started).exclude(ended)


class ProvisionQuerySet(KeyedQuerySet):
    """Provision reads."""

    def of_type(self, *types: str) -> ProvisionQuerySet:
        """Provisions of the given types."""
        return self.filter(type__in=types)
