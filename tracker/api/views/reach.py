"""The reach question as data: each limit in force, its reading of federal reach, and the agencies it leaves out."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tracker.api.permissions import ReadAnyone
from tracker.api.views.base import StrictQueryMixin
from tracker.conflicts.reach import Topic, reach_rows
from tracker.laws.choices import FederalReach, Governs, ProvisionType


class ReachFilters(serializers.Serializer):
    """Query parameters: a state, a kind of limit, a date."""

    state = serializers.RegexField(r"^[A-Za-z]{2}$", required=False, help_text="USPS code, e.g. MA.")
    topic = serializers.ChoiceField(choices=sorted(Topic.values), required=False, help_text="Kind of limit.")
    as_of = serializers.DateField(required=False, help_text="Judge the law and the agreements on this day.")


class ReachAgencySerializer(serializers.Serializer):
    """An agency with a federal partnership where the limit applies."""

    name = serializers.CharField()
    bound = serializers.BooleanField(help_text="Bound by the limit (else it only works within its territory).")
    how = serializers.CharField(help_text="How it is bound or present.")
    programs = serializers.ListField(child=serializers.CharField(), help_text="Its federal programs in effect.")


class ReachSerializer(serializers.Serializer):
    """One limit, its reading of federal reach with the quoted words, and the agencies it binds or not."""

    provision_id = serializers.IntegerField()
    jurisdiction = serializers.CharField()
    jurisdiction_ocd_id = serializers.CharField()
    state = serializers.CharField()
    citation = serializers.CharField()
    section = serializers.CharField()
    type = serializers.ChoiceField(choices=ProvisionType.choices)
    federal_reach = serializers.ChoiceField(choices=FederalReach.choices)
    federal_reach_quote = serializers.CharField()
    governs = serializers.ChoiceField(choices=Governs.choices)
    verified = serializers.BooleanField()
    agencies = ReachAgencySerializer(many=True)


class ReachApi(StrictQueryMixin, APIView):
    """Every state and local limit in force and whether it reaches federal partnerships."""

    permission_classes = [ReadAnyone]

    def allowed_query_parameters(self) -> set[str]:
        """The filters."""
        return {*super().allowed_query_parameters(), *ReachFilters().fields}

    @extend_schema(parameters=[ReachFilters], responses=ReachSerializer(many=True))
    def get(self, request: Request) -> Response:
        """The limits the filters select (every one in force today by default)."""
        filters = ReachFilters(data=request.query_params)
        filters.is_valid(raise_exception=True)
        data = filters.validated_data
        rows = reach_rows(state=data.get("state", ""), topic=data.get("topic", ""), on=data.get("as_of"))
        return Response(ReachSerializer(rows, many=True).data)
