"""Flags: anyone reads the public part; reviewers read notes and the trail and act on flags."""

from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.generics import get_object_or_404
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tracker.api.filters import FlagFilterSet
from tracker.api.permissions import ReadAnyone, ReviewersOnly
from tracker.api.serializers.flags import FlagDetailSerializer, FlagEventSerializer, FlagNoteSerializer, FlagSerializer
from tracker.api.views.base import ExportListMixin, FactReadViewSet, StrictQueryMixin, export_schema
from tracker.conflicts.models import Flag
from tracker.conflicts.selectors import flag_queryset


@extend_schema_view(list=export_schema(FlagSerializer, "flags"))
class FlagViewSet(ExportListMixin, FactReadViewSet):
    """Conflicts the engine found, for review."""

    permission_classes = [ReadAnyone]
    serializer_class = FlagDetailSerializer
    list_serializer_class = FlagSerializer
    filterset_class = FlagFilterSet
    export_name = "flags"

    def get_queryset(self) -> QuerySet[Flag]:
        """Flags with jurisdiction, agency, provisions and assignee."""
        return flag_queryset()


class FlagTrailApi(StrictQueryMixin, APIView):
    """The review trail of a flag: every status change, who made it and why (reviewers only)."""

    permission_classes = [ReviewersOnly]

    @extend_schema(responses=FlagEventSerializer(many=True))
    def get(self, request: Request, pk: int) -> Response:
        """The flag's events, oldest first."""
        flag = get_object_or_404(Flag, pk=pk)
        events = flag.events.select_related("by").order_by("at", "id")
        return Response(FlagEventSerializer(events, many=True).data)


class FlagNoteListApi(StrictQueryMixin, APIView):
    """Reviewers' private notes on a flag (reviewers only)."""

    permission_classes = [ReviewersOnly]

    @extend_schema(responses=FlagNoteSerializer(many=True))
    def get(self, request: Request, pk: int) -> Response:
        """The flag's notes, oldest first."""
        flag = get_object_or_404(Flag, pk=pk)
        notes = flag.notes.select_related("author").order_by("at", "id")
        return Response(FlagNoteSerializer(notes, many=True).data)
