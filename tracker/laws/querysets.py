"""Reads over instruments and provisions, judged as of a date."""

from __future__ import annotations

from datetime import date

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection, models
from django.db.models.expressions import CombinedExpression
from django.utils import timezone

from tracker.common.querysets import KeyedQuerySet
from tracker.laws.choices import InstrumentStatus

#: Statuses under which a text never operates, whatever its dates.
NOT_OPERATIVE = (InstrumentStatus.PROPOSED, InstrumentStatus.SUSPENDED, InstrumentStatus.ENJOINED)
#: Statuses that say a text stopped; without the date it stopped, it is judged under on no date.
ENDED = (InstrumentStatus.REPEALED, InstrumentStatus.EXPIRED)


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
    sunset or repeal date; a text repealed or expired on an unknown date never counts (when it
    stopped is unknown, so no date can be judged under it). Proposed, suspended and enjoined texts
    never count.
    """
    if status in NOT_OPERATIVE:
        return False
    if status in ENDED and sunset_on is None and repealed_on is None:
        return False
    start = effective_on or enacted_on
    if start is None:
        if status != InstrumentStatus.IN_FORCE:
            return False
    elif start > on:
        return False
    return not any(end is not None and end <= on for end in (sunset_on, repealed_on))


def search_vector() -> CombinedExpression:
    """The weighted full-text vector of an instrument: the expression of the GIN index of laws migration 0003."""
    return SearchVector("title", "citation", weight="A", config="english") + SearchVector(
        "text", weight="B", config="english"
    )


class InstrumentQuerySet(KeyedQuerySet):
    """Instrument reads."""

    def search(self, q: str) -> InstrumentQuerySet:
        """Texts whose words match `q` (PostgreSQL full text, web-search syntax) or whose citation contains it.

        SQLite has no full text here: title, citation or text contains `q`, ignoring case.
        """
        if connection.vendor == "postgresql":
            # A UNION of the two, each read on its own: as an OR, PostgreSQL walked every place to find none.
            words = self.model.objects.annotate(fts=search_vector()).filter(
                fts=SearchQuery(q, search_type="websearch", config="english")).values("pk")
            return self.filter(pk__in=words.union(self.model.objects.filter(citation__icontains=q).values("pk")))
        return self.filter(models.Q(title__icontains=q) | models.Q(citation__icontains=q) | models.Q(text__icontains=q))

    def in_force(self, on: date | None = None) -> InstrumentQuerySet:
        """Texts in force on a date (today by default); same logic as `in_force_on`.

        NULL effective date: the enactment date is used; both NULL: only status in_force counts.
        NULL sunset and repeal dates: no end, unless the status says repealed or expired (then never).
        """
        on = on or timezone.localdate()
        started = (
            models.Q(effective_on__lte=on)
            | models.Q(effective_on__isnull=True, enacted_on__lte=on)
            | models.Q(effective_on__isnull=True, enacted_on__isnull=True, status=InstrumentStatus.IN_FORCE)
        )
        ended = (
            models.Q(sunset_on__lte=on)
            | models.Q(repealed_on__lte=on)
            | models.Q(status__in=ENDED, sunset_on__isnull=True, repealed_on__isnull=True)
        )
        return self.exclude(status__in=NOT_OPERATIVE).filter(started).exclude(ended)


class ProvisionQuerySet(KeyedQuerySet):
    """Provision reads."""

    def of_type(self, *types: str) -> ProvisionQuerySet:
        """Provisions of the given types."""
        return self.filter(type__in=types)

    def in_force(self, on: date | None = None) -> ProvisionQuerySet:
        """Provisions in force on a date: their instrument is (see `InstrumentQuerySet.in_force`), and the
        date falls in the provision's own window (NULL effective: from the instrument's start; NULL end: no end).
        The engine's twin is `Snapshot.provision_in_force`.
        """
        on = on or timezone.localdate()
        instruments = self.model._meta.get_field("instrument").related_model.objects.in_force(on)
        window = (models.Q(effective_on__isnull=True) | models.Q(effective_on__lte=on)) & (
            models.Q(ends_on__isnull=True) | models.Q(ends_on__gt=on)
        )
        return self.filter(window, instrument__in=instruments.values("pk"))
