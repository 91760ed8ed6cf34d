"""Shared serializer parts: sources shown on every fact, private fields, recorded writes."""

from __future__ import annotations

import copy
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from rest_framework import serializers

from tracker.common import roles
from tracker.common.models import Fact
from tracker.conflicts.services import fact_write
from tracker.sources.models import Source

#: The history's reason when an API write gives none (the admin requires one).
DEFAULT_CHANGE_REASON = "Changed through the API"



class ModelSerializer(serializers.ModelSerializer):
    """DRF's model serializer, its fields built once per class: each instance binds a deep copy of them, as DRF
    does with declared fields (building them from the model again on every request cost a dossier a fifth of its
    serialization)."""

    _built: dict[type, dict[str, serializers.Field]] = {}

    def get_fields(self) -> dict[str, serializers.Field]:
        """A fresh copy of the fields this class builds."""
        built = ModelSerializer._built.get(type(self))
        if built is None:
            built = ModelSerializer._built.setdefault(type(self), super().get_fields())
        return copy.deepcopy(built)


def related_slug(slug_field: str, *, many: bool = False, allow_null: bool = False) -> serializers.Field:
    """A related row shown by one of its unique fields (OCD id, key, username), read-only."""
    return serializers.SlugRelatedField(slug_field=slug_field, read_only=True, many=many, allow_null=allow_null)


class SourceBriefSerializer(ModelSerializer):
    """A source as shown under the fact it supports."""

    class Meta:
        model = Source
        fields = ["key", "url", "title", "publisher", "kind", "published_on", "accessed_on", "archive_url"]
        read_only_fields = fields


class PrivateTextField(serializers.CharField):
    """Text only reviewers may read (tracker.common.roles decides); null for everyone else."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(read_only=True, allow_null=True, **kwargs)

    def get_attribute(self, instance: Any) -> Any:
        """Withhold the value unless the requesting user may see private data."""
        request = self.context.get("request")
        if not roles.can_see_private(getattr(request, "user", None)):
            return None
        return super().get_attribute(instance)


class RecordedWriteSerializer(ModelSerializer):
    """A writable fact: each save is checked against the model's constraints and recorded with user and reason."""

    change_reason = serializers.CharField(
        write_only=True, required=False, max_length=100, help_text="Why the change is made (kept in the history)."
    )
    source_keys = serializers.SlugRelatedField(
        slug_field="key", queryset=Source.objects.all(), many=True, write_only=True, required=False,
        source="sources", help_text="Keys of the sources that support this fact (replaces the list).",
    )

    locked_fields = serializers.ListField(
        child=serializers.CharField(max_length=100), required=False,
        help_text="Fields corrected by hand: seeding and importers never overwrite them (the list replaces the stored one).",
    )

    def _model(self) -> type[Fact]:
        model: type[Fact] = self.Meta.model
        return model

    def validate_locked_fields(self, value: list[str]) -> list[str]:
        """Only the fact's own fields can be locked; an unknown name is refused, never silently ignored."""
        unknown = sorted(set(value) - self._model().lockable_fields())
        if unknown:
            raise serializers.ValidationError(f"Not lockable: {', '.join(unknown)}.")
        return sorted(set(value))

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        """Run the model's database constraints here, so a violation is a 400 and never an IntegrityError."""
        model = self._model()
        plain = {
            key: value for key, value in attrs.items()
            if key not in ("change_reason", "sources") and not isinstance(model._meta.get_field(key), models.ManyToManyField)
        }
        probe = copy.copy(self.instance) if self.instance is not None else model()
        for key, value in plain.items():
            setattr(probe, key, value)
        try:
            probe.validate_constraints()
        except DjangoValidationError as error:
            raise serializers.ValidationError(serializers.as_serializer_error(error)) from error
        return attrs

    def _by(self) -> Any:
        return getattr(self.context.get("request"), "user", None)

    def create(self, validated_data: dict[str, Any]) -> Any:
        """Create the row and its source links, as one recorded write (`fact_write`)."""
        reason = validated_data.pop("change_reason", "") or DEFAULT_CHANGE_REASON
        sources = validated_data.pop("sources", None)
        instance = self._model()(**validated_data)

        def save() -> None:
            instance.save()
            if sources is not None:
                instance.sources.set(sources)

        fact_write(instance, by=self._by(), reason=reason, save=save)
        return instance

    def update(self, instance: Any, validated_data: dict[str, Any]) -> Any:
        """Update the row (and its source links when given), as one recorded write (`fact_write`)."""
        reason = validated_data.pop("change_reason", "") or DEFAULT_CHANGE_REASON
        return fact_write(instance, by=self._by(), reason=reason,
                          save=lambda: super(RecordedWriteSerializer, self).update(instance, validated_data))
