"""Jurisdictions (looked up by OCD id, with their dossier) and agencies."""

from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from tracker.api.dossier import DossierSerializer
from tracker.api.filters import AgencyFilterSet, JurisdictionFilterSet
from tracker.api.serializers.places import AgencySerializer, JurisdictionSerializer
from tracker.api.views.base import FactReadViewSet
from tracker.places.choices import OCD_ID_IN_PATH
from tracker.places.dossier import dossier_for
from tracker.places.models import Agency, Jurisdiction
from tracker.places.querysets import JurisdictionQuerySet

#: An OCD division id in a URL: slash-separated `type:id` segments (the colon keeps "dossier" out).
OCD_ID_PARAMETER = OpenApiParameter(
    "ocd_id", OpenApiTypes.STR, OpenApiParameter.PATH, pattern=f"^{OCD_ID_IN_PATH}$",
    description="Open Civic Data division id, slashes included (e.g. ocd-division/country:us/state:la).",
)


AS_OF_PARAMETER = OpenApiParameter(
    "as_of", OpenApiTypes.DATE, OpenApiParameter.QUERY,
    description="Judge texts in force and agreements active on this date (YYYY-MM-DD); default today.",
)


def jurisdiction_queryset() -> JurisdictionQuerySet:
    """Jurisdictions with what their serializer reads, in a fixed number of queries."""
    return Jurisdiction.objects.select_related("state").prefetch_related("counties", "aliases", "sources")


@extend_schema_view(retrieve=extend_schema(parameters=[OCD_ID_PARAMETER]))
class JurisdictionViewSet(FactReadViewSet):
    """Jurisdictions, by OCD division id (aliases accepted)."""

    serializer_class = JurisdictionSerializer
    filterset_class = JurisdictionFilterSet
    lookup_field = "ocd_id"
    lookup_value_regex = OCD_ID_IN_PATH

    def get_queryset(self) -> JurisdictionQuerySet:
        """Jurisdictions with state, counties, aliases and sources."""
        return jurisdiction_queryset()

    def get_object(self) -> Jurisdiction:
        """The jurisdiction with this OCD id, or with it as an alias."""
        ocd_id = self.kwargs["ocd_id"]
        found = self.get_queryset().by_ocd_id(ocd_id).first()
        if found is None:
            raise NotFound(f"No jurisdiction has the OCD id {ocd_id!r}.")
        self.check_object_permissions(self.request, found)
        return found

    def allowed_query_parameters(self) -> set[str]:
        """The dossier takes a date."""
        return super().allowed_query_parameters() | ({"as_of"} if self.action == "dossier" else set())

    @extend_schema(parameters=[OCD_ID_PARAMETER, AS_OF_PARAMETER], responses=DossierSerializer, filters=False)
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def dossier(self, request: Request, ocd_id: str) -> Response:
        """What a lawyer needs on one place: its law, the agencies there with their partnerships, its flags."""
        as_of = request.query_params.get("as_of")
        on = serializers.DateField().run_validation(as_of) if as_of else None
        data = dossier_for(self.get_object(), as_of=on)
        return Response(DossierSerializer(data, context=self.get_serializer_context()).data)


class AgencyViewSet(FactReadViewSet):
    """Law-enforcement agencies."""

    serializer_class = AgencySerializer
    filterset_class = AgencyFilterSet

    def get_queryset(self) -> QuerySet[Agency]:
        """Agencies with state, home, coverages and sources."""
        return Agency.objects.select_related("state", "home").prefetch_related("coverages__jurisdiction", "sources")

