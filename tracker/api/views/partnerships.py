"""Programs, partnerships, deployments and approvals."""

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema_view

from tracker.api.filters import ApprovalFilterSet, DeploymentFilterSet, PartnershipFilterSet, ProgramFilterSet
from tracker.api.serializers.partnerships import (
    ApprovalSerializer,
    DeploymentSerializer,
    PartnershipSerializer,
    ProgramSerializer,
)
from tracker.api.views.base import ExportListMixin, FactReadViewSet, FactViewSet, export_schema
from tracker.partnerships.models import Approval, FederalProgram, Partnership, TechnologyDeployment


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


class ApprovalViewSet(FactReadViewSet):
    """Governing bodies' approvals."""

    serializer_class = ApprovalSerializer
    filterset_class = ApprovalFilterSet

    def get_queryset(self) -> QuerySet[Approval]:
        """Approvals with jurisdiction and sources."""
        return Approval.objects.select_related("jurisdiction").prefetch_related("sources")
