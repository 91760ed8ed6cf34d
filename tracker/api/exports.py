"""CSV and XLSX exports of list endpoints: columns come from the serializer, rows are streamed
(written safely by `tracker.common.tabular`)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from rest_framework import serializers

from tracker.common.tabular import XLSX_TYPE, cell_text, csv_response, xlsx_response

__all__ = ["XLSX_TYPE", "columns", "csv_response", "flatten", "rows", "xlsx_response"]
CHUNK = 500
#: Keys that name a nested record best, in order of preference.
NAMING_KEYS = ("key", "ocd_id", "code", "url", "name", "id")


def _name(item: Any) -> str:
    if isinstance(item, dict):
        return next((str(item[key]) for key in NAMING_KEYS if item.get(key) not in (None, "")), "")
    return "" if item is None else str(item)


def columns(serializer: serializers.Serializer) -> list[str]:
    """Column names: plain fields as they are, nested single records as `field.sub`."""
    names = []
    for name, field in serializer.fields.items():
        if field.write_only:
            continue
        if isinstance(field, serializers.Serializer):
            names += [f"{name}.{sub}" for sub, child in field.fields.items() if not child.write_only]
        else:
            names.append(name)
    return names


def flatten(data: dict[str, Any]) -> dict[str, Any]:
    """One serialized record as one flat row: nested lists become `a; b` of their natural keys."""
    row: dict[str, Any] = {}
    for name, value in data.items():
        if isinstance(value, dict):
            row.update({f"{name}.{sub}": item for sub, item in value.items()})
        elif isinstance(value, list):
            row[name] = "; ".join(_name(item) for item in value)
        else:
            row[name] = value
    return row


def rows(queryset: QuerySet[Any], serializer_class: type[serializers.Serializer], context: dict[str, Any]) -> Iterator[list[Any]]:
    """Header, then one row per record, read in chunks (prefetches run per chunk)."""
    header = columns(serializer_class(context=context))
    yield header
    for obj in queryset.iterator(chunk_size=CHUNK):
        row = flatten(serializer_class(obj, context=context).data)
        yield [cell_text(row.get(name)) for name in header]
