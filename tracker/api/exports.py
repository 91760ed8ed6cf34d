"""CSV and XLSX exports of list endpoints: columns come from the serializer, rows are streamed.

Every text cell that a spreadsheet would read as a formula (= + - @ tab CR NUL first) gets a
leading apostrophe (CWE-1236), and XLSX cells are written as strings, never formulas.
"""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import QuerySet
from django.http import FileResponse, StreamingHttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from rest_framework import serializers

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\0")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CHUNK = 500
#: Keys that name a nested record best, in order of preference.
NAMING_KEYS = ("key", "ocd_id", "code", "url", "name", "id")


def neutralise(value: str) -> str:
    """Prefix text a spreadsheet would run as a formula."""
    return f"'{value}" if value.startswith(FORMULA_PREFIXES) else value


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


def _cell_text(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return value
    return neutralise(str(value))


def rows(queryset: QuerySet[Any], serializer_class: type[serializers.Serializer], context: dict[str, Any]) -> Iterator[list[Any]]:
    """Header, then one row per record, read in chunks (prefetches run per chunk)."""
    header = columns(serializer_class(context=context))
    yield header
    for obj in queryset.iterator(chunk_size=CHUNK):
        row = flatten(serializer_class(obj, context=context).data)
        yield [_cell_text(row.get(name)) for name in header]


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_response(table: Iterable[list[Any]], filename: str) -> StreamingHttpResponse:
    """A streamed CSV download."""
    writer = csv.writer(_Echo())
    response = StreamingHttpResponse((writer.writerow(row) for row in table), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(table: Iterable[list[Any]], filename: str) -> FileResponse:
    """An XLSX download built row by row (write-only mode) into a temporary file."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(filename[:31])
    for row in table:
        cells = []
        for value in row:
            if isinstance(value, str):
                cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", value))
                cell.data_type = "s"  # openpyxl stores any "=..." string as a formula otherwise
            else:
                cell = WriteOnlyCell(sheet, value=value)
            cells.append(cell)
        sheet.append(cells)
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it
    workbook.save(handle)
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=f"{filename}.xlsx", content_type=XLSX_TYPE)
