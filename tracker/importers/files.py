"""Open untrusted files safely: size and zip-structure checks before any parser sees them.

openpyxl parses XML with defusedxml (billion laughs, XXE), but nothing stops a zip bomb: the
central directory is read first and the file refused when it is too big, has too many parts,
or inflates too much. CSV is read with an explicit encoding and a field-size limit.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import openpyxl
from openpyxl.workbook.workbook import Workbook

from tracker.importers.base import ImporterError

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_PARTS = 100
MAX_RATIO = 100
MAX_CSV_BYTES = 200 * 1024 * 1024
MAX_CSV_FIELD = 128 * 1024

assert openpyxl.xml.DEFUSEDXML, "defusedxml must be installed: openpyxl then parses XML safely"  # noqa: S101


def check_size(path: Path, limit: int) -> None:
    """Refuse a file larger than `limit` bytes."""
    size = path.stat().st_size
    if size == 0:
        raise ImporterError("the file is empty", file=path)
    if size > limit:
        raise ImporterError(f"the file is {size:,} bytes; the limit is {limit:,}", file=path)


def check_zip(path: Path) -> None:
    """Refuse an .xlsx whose zip structure could exhaust memory (declared sizes, parts, ratio)."""
    check_size(path, MAX_FILE_BYTES)
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise ImporterError(f"not a readable .xlsx (zip) file: {exc}", file=path) from exc
    if len(infos) > MAX_PARTS:
        raise ImporterError(f"the workbook has {len(infos)} parts; the limit is {MAX_PARTS}", file=path)
    total = sum(info.file_size for info in infos)
    if total > MAX_UNPACKED_BYTES:
        raise ImporterError(f"the workbook unpacks to {total:,} bytes; the limit is {MAX_UNPACKED_BYTES:,}", file=path)
    for info in infos:
        if info.file_size > MAX_RATIO * max(info.compress_size, 1) and info.file_size > 1024 * 1024:
            raise ImporterError(f"part {info.filename!r} inflates more than {MAX_RATIO}x", file=path)


def open_xlsx(path: Path, *, read_only: bool = False) -> Workbook:
    """Open a checked .xlsx with values, not formulas. `read_only=False` keeps cell hyperlinks."""
    check_zip(path)
    try:
        return openpyxl.load_workbook(path, read_only=read_only, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a broken workbook
        raise ImporterError(f"the workbook cannot be read: {type(exc).__name__}: {exc}", file=path) from exc


def read_csv(path: Path, *, encoding: str = "utf-8-sig", delimiter: str = ",") -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, row dict) from a checked CSV; bad bytes or a broken row name the line."""
    check_size(path, MAX_CSV_BYTES)
    csv.field_size_limit(MAX_CSV_FIELD)
    try:
        text = path.read_bytes().decode(encoding)
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise ImporterError(f"not valid {encoding} text (byte {exc.start})", file=path, row=line) from exc
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for row in reader:
            if None in row:
                raise ImporterError("the row has more fields than the header", file=path, row=reader.line_num)
            yield reader.line_num, row
    except csv.Error as exc:
        raise ImporterError(f"malformed CSV: {exc}", file=path, row=reader.line_num) from exc
