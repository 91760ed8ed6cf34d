"""Load the real, sourced fixtures idempotently and with history.

Django's `loaddata` saves raw, so it writes no history rows and overwrites rows even when
nothing changed. Seeding instead resolves every record by its natural key, compares it field
by field with what is stored, and saves (with a change reason) only what differs. Running it
twice changes nothing the second time. A record that cannot be seeded stops the whole run with
a SeedError naming the file, the record and the field; `seed_all` then changes nothing.
An agency record is created or corrected and placed by `tracker.places.seeding`.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist, ValidationError
from django.core.serializers import base
from django.db import DEFAULT_DB_ALIAS, DatabaseError, transaction

from tracker.common import public_cache
from tracker.common.models import set_unlocked

#: Fixture files in load order (each may refer to the ones before it), then the law register:
#: one file per state under `laws/` (`us.json` for federal law), each holding the sources, places,
#: instruments, provisions, events, exceptions and surveys of that state and its localities; then the
#: data-sharing facts, one file per state under `sharing/` (sources, agencies, arrangements, events,
#: approvals), which may refer to the law register (an approval's jurisdiction).
FIXTURE_FILES = ("sources.json", "places.json", "localities.json", "partnerships.json")
FIXTURE_FOLDERS = ("laws", "sharing")
FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"
#: Within a file, records of these models go first, in this order (a record may name one of them).
FIRST = ("sources.source", "places.jurisdiction", "places.agency")


class SeedError(Exception):
    """A fixture record that cannot be seeded: where it is (file, record, field) and what is wrong."""

    def __init__(self, message: str, *, file: str, record: int | None = None, model: str = "", field: str = "") -> None:
        self.message, self.file, self.record, self.model, self.field = message, file, record, model, field
        where = [file]
        if record is not None:
            where.append(f"record {record}" + (f" ({model})" if model else ""))
        if field:
            where.append(f"field {field!r}")
        super().__init__(f"{', '.join(where)}: {message}")


def fixture_paths(fixtures_dir: Path = FIXTURES_DIR) -> list[Path]:
    """Every fixture file, in load order."""
    paths = [fixtures_dir / name for name in FIXTURE_FILES]
    folders = [sorted((fixtures_dir / folder).glob("*.json")) for folder in FIXTURE_FOLDERS]
    return [p for p in paths if p.exists()] + [p for files in folders for p in files]


@dataclass
class SeedReport:
    """What seeding did, per file, and the fixture values it held back because a person locked the field."""

    counts: dict[str, Counter[str]] = field(default_factory=dict)
    held: list[str] = field(default_factory=list)


def seed_file(*, path: Path, reason: str, report: SeedReport | None = None, name: str = "") -> Counter[str]:
    """Upsert every record of one fixture file by natural key; count created/updated/unchanged/held."""
    from tracker.places.seeding import AgencySeeder

    counts: Counter[str] = Counter()
    held = report.held if report is not None else []
    name = name or _name(path)
    records = _read(path, name)
    agencies = AgencySeeder(records=records, file=name, reason=reason)
    for number, record in sorted(enumerate(records, 1), key=lambda pair: _rank(pair[1])):
        try:
            # One record at a time, in an order where a record may name one saved before it.
            for item in serializers.deserialize("python", [record], handle_forward_references=False):
                if not agencies.seed(item, number=number, counts=counts, held=held):
                    _seed_record(item, reason, counts, held)
        except SeedError:
            raise
        except (base.DeserializationError, ValidationError, ObjectDoesNotExist, FieldDoesNotExist, DatabaseError,
                KeyError, TypeError, ValueError, AttributeError) as error:
            raise _record_error(error, record, file=name, number=number) from error
    return counts


def _name(path: Path) -> str:
    """The file as the fixtures folder names it (e.g. sharing/il.json)."""
    return f"{path.parent.name}/{path.name}" if path.parent.name in FIXTURE_FOLDERS else path.name


def _read(path: Path, name: str) -> list[dict[str, Any]]:
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        raise SeedError(f"not valid JSON: {error}", file=name) from error
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise SeedError("must be a JSON list of records", file=name)
    return records


def _rank(record: dict[str, Any]) -> int:
    model = record.get("model")
    return FIRST.index(model) if model in FIRST else len(FIRST)


def _record_error(error: Exception, record: dict[str, Any], *, file: str, number: int) -> SeedError:
    """The error with the record's place in the file and, when it can be told, the field at fault."""
    model = str(record.get("model", ""))
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        fields = sorted(error.message_dict)
        text = "; ".join(f"{f}: {' '.join(error.message_dict[f])}" for f in fields)
        return SeedError(text, file=file, record=number, model=model, field=", ".join(fields))
    if isinstance(error, KeyError):
        return SeedError(f"missing {error}", file=file, record=number, model=model)
    # After a database error the transaction reads nothing more (PostgreSQL): the constraint's name says enough.
    field = "" if isinstance(error, DatabaseError) else _failing_field(record)
    return SeedError(str(error), file=file, record=number, model=model, field=field)


