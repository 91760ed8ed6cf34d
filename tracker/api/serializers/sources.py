"""Sources: the citations every fact rests on."""

from django.db import transaction
from rest_framework import serializers

from tracker.api.serializers.common import DEFAULT_CHANGE_REASON
from tracker.conflicts.services import fact_saved
from tracker.sources.models import Source


class SourceSerializer(serializers.ModelSerializer):
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

    def _stamp(self, instance: Source, reason: str) -> Source:
        request = self.context.get("request")
        instance._change_reason = reason or DEFAULT_CHANGE_REASON
        if request is not None and request.user.is_authenticated:
            instance._history_user = request.user
        return instance

    @transaction.atomic
    def create(self, validated_data: dict) -> Source:
        """Create, recorded with user and reason."""
        reason = validated_data.pop("change_reason", "")
        instance = self._stamp(Source(**validated_data), reason)
        instance.save()
        fact_saved(fact=instance)
        return instance

    @transaction.atomic
    def update(self, instance: Source, validated_data: dict) -> Source:
        """Update, recorded with user and reason; what the facts citing it show changes with it."""
        self._stamp(instance, validated_data.pop("change_reason", ""))
        instance = super().update(instance, validated_data)
        fact_saved(fact=instance)
        return instance
