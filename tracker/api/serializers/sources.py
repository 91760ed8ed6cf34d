"""Sources: the citations every fact rests on."""

from rest_framework import serializers

from tracker.api.serializers.common import DEFAULT_CHANGE_REASON, ModelSerializer
from tracker.conflicts.services import fact_write
from tracker.sources.models import Source


class SourceSerializer(ModelSerializer):
    """A source with its quote; editors create and correct sources, recorded in the history."""

    change_reason = serializers.CharField(
        write_only=True, required=False, max_length=100, help_text="Why the change is made (kept in the history)."
    )

    class Meta:
        model = Source
        fields = [
            "key", "url", "title", "publisher", "kind", "published_on", "accessed_on", "archive_url", "quote",
            "created_at", "updated_at", "change_reason",
        ]
        read_only_fields = ["created_at", "updated_at"]

    def create(self, validated_data: dict) -> Source:
        """Create, recorded with user and reason (`fact_write`)."""
        reason = validated_data.pop("change_reason", "") or DEFAULT_CHANGE_REASON
        instance = Source(**validated_data)
        fact_write(instance, by=getattr(self.context.get("request"), "user", None), reason=reason, save=instance.save)
        return instance

    def update(self, instance: Source, validated_data: dict) -> Source:
        """Update, recorded with user and reason; what the facts citing it show changes with it."""
        reason = validated_data.pop("change_reason", "") or DEFAULT_CHANGE_REASON
        return fact_write(instance, by=getattr(self.context.get("request"), "user", None), reason=reason,
                          save=lambda: super(SourceSerializer, self).update(instance, validated_data))
