"""Set-based writes of facts with their history: decide in memory, then write each kind of change at once.

`FactBatch` collects the rows an import creates and the fields it changes, then writes them with a
constant number of statements: one bulk insert, one bulk update, one insert of source links, and the
history rows (one per created or changed fact, with the import's change reason, and the snapshot of
its sources, as simple-history would write them one by one). Hand-locked fields are never set.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldError, ValidationError
from django.db import connection, models
from django.utils import timezone

from tracker.common.models import Fact
from tracker.sources.models import Source

Invalid = Callable[[ValidationError, int | None], Exception]
#: Not re-validated: foreign keys (the database checks them) and derived keys.
NOT_CLEANED = (
    "agency",
    "program",
    "first_seen_in",
    "last_seen_in",
    "ended_in",
    "application",
    "state",
    "home",
    "name_key",
)


def column(model: type[models.Model], name: str) -> models.Field[Any, Any]:
    """The model's field stored in a column of its own table, by name or attribute name."""
    field = model._meta.get_field(name)
    if not isinstance(field, models.Field) or not field.concrete:
        raise FieldError(f"{model.__name__}.{name} is not a column of its table.")
    return field


def update_rows(model: type[models.Model], objs: list[Any], names: Iterable[str]) -> None:
    """Write these fields of these rows with one prepared UPDATE executed for the whole list.

    Django's `bulk_update` builds a CASE expression per field over each batch, which costs seconds
    for a few thousand rows; one statement run with many parameter sets costs milliseconds.
    """
    if not objs:
        return
    fields = list({f.column: f for f in (column(model, name) for name in sorted(names))}.values())
    quote = connection.ops.quote_name
    pk = model._meta.pk
    assert pk is not None  # noqa: S101
    assignments = ", ".join(f"{quote(f.column)} = %s" for f in fields)
    sql = f"UPDATE {quote(model._meta.db_table)} SET {assignments} WHERE {quote(pk.column)} = %s"  # noqa: S608
    params = [[f.get_db_prep_save(getattr(obj, f.attname), connection) for f in fields] + [obj.pk] for obj in objs]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


class FactBatch:
    """Creations and changes of one fact model, written together by `flush`."""

    def __init__(self, model: type[Fact], *, reason: str, source: Source, on_invalid: Invalid) -> None:
        self.model, self.reason, self.source, self.on_invalid = model, reason, source, on_invalid
        self.created: list[Any] = []
        self.changed: dict[int, Any] = {}
        self.fields: set[str] = set()
        self.rows: dict[int, int | None] = {}
        self.citing: dict[int, Any] = {}
        self.links: list[tuple[Any, str, Any]] = []
        self.field = model._meta.model_name
        self.cited = set(
            model.sources.through._default_manager.filter(source=source).values_list(f"{self.field}_id", flat=True)
        )

    def create(self, obj: Any, *, row: int | None = None) -> Any:
        """Insert this new row at flush, citing the source."""
        self.created.append(obj)
        self.rows[id(obj)] = row
        return obj

    def set(self, obj: Any, values: dict[str, Any], *, row: int | None = None) -> bool:
        """Set the values that differ, leaving hand-locked fields alone; True if anything changed."""
        changed, _ = obj.set_unlocked(values)
        if changed and obj.pk is not None:
            self.fields.update(changed)
            self.changed[obj.pk] = obj
        if changed:
            self.rows.setdefault(id(obj), row)
        return bool(changed)

    def link_later(self, obj: Any, field: str, target: Any) -> None:
        """Set `obj.<field>` to `target`'s key once `target` has been inserted."""
        self.links.append((obj, field, target))

    def cite(self, obj: Any) -> None:
        """Add the source to an existing row's evidence (new rows always cite it)."""
        if obj.pk is not None and obj.pk not in self.cited:
            self.citing[obj.pk] = obj
            self.cited.add(obj.pk)

    def flush(self) -> None:
        """Validate, then write everything collected, with one history row per created or changed fact."""
        for obj in [*self.created, *self.changed.values()]:
            try:
                obj.full_clean(exclude=NOT_CLEANED, validate_unique=False, validate_constraints=False)
            except ValidationError as exc:
                raise self.on_invalid(exc, self.rows.get(id(obj))) from exc
        created = self.model._default_manager.bulk_create(self.created, batch_size=500)
        for obj, field, target in self.links:
            self.set(obj, {field: target.pk})
        if self.changed and self.fields:
            now = timezone.now()
            for obj in self.changed.values():
                obj.updated_at = now
            update_rows(self.model, list(self.changed.values()), {*self.fields, "updated_at"})
        through = self.model.sources.through
        new_links = [*created, *self.citing.values()]
        through._default_manager.bulk_create(
            [through(**{f"{self.field}_id": obj.pk, "source_id": self.source.pk}) for obj in new_links],
            batch_size=500,
        )
        updated = {**self.changed, **self.citing}
        self._history(created, "+")
        self._history([o for pk, o in updated.items() if pk not in {c.pk for c in created}], "~")

    def _history(self, objs: Iterable[Any], history_type: str) -> None:
        objs = list(objs)
        if not objs:
            return
        history = self.model.history.model
        now = timezone.now()
        tracked = history.tracked_fields
        rows = history.objects.bulk_create(
            [
                history(
                    history_date=now,
                    history_type=history_type,
                    history_change_reason=self.reason,
                    history_user=None,
                    **{f.attname: getattr(obj, f.attname) for f in tracked},
                )
                for obj in objs
            ],
            batch_size=500,
        )
        self._m2m_history(rows, [obj.pk for obj in objs])

    def _m2m_history(self, rows: list[Any], pks: list[int]) -> None:
        """The sources each fact cites, as of its new history row."""
        through = self.model.sources.through
        links: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for start in range(0, len(pks), 900):
            for link_id, fact_id, source_id in through._default_manager.filter(
                **{f"{self.field}_id__in": pks[start : start + 900]}
            ).values_list("id", f"{self.field}_id", "source_id"):
                links[fact_id].append((link_id, source_id))
        m2m = apps.get_model(self.model._meta.app_label, f"Historical{self.model.__name__}_sources")
        m2m._default_manager.bulk_create(
            [
                m2m(id=link_id, history_id=row.pk, source_id=source_id, **{f"{self.field}_id": pk})
                for row, pk in zip(rows, pks, strict=True)
                for link_id, source_id in links[pk]
            ],
            batch_size=500,
        )
