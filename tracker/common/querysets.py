"""Natural-key managers shared by fact models (fixtures and dataset restores use them), and the `any` lookup."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models.fields.related import ForeignObject
from django.db.models.fields.related_lookups import RelatedIn
from django.db.models.lookups import In


class _OneArray:
    """On PostgreSQL, a list of values as one array parameter (`= ANY(%s)`) rather than a placeholder each."""

    def as_postgresql(self, compiler: Any, connection: Any) -> tuple[str, tuple[Any, ...]]:
        """`lhs = ANY(%s)` with the values as one parameter; a subquery goes as `IN`."""
        if not self.rhs_is_direct_value():  # type: ignore[attr-defined]
            return self.as_sql(compiler, connection)  # type: ignore[attr-defined]
        lhs, lhs_params = self.process_lhs(compiler, connection)  # type: ignore[attr-defined]
        return f"{lhs} = ANY(%s)", (*lhs_params, [value for value in self.rhs if value is not None])  # type: ignore[attr-defined]


@models.Field.register_lookup
class AnyOf(_OneArray, In):
    """`field__any=[...]`: the rows of `field__in=[...]`. PostgreSQL gets the list as one array, so a query
    naming a state's hundreds of places is not hundreds of placeholders to build and parse on each request (they
    were a fifth of a state's flag list); other databases get `IN`."""

    lookup_name = "any"


@ForeignObject.register_lookup
class RelatedAnyOf(_OneArray, RelatedIn):
    """`relation__any=[...]` (or `relation_id__any`): `AnyOf` through a foreign key."""

    lookup_name = "any"


class KeyedQuerySet(models.QuerySet):
    """Rows whose natural key is one unique field named by the model's `NATURAL_KEY`."""

    def get_by_natural_key(self, *values: Any) -> Any:
        """The row with these natural-key values."""
        return self.get(**dict(zip(self.model.NATURAL_KEY, values, strict=True)))


KeyedManager = models.Manager.from_queryset(KeyedQuerySet)
