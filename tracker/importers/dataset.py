"""Rows in bulk: write facts with their history, and export or restore the whole dataset.

Importers write thousands of rows; `facts_bulk_create` / `facts_bulk_update` insert them in
batches together with their simple-history rows (and the history of their source links), a
constant number of queries per batch.

`dataset_export` writes one CSV per table of the domain apps (facts, their source links, their
history, the import log) and a JSON bundle with the same rows, a manifest of row counts and a
hash per table. `dataset_restore` loads the CSVs into an empty database with raw inserts (so
`auto_now` stamps are kept) and checks every table's hash against the manifest. The backup is
lossless: no CSV-injection escaping; NULL is written `\\N` and a text starting with a backslash
gets one more.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management.color import no_style
from django.db import DatabaseError, connection, models, transaction
from django.utils import timezone

from tracker.common import public_cache
from tracker.common.models import Fact
from tracker.importers.base import ImporterError
from tracker.importers.files import read_rows, read_text
from tracker.sources.models import Source

BATCH = 500
DATASET_APPS = ("sources", "places", "laws", "partnerships", "conflicts", "importers")
MANIFEST = "dataset.json"
#: Work queues, not facts: the sweep outbox is neither backed up nor part of a table fingerprint.
OPERATIONAL = {"conflicts.pendingsweep"}
NULL = "\\N"
MAX_TABLE_BYTES = 512 * 1024 * 1024
MAX_MANIFEST_BYTES = 512 * 1024 * 1024


# --- bulk writes with history -------------------------------------------------------------


def _history_m2m_model(model: type[models.Model]) -> type[models.Model] | None:
    try:
        return apps.get_model(model._meta.app_label, f"Historical{model.__name__}_sources")
    except LookupError:
        return None


Links = Sequence[Iterable[tuple[int, int]]]


def _history_write(
    model: type[Fact | Source], objs: Sequence[models.Model], reason: str, *, update: bool, links: Links | None
) -> None:
    rows = model.history.bulk_history_create(
        objs, batch_size=BATCH, update=update, default_change_reason=reason, default_date=timezone.now()
    )
    m2m = _history_m2m_model(model)
    if links is None or m2m is None or rows is None:
        return
    m2m._default_manager.bulk_create(
        [m2m(history_id=h.pk, id=link_id, source_id=source_id, **{f"{model._meta.model_name}_id": o.pk})
         for h, o, pairs in zip(rows, objs, links, strict=True) for link_id, source_id in sorted(pairs)],
        batch_size=BATCH,
    )


def source_links_add(*, model: type[Fact], pairs: Iterable[tuple[int, int]]) -> list[Any]:
    """Link (object id, source id) pairs through the model's `sources` table; return the link rows."""
    through = model.sources.through
    field = f"{model._meta.model_name}_id"
    rows = [through(source_id=s, **{field: o}) for o, s in pairs]
    return through._default_manager.bulk_create(rows, batch_size=BATCH) if rows else []


def facts_bulk_create(
    *, model: type[Fact | Source], objs: list[Any], reason: str, sources: Sequence[Iterable[int]] | None = None
) -> list[Any]:
    """Insert new rows, their source links and '+' history rows (links included), in batches."""
    if not objs:
        return []
    created = model._default_manager.bulk_create(objs, batch_size=BATCH)
    links = None
    if sources is not None:
        if not issubclass(model, Fact):
            raise TypeError(f"{model.__name__} rows cite no sources.")
        field = f"{model._meta.model_name}_id"
        rows = source_links_add(model=model, pairs=[(o.pk, s) for o, ids in zip(created, sources, strict=True)
                                                    for s in ids])
        by_object: dict[int, list[tuple[int, int]]] = {}
        for row in rows:
            by_object.setdefault(getattr(row, field), []).append((row.pk, row.source_id))
        links = [by_object.get(o.pk, []) for o in created]
    _history_write(model, created, reason, update=False, links=links)
    return created


def facts_bulk_update(
    *, model: type[Fact | Source], objs: list[Any], fields: list[str], reason: str, links: Links | None = None
) -> None:
    """Save changed fields of existing rows and write '~' history rows with their current (link id, source id)s."""
    if not objs:
        return
    now = timezone.now()
    for obj in objs:
        obj.updated_at = now
    model._default_manager.bulk_update(objs, sorted({*fields, "updated_at"}), batch_size=BATCH)
    _history_write(model, objs, reason, update=True, links=links)


