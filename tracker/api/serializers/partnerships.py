"""Federal programs, partnerships, deployments, data-sharing arrangements and approvals."""

from rest_framework import serializers

from tracker.api.serializers.common import (
    ModelSerializer,
    PrivateTextField,
    RecordedWriteSerializer,
    SourceBriefSerializer,
    related_slug,
)
from tracker.api.serializers.places import AgencyBriefSerializer
from tracker.laws.choices import Technology
from tracker.partnerships.choices import Purpose, Recipient
from tracker.partnerships.models import (
    Approval,
    Capability,
    FederalProgram,
    Partnership,
    SharingArrangement,
    SharingEvent,
    TechnologyDeployment,
)
from tracker.places.models import Agency


class CapabilitySerializer(ModelSerializer):
    """What a program brings to the officers in it."""

    sources = SourceBriefSerializer(many=True, read_only=True)

    class Meta:
        model = Capability
        fields = ["key", "kind", "name", "description", "records_searched", "retention_days", "verified", "sources"]
        read_only_fields = fields


class ProgramSerializer(ModelSerializer):
    """A federal program and its capabilities."""

    capabilities = CapabilitySerializer(many=True, read_only=True)
    sources = SourceBriefSerializer(many=True, read_only=True)

    class Meta:
        model = FederalProgram
        fields = ["code", "name", "kind", "federal_agency", "description", "capabilities", "sources"]
        read_only_fields = fields


class PartnershipSerializer(RecordedWriteSerializer):
    """An agency's agreement with a program; editors write it; the review note is for reviewers only."""

    agency = AgencyBriefSerializer(read_only=True)
    agency_id = serializers.PrimaryKeyRelatedField(
        source="agency", queryset=Agency.objects.all(), write_only=True, help_text="The agency's id."
    )
    program = serializers.SlugRelatedField(slug_field="code", queryset=FederalProgram.objects.all())
    review_note = PrivateTextField()
    sources = SourceBriefSerializer(many=True, read_only=True)

    class Meta:
        model = Partnership
        fields = [
            "id", "agency", "agency_id", "program", "status", "signed_on", "signed_raw", "ended_on", "moa_url",
            "addendum_url", "first_seen_on", "last_seen_on", "needs_review", "review_note", "sources",
            "locked_fields", "source_keys", "change_reason",
        ]
        read_only_fields = ["first_seen_on", "last_seen_on"]


class DeploymentSerializer(RecordedWriteSerializer):
    """An agency's use of a surveillance technology; editors write it."""

    agency = AgencyBriefSerializer(read_only=True)
    agency_id = serializers.PrimaryKeyRelatedField(
        source="agency", queryset=Agency.objects.all(), write_only=True, help_text="The agency's id."
    )
    sources = SourceBriefSerializer(many=True, read_only=True)

    class Meta:
        model = TechnologyDeployment
        fields = [
            "id", "agency", "agency_id", "technology", "vendor", "summary", "atlas_id", "reported_on", "verified",
            "sources", "locked_fields", "source_keys", "change_reason",
        ]


class SharingEventBriefSerializer(ModelSerializer):
    """An event as listed under its arrangement."""

    sources = SourceBriefSerializer(many=True, read_only=True)

    class Meta:
        model = SharingEvent
        fields = ["id", "kind", "occurred_on", "description", "verified", "sources"]
        read_only_fields = fields


class SharingArrangementSerializer(RecordedWriteSerializer):
    """An agency's data-sharing arrangement, reported (◐) or verified (✅), with its events; editors write it."""

    agency = AgencyBriefSerializer(read_only=True)
    agency_id = serializers.PrimaryKeyRelatedField(
        source="agency", queryset=Agency.objects.all(), write_only=True, help_text="The agency's id."
    )
    recipients = serializers.ListField(child=serializers.ChoiceField(Recipient.choices), required=False)
    purposes = serializers.ListField(child=serializers.ChoiceField(Purpose.choices), required=False)
    events = SharingEventBriefSerializer(many=True, read_only=True)
    sources = SourceBriefSerializer(many=True, read_only=True)

    class Meta:
        model = SharingArrangement
        fields = [
            "id", "key", "agency", "agency_id", "kind", "technology", "vendor", "recipients", "purposes",
            "first_evidence_on", "ended_on", "summary", "verified", "doubt", "events", "sources", "locked_fields",
            "source_keys", "change_reason",
        ]


class SharingEventSerializer(RecordedWriteSerializer):
    """A dated, sourced event of an arrangement; editors write it."""

    arrangement = serializers.SlugRelatedField(slug_field="key", queryset=SharingArrangement.objects.all())
    sources = SourceBriefSerializer(many=True, read_only=True)

    class Meta:
        model = SharingEvent
        fields = [
            "id", "arrangement", "kind", "occurred_on", "description", "verified", "sources", "locked_fields",
            "source_keys", "change_reason",
        ]


class ApprovalSerializer(ModelSerializer):
    """A governing body's recorded approval."""

    jurisdiction = related_slug("ocd_id")
    arrangement = related_slug("key", allow_null=True)
    technology = serializers.ChoiceField(choices=Technology.choices, allow_blank=True, read_only=True)
    sources = SourceBriefSerializer(many=True, read_only=True)

    class Meta:
        model = Approval
        fields = [
            "id", "jurisdiction", "body", "partnership", "deployment", "arrangement", "technology", "decided_on", "vote",
            "url", "sources",
        ]
        read_only_fields = fields
