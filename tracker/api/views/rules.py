"""The rule registry, read-only: what each rule detects, its severity, basis and question."""

from __future__ import annotations

import importlib

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from tracker.api.permissions import ReadAnyone
from tracker.api.views.base import StrictQueryMixin
from tracker.conflicts.choices import RuleStatus, Severity
from tracker.conflicts.registry import FAMILIES, Rule, registry


class RuleList(list[Rule]):
    """Rules in id order; `model = None` tells the schema generator there is no model behind them."""

    model = None


def all_rules() -> RuleList:
    """Every registered rule, by id (importing the rule package registers them if the app has not yet)."""
    if not len(registry) and not registry.frozen:
        importlib.import_module("tracker.conflicts.rules")
    return RuleList(registry)


class RuleSerializer(serializers.Serializer):
    """A rule as the public sees it."""

    id = serializers.CharField(help_text="Stable id, FAMILY-SUBJECT-NNN.")
    family = serializers.CharField()
    title = serializers.CharField()
    severity = serializers.ChoiceField(choices=Severity.choices, help_text="0 info … 40 critical.")
    severity_label = serializers.SerializerMethodField()
    legal_basis = serializers.CharField()
    question = serializers.CharField(help_text="The legal question a flag of this rule raises.")
    since = serializers.CharField(help_text="Release that introduced the rule.")
    status = serializers.ChoiceField(choices=RuleStatus.choices)

    def get_severity_label(self, rule: Rule) -> str:
        """The severity's name (e.g. S4 Critical)."""
        return Severity(rule.severity).label


class RuleFilters(serializers.Serializer):
    """Query parameters of the rule list."""

    family = serializers.ChoiceField(choices=FAMILIES, required=False)
    severity = serializers.ChoiceField(choices=Severity.choices, required=False)
    status = serializers.ChoiceField(choices=RuleStatus.choices, required=False)


RULE_ID = OpenApiParameter("id", OpenApiTypes.STR, OpenApiParameter.PATH, description="Rule id, e.g. FR-FED-001.")


@extend_schema_view(list=extend_schema(parameters=[RuleFilters]), retrieve=extend_schema(parameters=[RULE_ID]))
class RuleViewSet(StrictQueryMixin, viewsets.GenericViewSet):
    """The rules the engine runs."""

    permission_classes = [ReadAnyone]
    serializer_class = RuleSerializer
    lookup_field = "id"
    lookup_value_regex = r"[A-Za-z0-9-]+"

    def allowed_query_parameters(self) -> set[str]:
        """The filters, and paging, on the list."""
        if self.action != "list":
            return super().allowed_query_parameters()
        return {*super().allowed_query_parameters(), *RuleFilters().fields}

    def list(self, request: Request) -> Response:
        """Rules, filtered by family, severity or status."""
        filters = RuleFilters(data=request.query_params)
        filters.is_valid(raise_exception=True)
        wanted = filters.validated_data
        rules = [
            rule for rule in all_rules()
            if all(str(getattr(rule, name) if name != "family" else rule.family) == str(value)
                   for name, value in wanted.items())
        ]
        # Django's paginator pages any sequence; the stubs ask for a queryset.
        page: list[Rule] | None = self.paginate_queryset(rules)  # type: ignore[arg-type]
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request: Request, id: str) -> Response:
        """One rule."""
        found = next((rule for rule in all_rules() if rule.id == id), None)
        if found is None:
            raise NotFound(f"No rule has the id {id!r}.")
        return Response(self.get_serializer(found).data)

    def get_queryset(self) -> RuleList:  # type: ignore[override]  # for the schema generator only
        """Rules live in code, not in the database."""
        return all_rules()
