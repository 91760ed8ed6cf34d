"""Reads over partnerships, judged as of a date."""

from __future__ import annotations

from datetime import date

from django.db import models
from django.utils import timezone

from tracker.partnerships.choices import PartnershipStatus


class PartnershipQuerySet(models.QuerySet):  # type: ignore[type-arg]
    """Partnership reads."""

    def active(self, on: date | None = None) -> PartnershipQuerySet:
        """Agreements in effect on a date (today by default).

        An agreement counts from its signed date (or, when that is unknown, from the first sheet
        that lists it; with neither, only if its status is active) until its ended date.
        Pending applications never count.
        """
        on = on or timezone.localdate()
        started = (
            models.Q(signed_on__lte=on)
            | models.Q(signed_on__isnull=True, first_seen_on__lte=on)
            | models.Q(signed_on__isnull=True, first_seen_on__isnull=True, status=PartnershipStatus.ACTIVE)
        )
        not_ended = models.Q(ended_on__isnull=True) | models.Q(ended_on__gt=on)
        return self.exclude(status=PartnershipStatus.PENDING).filter(started, not_ended)

    def pending(self) -> PartnershipQuerySet:
        """Pending applications."""
        return self.filter(status=PartnershipStatus.PENDING)
