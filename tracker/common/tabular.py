"""Tables people take away: CSV and XLSX downloads, safe to open in a spreadsheet.

Every text cell that a spreadsheet would read as a formula (= + - @ tab CR NUL first) gets a
leading apostrophe (CWE-1236), and XLSX cells are written as strings, never formulas. The API's
exports and the pages' tables both write through here.
"""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Iterable
from typing import Any

from django.http import FileResponse, StreamingHttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\0")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutralise(value: str) -> str:
    """Prefix text a spreadsheet would run as a formula."""
    return f"'{value}" if value.startswith(FORMULA_PREFIXES) else value


def cell_text(value: Any) -> Any:
    """A cell's value: numbers stay numbers, booleans become words, text is neutralised, None is empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return value
    return neutralise(str(value))


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
