"""Natural-key managers shared by fact models (fixtures and dataset restores use them)."""

from __future__ import annotations

from typing import Any

from django.db import models


class KeyedQuerySet(models.QuerySet):
    """Rows whose natural key is one unique field named by the model's `NATURAL_KEY`."""

    def get_by_natural_key(self, *values: Any) -> Any:
        """The row with these natural-key values."""
        return self.get(**dict(zip(self.model.NATURAL_KEY, values, strict=True)))


KeyedManager = models.Manager.from_queryset(KeyedQuerySet)
