"""Reads over sources for the faces: what kind of document each cited source is, official ones first."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from tracker.sources.choices import OFFICIAL_KINDS, SourceKind
from tracker.sources.models import Source


def _source_dicts(evidence: Any) -> Iterable[dict[str, Any]]:
    """Every source entry (a dict with an id) anywhere in a flag's evidence."""
    if isinstance(evidence, dict):
        for key, value in evidence.items():
            if key == "sources" and isinstance(value, list):
                yield from (s for s in value if isinstance(s, dict) and isinstance(s.get("id"), int))
            else:
                yield from _source_dicts(value)
    elif isinstance(evidence, list):
        for value in evidence:
            yield from _source_dicts(value)


def with_source_kinds(evidences: list[dict[str, Any]]) -> None:
    """Add each cited source's kind, publisher and date to flags' stored evidence, in one query.

    The kind is read at display time, not stored in the evidence: reclassifying a source must not
    reopen every flag that cites it.
    """
    entries = [s for evidence in evidences for s in _source_dicts(evidence)]
    rows = Source.objects.filter(pk__in={s["id"] for s in entries}).values("pk", "kind", "publisher", "published_on")
    details = {row.pop("pk"): row for row in rows}
    for entry in entries:
        entry.update(details.get(entry["id"], {}))


def is_official(kind: str | None) -> bool:
    """Whether a source of this kind can make a fact verified (the law's text, an official record, an opinion)."""
    return kind in OFFICIAL_KINDS


def kind_label(kind: str | None) -> str:
    """How a cited source is labelled: 'official: …' or 'secondary: …'."""
    if not kind:
        return ""
    try:
        label = SourceKind(kind).label
    except ValueError:
        return ""
    return f"{'official' if is_official(kind) else 'secondary'}: {label[0].lower()}{label[1:]}"
