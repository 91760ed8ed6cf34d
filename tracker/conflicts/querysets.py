"""Reads over flags."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models

from tracker.conflicts.choices import OPEN_STATUSES
from tracker.places.choices import STATE_LEVEL_KINDS
from tracker.places.models import CountyMember, Jurisdiction

if TYPE_CHECKING:
    from tracker.conflicts.models import Flag  # noqa: F401 - the base class names it in a string


class FlagQuerySet(models.QuerySet["Flag"]):
    """Flag reads."""

    def open(self) -> FlagQuerySet:
        """Flags still awaiting or under review, or confirmed."""
        return self.filter(status__in=OPEN_STATUSES)

    def for_rule(self, rule_id: str) -> FlagQuerySet:
        """Flags raised by one rule."""
        return self.filter(rule_id=rule_id)

    def concerning(self, jurisdiction: Jurisdiction) -> FlagQuerySet:
        """Flags on a place or on what lies in it, and flags of agencies at home there: what the maps count.

        A county's flags are those of its places too, and those of its sheriff wherever the sheriff's flag
        lies; a state's are every flag in the state.
        """
        if jurisdiction.kind in STATE_LEVEL_KINDS:
            return self.filter(models.Q(jurisdiction=jurisdiction) | models.Q(jurisdiction__state=jurisdiction))
        inside = CountyMember.objects.filter(county=jurisdiction).values("member_id")
        return self.filter(
            models.Q(jurisdiction=jurisdiction) | models.Q(jurisdiction__in=inside)
            | models.Q(agency__home=jurisdiction) | models.Q(agency__home__in=inside)
        )
