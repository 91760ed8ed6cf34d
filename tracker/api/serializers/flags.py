"""Flags: public fields for everyone; assignee, notes and the review trail for reviewers only."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from tracker.api.serializers.common import ModelSerializer, related_slug
from tracker.api.serializers.places import AgencyBriefSerializer
from tracker.common import roles
from tracker.conflicts.choices import Severity
from tracker.conflicts.models import Flag, FlagEvent, FlagNote


@extend_schema_field({"type": "string", "nullable": True})
class PrivateUsernameField(serializers.Field):
    """A user's name, shown to reviewers only (tracker.common.roles decides); null otherwise."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(read_only=True, **kwargs)

    def get_attribute(self, instance: Any) -> Any:
        """Withhold the user unless the requester may see private data."""
        request = self.context.get("request")
        if not roles.can_see_private(getattr(request, "user", None)):
            return None
        return super().get_attribute(instance)

    def to_representation(self, value: Any) -> str:
        """The username."""
        return value.get_username()


class FlagSerializer(ModelSerializer):
    """A flag as listed."""

    jurisdiction = related_slug("ocd_id")
    agency = AgencyBriefSerializer(read_only=True, allow_null=True)
    provision = related_slug("key", allow_null=True)
    other_provision = related_slug("key", allow_null=True)
    arrangement = related_slug("key", allow_null=True)
    severity = serializers.ChoiceField(choices=Severity.choices, read_only=True)
    assignee = PrivateUsernameField(allow_null=True)

    class Meta:
        model = Flag
        fields = [
            "id", "rule_id", "severity", "status", "jurisdiction", "agency", "provision", "other_provision",
            "partnership", "deployment", "arrangement", "relation", "federal_reach", "verified", "explanation", "question",
            "as_of", "first_seen_at", "last_seen_at", "version", "assignee",
        ]
        read_only_fields = fields


class FlagDetailSerializer(FlagSerializer):
    """A flag with how the agency is involved and its evidence."""

    evidence = serializers.JSONField(read_only=True)

    class Meta(FlagSerializer.Meta):
        fields = [*FlagSerializer.Meta.fields, "relation_how", "evidence"]
        read_only_fields = fields


class FlagEventSerializer(ModelSerializer):
    """One step of the review trail."""

    by = related_slug("username")

    class Meta:
        model = FlagEvent
        fields = ["at", "by", "from_status", "to_status", "reason"]
        read_only_fields = fields


class FlagNoteSerializer(ModelSerializer):
    """A reviewer's private note."""

    author = related_slug("username")

    class Meta:
        model = FlagNote
        fields = ["id", "author", "at", "text"]
        read_only_fields = fields


