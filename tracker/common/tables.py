"""A table people read on a page and take away as CSV or XLSX: the same columns, in words, everywhere."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Generic, TypeVar

from tracker.common.tabular import cell_text

Row = TypeVar("Row")


@dataclass(frozen=True)
class Column(Generic[Row]):
    """One column: a stable key (for sorting and exports), its header in words, and how to read a row."""

    key: str
    label: str
    value: Callable[[Row], Any]
    link: Callable[[Row], str] | None = None


def _sort_key(value: Any) -> tuple[int, Any]:
    """Empty values last; dates, numbers and words each in their natural order."""
    if value in (None, ""):
        return (1, "")
    if isinstance(value, str):
        return (0, value.casefold())
    if isinstance(value, date):
        return (0, value.isoformat())
    return (0, value)


def sorted_rows(rows: Sequence[Row], columns: Sequence[Column[Row]], sort: str) -> tuple[list[Row], str]:
    """The rows sorted by `sort` (a column key, `-key` for descending); an unknown key keeps their order."""
    key = sort.removeprefix("-")
    column = next((c for c in columns if c.key == key), None)
    if column is None:
        return list(rows), ""
    ordered = sorted(rows, key=lambda r: _sort_key(column.value(r)), reverse=sort.startswith("-"))
    if sort.startswith("-"):  # keep empty values last whichever way
        ordered = [r for r in ordered if column.value(r) not in (None, "")] + [
            r for r in ordered if column.value(r) in (None, "")
        ]
    return ordered, sort


def export_rows(rows: Sequence[Row], columns: Sequence[Column[Row]]) -> Iterator[list[Any]]:
    """Header in words, then one safe row of cells per row."""
    yield [c.label for c in columns]
    for row in rows:
        yield [cell_text(c.value(row)) for c in columns]
