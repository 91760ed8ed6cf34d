"""FilterSets of the data-sharing resources, on the shared filters of `tracker.api.filters`."""

from __future__ import annotations

from typing import Any

import django_filters as df
from django.db.models import QuerySet

from tracker.api.filters import (
    StrictBooleanFilter,
    StrictFilterSet,
    agency_jurisdiction_filter,
    id_filter,
    ordering,
    state_filter,
)
from tracker.partnerships.models import SharingArrangement, SharingEvent


class SharingArrangementFilterSet(StrictFilterSet):
    """Data-sharing arrangements: by agency, place, kind, technology, verification, and in effect today."""

    agency = id_filter("agency", "agency")
    state = state_filter("agency__state")
    jurisdiction = agency_jurisdiction_filter()
    active = StrictBooleanFilter(method="filter_active", help_text="In effect today (true) or not (false).")
    ordering = ordering("first_evidence_on", "ended_on", "key", "agency__name")

    class Meta:
        model = SharingArrangement
        fields = ["kind", "technology", "verified"]

    def filter_active(self, queryset: QuerySet[SharingArrangement], name: str, value: bool) -> QuerySet[Any]:
        """Arrangements in effect today, or the others."""
        active = SharingArrangement.objects.active().values("pk")
        return queryset.filter(pk__in=active) if value else queryset.exclude(pk__in=active)


class SharingEventFilterSet(StrictFilterSet):
    """Events of data-sharing arrangements."""

    arrangement = df.CharFilter(field_name="arrangement__key", help_text="The arrangement's key.")
    state = state_filter("arrangement__agency__state")
    occurred_after = df.DateFilter(field_name="occurred_on", lookup_expr="gte")
    occurred_before = df.DateFilter(field_name="occurred_on", lookup_expr="lte")
    ordering = ordering("occurred_on", "kind")

    class Meta:
        model = SharingEvent
        fields = ["kind", "verified"]
