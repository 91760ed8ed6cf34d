"""Programs, partnerships, deployments, data-sharing arrangements and approvals."""

from django.db.models import Prefetch, QuerySet
from drf_spectacular.utils import extend_schema_view

from tracker.api.filters import ApprovalFilterSet, DeploymentFilterSet, PartnershipFilterSet, ProgramFilterSet
from tracker.api.filters_sharing import SharingArrangementFilterSet, SharingEventFilterSet
from tracker.api.serializers.partnerships import (
    ApprovalSerializer,
    DeploymentSerializer,
    PartnershipSerializer,
    ProgramSerializer,
    SharingArrangementSerializer,
    SharingEventSerializer,
)
from tracker.api.views.base import ExportListMixin, FactReadViewSet, FactViewSet, export_schema
from tracker.partnerships.models import (
    Approval,
    FederalProgram,
    Partnership,
    SharingArrangement,
    SharingEvent,
    TechnologyDeployment,
)


class ProgramViewSet(FactReadViewSet):
    """Federal programs by code, with their capabilities."""

    serializer_class = ProgramSerializer
    filterset_class = ProgramFilterSet
    lookup_field = "code"

    def get_queryset(self) -> QuerySet[FederalProgram]:
        """Programs with capabilities and all sources."""
        return FederalProgram.objects.prefetch_related("capabilities__sources", "sources")


@extend_schema_view(list=export_schema(PartnershipSerializer, "partnerships"))
class PartnershipViewSet(ExportListMixin, FactViewSet):
    """Agencies' agreements with federal programs."""

    serializer_class = PartnershipSerializer
    filterset_class = PartnershipFilterSet
    export_name = "partnerships"

    def get_queryset(self) -> QuerySet[Partnership]:
        """Partnerships with agency, its state, program and sources."""
        return Partnership.objects.select_related("agency__state", "program").prefetch_related("sources")


class DeploymentViewSet(FactViewSet):
    """Agencies' surveillance technologies."""

    serializer_class = DeploymentSerializer
    filterset_class = DeploymentFilterSet

    def get_queryset(self) -> QuerySet[TechnologyDeployment]:
        """Deployments with agency, its state and sources."""
        return TechnologyDeployment.objects.select_related("agency__state").prefetch_related("sources")


@extend_schema_view(list=export_schema(SharingArrangementSerializer, "data-sharing arrangements"))
class SharingArrangementViewSet(ExportListMixin, FactViewSet):
    """Agencies' data-sharing arrangements, with their events."""

    serializer_class = SharingArrangementSerializer
    filterset_class = SharingArrangementFilterSet
    export_name = "sharing-arrangements"
    lookup_field = "key"

    def get_queryset(self) -> QuerySet[SharingArrangement]:
        """Arrangements with agency, its state, events and all sources."""
        events = Prefetch("events", SharingEvent.objects.order_by("occurred_on", "kind").prefetch_related("sources"))
        return SharingArrangement.objects.select_related("agency__state").prefetch_related(events, "sources")


class SharingEventViewSet(FactViewSet):
    """Dated events of data-sharing arrangements."""

    serializer_class = SharingEventSerializer
    filterset_class = SharingEventFilterSet

    def get_queryset(self) -> QuerySet[SharingEvent]:
        """Events with their arrangement and sources."""
        return SharingEvent.objects.select_related("arrangement").prefetch_related("sources")


class ApprovalViewSet(FactReadViewSet):
    """Governing bodies' approvals."""

    serializer_class = ApprovalSerializer
    filterset_class = ApprovalFilterSet

    def get_queryset(self) -> QuerySet[Approval]:
        """Approvals with jurisdiction and sources."""
        return Approval.objects.select_related("jurisdiction", "arrangement").prefetch_related("sources")