# --- export and restore ---------------------------------------------------------------------


def dataset_models() -> list[type[models.Model]]:
    """Every table of the domain apps (with M2M and history tables), parents before children."""
    found = [
        m for label in DATASET_APPS if label in apps.app_configs
        for m in apps.get_app_config(label).get_models(include_auto_created=True)
        if m._meta.label_lower not in OPERATIONAL
    ]
    ordered: list[type[models.Model]] = []
    pending = list(found)
    while pending:
        for model in pending:
            parents = {f.related_model for f in model._meta.concrete_fields if f.is_relation and f.related_model}
            if not (parents & set(pending)) - {model}:
                break
        else:  # a cycle: constraints are deferred to commit, so any order then works
            model = pending[0]
        ordered.append(model)
        pending.remove(model)
    return ordered


def _encode(field: models.Field[Any, Any], value: Any) -> str:
    if value is None:
        return NULL
    if isinstance(field, models.JSONField):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.date | datetime.datetime | datetime.time):
        return value.isoformat()
    text = str(value)
    return "\\" + text if text.startswith("\\") else text


def _decode(field: models.Field[Any, Any], text: str) -> Any:
    if text == NULL:
        return None
    text = text.removeprefix("\\")
    kind = field.target_field.get_internal_type() if isinstance(field, models.ForeignKey) else field.get_internal_type()
    decoders: dict[str, Callable[[str], Any]] = {
        "JSONField": json.loads, "BooleanField": lambda t: t == "true", "DateField": datetime.date.fromisoformat,
        "DateTimeField": datetime.datetime.fromisoformat, "TimeField": datetime.time.fromisoformat,
        "DecimalField": Decimal, "FloatField": float,
    }
    if kind in decoders:
        return decoders[kind](text)
    if kind.endswith(("IntegerField", "AutoField")):
        return int(text)
    return text


def _table_rows(model: type[models.Model]) -> Iterable[list[str]]:
    fields = model._meta.concrete_fields
    names = [f.attname for f in fields]
    for values in model._default_manager.order_by("pk").values_list(*names).iterator(chunk_size=2000):
        yield [_encode(f, v) for f, v in zip(fields, values, strict=True)]


def table_hash(model: type[models.Model]) -> tuple[int, str]:
    """(row count, SHA-256 of the rows in pk order, as encoded for the backup)."""
    digest, count = hashlib.sha256(), 0
    for row in _table_rows(model):
        digest.update("\x1f".join(row).encode() + b"\x1e")
        count += 1
    return count, digest.hexdigest()


def dataset_export(*, directory: Path) -> dict[str, int]:
    """Write one CSV per table and the JSON bundle; return the row count per table."""
    directory.mkdir(parents=True, exist_ok=True)
    bundle: dict[str, Any] = {"format": "lookout-dataset", "version": 1, "exported_at": timezone.now().isoformat(),
                              "tables": {}}
    counts: dict[str, int] = {}
    with transaction.atomic():  # one consistent snapshot of every table
        for model in dataset_models():
            label = model._meta.label_lower
            columns = [f.attname for f in model._meta.concrete_fields]
            rows = list(_table_rows(model))
            with (directory / f"{label}.csv").open("w", encoding="utf-8", newline="") as handle:
                writer = csv.writer(handle, lineterminator="\n")
                writer.writerow(columns)
                writer.writerows(rows)
            count, digest = table_hash(model)
            bundle["tables"][label] = {"file": f"{label}.csv", "columns": columns, "rows": rows,
                                       "count": count, "sha256": digest}
            counts[label] = count
    (directory / MANIFEST).write_text(json.dumps(bundle, ensure_ascii=False), encoding="utf-8")
    return counts


def _read_table(path: Path, columns: list[str]) -> list[list[str]]:
    if not path.is_file():
        raise ImporterError("file not found", file=path)
    # Our own backup: long texts are legitimate, so a field may be as long as the file.
    rows = read_rows(path, encoding="utf-8", field_limit=MAX_TABLE_BYTES, limit=MAX_TABLE_BYTES)
    header = next(rows, (1, None))[1]
    if header != columns:
        raise ImporterError(f"header {header} does not match the manifest's {columns}", file=path, row=1)
    out = []
    for line, row in rows:
        if len(row) != len(columns):
            raise ImporterError(f"{len(row)} fields, expected {len(columns)}", file=path, row=line)
        out.append(row)
    return out


