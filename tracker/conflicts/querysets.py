"""Reads over flags."""

from __future__ import annotations

from django.db import models

from tracker.conflicts.choices import OPEN_STATUSES


class FlagQuerySet(models.QuerySet):  # type: ignore[type-arg]
    """Flag reads."""

    def open(self) -> FlagQuerySet:
        """Flags still awaiting or under review, or confirmed."""
        return self.filter(status__in=OPEN_STATUSES)

    def for_rule(self, rule_id: str) -> FlagQuerySet:
        """Flags raised by one rule."""
        return self.filter(rule_id=rule_id)
