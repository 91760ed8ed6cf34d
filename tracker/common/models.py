"""Abstract bases shared by every fact model."""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords


class TimeStamped(models.Model):
    """When a row was created and last changed (history keeps the detail)."""

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Set before a save; simple-history writes them on the history row: why, and who.
    _change_reason: str
    _history_user: Any

    class Meta:
        abstract = True


class Fact(TimeStamped):
    """A sourced, versioned fact: every change is kept with who, when and why.

    `sources` is the evidence: a fact without at least one Source is not a fact (the fixtures
    test and the services enforce it). `locked_fields` names fields a person corrected by hand,
    which importers must not overwrite.
    """

    sources = models.ManyToManyField(
        "sources.Source",
        related_name="%(app_label)s_%(class)s_set",
        blank=True,
        help_text="The evidence for this fact.",
    )
    locked_fields = models.JSONField(
        default=list,
        blank=True,
        help_text="Fields corrected by hand; importers leave them alone.",
    )
    history = HistoricalRecords(inherit=True, m2m_fields=[sources])

    class Meta:
        abstract = True

    @classmethod
    def lockable_fields(cls) -> frozenset[str]:
        """Names a person may lock: the fact's own editable fields and its sources."""
        names = {
            f.name for f in cls._meta.get_fields()
            if getattr(f, "editable", False) and getattr(f, "concrete", False) and not getattr(f, "primary_key", False)
            and not f.auto_created and f.name not in ("locked_fields", "created_at", "updated_at")
        }
        return frozenset(names)

    def set_unlocked(self, values: Mapping[str, Any]) -> tuple[list[str], list[str]]:
        """`set_unlocked` on this fact."""
        return set_unlocked(self, values)

    def clean(self) -> None:
        """A lock names real fields only: a typo would protect nothing and say it did."""
        super().clean()
        unknown = sorted(set(self.locked_fields or []) - self.lockable_fields())
        if not isinstance(self.locked_fields, list) or unknown:
            raise ValidationError(
                {"locked_fields": f"Not lockable on {self._meta.verbose_name}: {', '.join(unknown) or 'not a list'}."}
            )


def set_unlocked(obj: models.Model, values: Mapping[str, Any]) -> tuple[list[str], list[str]]:
    """Set each value (keyed by field name or attname) that differs from the stored one, unless a person
    locked that field: the one compare-and-set of every machine writer (seeding, importers); a row that is not
    a Fact has no locks. Returns the keys changed and the keys a lock held back, in the order given."""
    locked = set(getattr(obj, "locked_fields", None) or [])
    changed, held = [], []
    for key, value in values.items():
        if getattr(obj, key) == value:
            continue
        if obj._meta.get_field(key).name in locked:
            held.append(key)
            continue
        setattr(obj, key, value)
        changed.append(key)
    return changed, held


def check_vocabulary(value: object, allowed: list[str], field: str) -> None:
    """Raise a ValidationError on `field` unless the value is a list of codes from `allowed`."""
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValidationError({field: "Must be a list of codes."})
    unknown = sorted(set(value) - set(allowed))
    if unknown:
        raise ValidationError({field: f"Unknown value(s): {', '.join(unknown)}. Allowed: {', '.join(allowed)}."})
