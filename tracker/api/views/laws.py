"""Instruments and provisions: anyone reads, editors write."""

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema_view

from tracker.api.filters import InstrumentFilterSet, ProvisionFilterSet
from tracker.api.serializers.laws import InstrumentDetailSerializer, InstrumentListSerializer, ProvisionSerializer
from tracker.api.views.base import ExportListMixin, FactViewSet, export_schema
from tracker.laws.models import Instrument, Provision


@extend_schema_view(list=export_schema(InstrumentListSerializer, "legal texts"))
class InstrumentViewSet(ExportListMixin, FactViewSet):
    """Legal texts, by key, with their provisions nested."""

    serializer_class = InstrumentDetailSerializer
    list_serializer_class = InstrumentListSerializer
    filterset_class = InstrumentFilterSet
    lookup_field = "key"
    export_name = "instruments"

    def get_queryset(self) -> QuerySet[Instrument]:
        """Instruments with jurisdiction, provisions and sources (events on detail)."""
        queryset = Instrument.objects.select_related("jurisdiction").prefetch_related("provisions", "sources")
        return queryset if self.action == "list" else queryset.prefetch_related("events")


class ProvisionViewSet(FactViewSet):
    """Operative rules, by key."""

    serializer_class = ProvisionSerializer
    filterset_class = ProvisionFilterSet
    lookup_field = "key"

    def get_queryset(self) -> QuerySet[Provision]:
        """Provisions with instrument, bound agencies, exceptions and sources."""
        return Provision.objects.select_related("instrument").prefetch_related("bound_agencies", "exceptions", "sources")