def _failing_field(record: dict[str, Any]) -> str:
    """The first field of the record that does not read, or "" when each reads on its own."""
    try:
        model = apps.get_model(record["model"])
        fields = dict(record["fields"])
    except (KeyError, LookupError, TypeError, ValueError):
        return ""
    for name, value in fields.items():
        try:
            field = model._meta.get_field(name)
            if field.many_to_many:
                base.deserialize_m2m_values(field, value, DEFAULT_DB_ALIAS, False)
            elif field.many_to_one:
                base.deserialize_fk_value(field, value, DEFAULT_DB_ALIAS, False)
            else:
                field.to_python(value)
        except Exception:  # noqa: BLE001 - any failure names the field; the caller reports the error itself
            return name
    return ""


def _seed_record(record: Any, reason: str, counts: Counter[str], held: list[str]) -> None:
    """Create the record, or set on the stored row what differs and is not locked (`set_unlocked`), links too."""
    obj, model = record.object, type(record.object)
    links = {name: {int(pk) for pk in pks} for name, pks in (record.m2m_data or {}).items()}
    if obj.pk is None and (not hasattr(model, "natural_key") or not all(obj.natural_key())):
        raise ValueError(f"{model._meta.label} without a natural key: seeding it twice would store it twice")
    stored = model._default_manager.filter(pk=obj.pk).first() if obj.pk else None
    if stored is None:
        obj._change_reason = reason
        obj.full_clean(validate_unique=False, validate_constraints=False)
        obj.save()
        for name, pks in links.items():
            getattr(obj, name).set(pks)
        counts["created"] += 1
        return
    where = f"{model._meta.label} {' / '.join(map(str, stored.natural_key())) if hasattr(stored, 'natural_key') else stored}"
    wanted = {f.attname: getattr(obj, f.attname) for f in model._meta.concrete_fields
              if not f.primary_key and f.name not in ("created_at", "updated_at", "locked_fields")}
    before = {key: getattr(stored, key) for key in wanted}
    changed, kept = set_unlocked(stored, wanted)
    notes = [f"{where}: {model._meta.get_field(k).name} is locked at {before[k]!r}; fixture says {wanted[k]!r}" for k in kept]
    locked = set(getattr(stored, "locked_fields", None) or [])
    links = {name: pks for name, pks in links.items() if pks != set(getattr(stored, name).values_list("pk", flat=True))}
    notes += [f"{where}: {name} is locked; the fixture's {name} were not applied" for name in links if name in locked]
    links = {name: pks for name, pks in links.items() if name not in locked}
    counts["held"] += len(notes)
    held.extend(notes)
    if not changed and not links:
        counts["unchanged"] += 1
        return
    stored._change_reason = reason
    if changed:
        stored.full_clean(validate_unique=False, validate_constraints=False)
        stored.save()
    for name, pks in links.items():
        getattr(stored, name).set(pks)
    counts["updated"] += 1


def seed_all(*, fixtures_dir: Path = FIXTURES_DIR) -> SeedReport:
    """Seed every fixture file, in order, in one transaction; a person's locked fields are never overwritten."""
    report = SeedReport()
    with transaction.atomic():
        for path in fixture_paths(fixtures_dir):
            name = path.relative_to(fixtures_dir).as_posix()
            report.counts[name] = seed_file(path=path, reason=f"seed: fixtures/{name}", report=report, name=name)
        public_cache.changed()
    return report
