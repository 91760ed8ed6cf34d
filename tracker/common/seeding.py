"""Load the real, sourced fixtures idempotently and with history.

Django's `loaddata` saves raw, so it writes no history rows and overwrites rows even when
nothing changed. Seeding instead resolves every record by its natural key, compares it field
by field with what is stored, and saves (with a change reason) only what differs. Running it
twice changes nothing the second time.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core import serializers
from django.db import models, transaction

from tracker.common import public_cache

#: Fixture files in load order (each may refer to the ones before it), then the law register:
#: one file per state under `laws/` (`us.json` for federal law), each holding the sources, places,
#: instruments, provisions, events, exceptions and surveys of that state and its localities.
FIXTURE_FILES = ("sources.json", "places.json", "localities.json", "partnerships.json")
FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"


def fixture_paths(fixtures_dir: Path = FIXTURES_DIR) -> list[Path]:
    """Every fixture file, in load order."""
    paths = [fixtures_dir / name for name in FIXTURE_FILES]
    return [p for p in paths if p.exists()] + sorted((fixtures_dir / "laws").glob("*.json"))


@dataclass
class SeedReport:
    """What seeding did, per file, and the fixture values it held back because a person locked the field."""

    counts: dict[str, Counter[str]] = field(default_factory=dict)
    held: list[str] = field(default_factory=list)


def _differs(obj: models.Model, stored: models.Model | None) -> bool:
    if stored is None:
        return True
    return any(
        getattr(obj, f.attname) != getattr(stored, f.attname)
        for f in obj._meta.concrete_fields
        if not f.primary_key and f.name not in ("created_at", "updated_at")
    )


def _hold_locked(obj: models.Model, stored: models.Model, m2m: dict[str, list[Any]], where: str) -> list[str]:
    """Keep a person's locked values and the lock itself; say what the fixture would have changed."""
    locked = list(getattr(stored, "locked_fields", None) or [])
    if not hasattr(obj, "locked_fields"):
        return []
    obj.locked_fields = locked  # type: ignore[attr-defined]
    held = []
    for name in locked:
        if name in m2m:
            wanted = {int(pk) for pk in m2m.pop(name)}
            if wanted != set(getattr(stored, name).values_list("pk", flat=True)):
                held.append(f"{where}: {name} is locked; the fixture's {name} were not applied")
            continue
        attname = obj._meta.get_field(name).attname
        if getattr(obj, attname) != getattr(stored, attname):
            held.append(f"{where}: {name} is locked at {getattr(stored, attname)!r}; fixture says {getattr(obj, attname)!r}")
            setattr(obj, attname, getattr(stored, attname))
    return held


def _m2m_differs(stored: models.Model, m2m: dict[str, list[Any]]) -> bool:
    return any(
        {int(pk) for pk in pks} != set(getattr(stored, name).values_list("pk", flat=True)) for name, pks in m2m.items()
    )


def seed_file(*, path: Path, reason: str, report: SeedReport | None = None) -> Counter[str]:
    """Upsert every record of one fixture file by natural key; count created/updated/unchanged/held."""
    counts: Counter[str] = Counter()
    held = report.held if report is not None else []
    with path.open() as handle:
        # Streamed, so a record may refer by natural key to one saved earlier in the same file.
        for record in serializers.deserialize("json", handle, handle_forward_references=False):
            _seed_record(record, reason, counts, held)
    return counts


def _seed_record(record: Any, reason: str, counts: Counter[str], held: list[str]) -> None:
    obj, m2m = record.object, dict(record.m2m_data or {})
    model = type(obj)
    stored = model._default_manager.filter(pk=obj.pk).first() if obj.pk else None
    if stored is not None:
        name = " / ".join(map(str, stored.natural_key())) if hasattr(stored, "natural_key") else str(stored)
        kept = _hold_locked(obj, stored, m2m, f"{model._meta.label} {name}")
        counts["held"] += len(kept)
        held.extend(kept)
    if _differs(obj, stored):
        if stored is not None:
            obj.created_at = stored.created_at  # type: ignore[attr-defined]
        obj._change_reason = reason  # type: ignore[attr-defined]
        obj.full_clean(validate_unique=False, validate_constraints=False)
        obj.save()
        counts["created" if stored is None else "updated"] += 1
        stored = obj
    elif not m2m or not _m2m_differs(stored, m2m):  # type: ignore[arg-type]
        counts["unchanged"] += 1
        return
    else:
        counts["updated"] += 1
    for name, pks in m2m.items():
        stored_m2m = getattr(stored, name)
        if {int(pk) for pk in pks} != set(stored_m2m.values_list("pk", flat=True)):
            stored._change_reason = reason  # type: ignore[union-attr]
            stored_m2m.set(pks)


def seed_all(*, fixtures_dir: Path = FIXTURES_DIR) -> SeedReport:
    """Seed every fixture file, in order, in one transaction; a person's locked fields are never overwritten."""
    report = SeedReport()
    with transaction.atomic():
        for path in fixture_paths(fixtures_dir):
            name = path.relative_to(fixtures_dir).as_posix()
            report.counts[name] = seed_file(path=path, reason=f"seed: fixtures/{name}", report=report)
        public_cache.changed()
    return report
