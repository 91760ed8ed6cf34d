"""Instruments (legal texts) and their provisions."""

from django.utils import timezone
from rest_framework import serializers

from tracker.api.serializers.common import ModelSerializer, RecordedWriteSerializer, SourceBriefSerializer
from tracker.laws.choices import Act, Condition, Technology
from tracker.laws.models import Instrument, InstrumentEvent, Provision, ProvisionException
from tracker.partnerships.choices import Purpose, Recipient
from tracker.places.models import Jurisdiction


class ProvisionBriefSerializer(ModelSerializer):
    """A provision listed inside its instrument."""

    class Meta:
        model = Provision
        fields = ["key", "type", "section", "summary", "binds", "federal_reach", "verified"]
        read_only_fields = fields


class ExceptionSerializer(ModelSerializer):
    """An exception to a provision."""

    class Meta:
        model = ProvisionException
        fields = ["kind", "quote"]
        read_only_fields = fields


class ProvisionSerializer(RecordedWriteSerializer):
    """One operative rule, with its exceptions and sources; editors write it."""

    instrument = serializers.SlugRelatedField(slug_field="key", queryset=Instrument.objects.all())
    bound_agencies: serializers.Field = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    acts = serializers.ListField(child=serializers.ChoiceField(Act.choices), required=False)
    technologies = serializers.ListField(child=serializers.ChoiceField(Technology.choices), required=False)
    conditions = serializers.ListField(child=serializers.ChoiceField(Condition.choices), required=False)
    barred_recipients = serializers.ListField(child=serializers.ChoiceField(Recipient.choices), required=False)
    barred_purposes = serializers.ListField(child=serializers.ChoiceField(Purpose.choices), required=False)
    exceptions = ExceptionSerializer(many=True, read_only=True)
    sources = SourceBriefSerializer(many=True, read_only=True)

    class Meta:
        model = Provision
        fields = [
            "key", "instrument", "type", "section", "summary", "quote", "binds", "bound_agencies", "acts",
            "technologies", "conditions", "barred_recipients", "barred_purposes", "federal_reach", "federal_reach_quote",
            "governs", "retention_days", "effective_on", "ends_on", "verified", "exceptions", "sources", "locked_fields", "source_keys", "change_reason",
        ]


class InstrumentEventSerializer(ModelSerializer):
    """A dated event in an instrument's life."""

    class Meta:
        model = InstrumentEvent
        fields = ["kind", "occurred_on", "description"]
        read_only_fields = fields


class InstrumentListSerializer(RecordedWriteSerializer):
    """A legal text as listed: where, what, status, dates, provisions and sources."""

    jurisdiction = serializers.SlugRelatedField(slug_field="ocd_id", queryset=Jurisdiction.objects.all())
    in_force: serializers.Field = serializers.SerializerMethodField(
        help_text="In force today, from its status and dates."
    )
    provisions = ProvisionBriefSerializer(many=True, read_only=True)
    sources = SourceBriefSerializer(many=True, read_only=True)

    class Meta:
        model = Instrument
        fields = [
            "key", "jurisdiction", "kind", "title", "citation", "number", "status", "in_force", "enacted_on",
            "effective_on", "sunset_on", "repealed_on", "url", "verified", "provisions", "sources",
            "locked_fields", "source_keys", "change_reason",
        ]

    def get_in_force(self, instrument: Instrument) -> bool:
        """Whether the text is in force today."""
        return instrument.is_in_force_on(timezone.localdate())


class InstrumentDetailSerializer(InstrumentListSerializer):
    """A legal text with its full text, events and doubts; editors write it."""

    events = InstrumentEventSerializer(many=True, read_only=True)

    class Meta(InstrumentListSerializer.Meta):
        fields = [
            *InstrumentListSerializer.Meta.fields[:-4], "enacting_body", "introduced_on", "text", "doubt", "checked_on",
            "events",
            "sources", "locked_fields", "source_keys", "change_reason",
        ]