def _manifest(path: Path) -> dict[str, dict[str, Any]]:
    """The manifest's tables, checked for shape and for file names that stay inside the bundle."""
    try:
        tables = json.loads(read_text(path, encoding="utf-8", limit=MAX_MANIFEST_BYTES))["tables"]
    except (ValueError, KeyError, TypeError, RecursionError) as exc:
        raise ImporterError(f"not a dataset bundle: {type(exc).__name__}: {exc}", file=path) from exc
    if not isinstance(tables, dict):
        raise ImporterError("not a dataset bundle: 'tables' is not an object", file=path)
    for label, entry in tables.items():
        shape_ok = isinstance(entry, dict) and isinstance(entry.get("file"), str) and isinstance(
            entry.get("columns"), list) and isinstance(entry.get("count"), int) and isinstance(entry.get("sha256"), str)
        if not shape_ok:
            raise ImporterError(f"the entry of {label!r} lacks file, columns, count or sha256", file=path)
        if Path(entry["file"]).name != entry["file"] or entry["file"] in ("", ".", ".."):
            raise ImporterError(f"the file of {label!r} must be a plain name in the bundle: {entry['file']!r}",
                                file=path)
    return tables


def _user_ids() -> set[int]:
    model = apps.get_model(settings.AUTH_USER_MODEL)
    return set(model._default_manager.values_list("pk", flat=True))


def _insert(model: type[models.Model], rows: list[list[str]], path: Path, users: set[int]) -> int:
    fields = model._meta.concrete_fields
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    table, quote = model._meta.db_table, connection.ops.quote_name
    sql = (f"INSERT INTO {quote(table)} ({', '.join(quote(f.column) for f in fields)}) "  # noqa: S608
           f"VALUES ({', '.join(['%s'] * len(fields))})")
    dropped = 0
    values = []
    for number, row in enumerate(rows, start=2):
        prepared = []
        for field, text in zip(fields, row, strict=True):
            try:
                value = _decode(field, text)
                prepared.append(field.get_db_prep_save(value, connection))
            except (ValueError, ArithmeticError, TypeError, RecursionError) as exc:
                raise ImporterError(f"cannot read {text!r}: {exc}", file=path, row=number, column=field.attname) from exc
            if field.is_relation and field.related_model is user_model and value is not None and value not in users:
                value, dropped = None, dropped + 1  # users are not part of the dataset
                prepared[-1] = field.get_db_prep_save(value, connection)
        values.append(prepared)
    try:
        with connection.cursor() as cursor:
            for start in range(0, len(values), BATCH):
                cursor.executemany(sql, values[start : start + BATCH])
    except (DatabaseError, ValueError, TypeError, OverflowError) as exc:
        # The enclosing atomic() rolls back every table restored so far.
        raise ImporterError(f"the database refused a row: {type(exc).__name__}: {exc}", file=path) from exc
    return dropped


def dataset_restore(*, directory: Path) -> dict[str, int]:
    """Load an export into an empty database, atomically, and verify every table's hash."""
    manifest_path = directory / MANIFEST
    if not manifest_path.is_file():
        raise ImporterError("file not found", file=manifest_path)
    tables = _manifest(manifest_path)
    targets = dataset_models()
    busy = [m._meta.label_lower for m in targets if m._default_manager.exists()]
    if busy:
        raise ImporterError(f"the database is not empty ({', '.join(busy[:5])} have rows); restore needs an empty one",
                            file=directory)
    unknown = sorted(set(tables) - {m._meta.label_lower for m in targets})
    if unknown:
        raise ImporterError(f"tables this version does not have: {', '.join(unknown)}", file=manifest_path)
    counts, users = {}, _user_ids()
    with transaction.atomic():
        for model in targets:
            label = model._meta.label_lower
            if label not in tables:
                continue
            columns = [f.attname for f in model._meta.concrete_fields]
            if tables[label]["columns"] != columns:
                raise ImporterError(f"columns of {label} differ from this version's", file=manifest_path)
            path = directory / tables[label]["file"]
            dropped = _insert(model, _read_table(path, columns), path, users)
            count, digest = table_hash(model)
            if not dropped and (count, digest) != (tables[label]["count"], tables[label]["sha256"]):
                raise ImporterError(f"{label} restored {count} rows whose hash differs from the manifest", file=path)
            counts[label] = count
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), targets):
                cursor.execute(statement)
        public_cache.changed()
    return counts
