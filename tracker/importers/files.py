"""Open untrusted files safely: size and zip-structure checks before any parser sees them.

openpyxl parses XML with defusedxml (billion laughs, XXE), but nothing stops a zip bomb: the
central directory is read first and the file refused when it is too big, has too many parts,
or inflates too much. CPython stops inflating a part at its declared size and then fails its
CRC, so a forged (understated) size is refused too. CSV is read with an explicit encoding and a
field-size limit, and every failure is an ImporterError naming the file, row and column.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import openpyxl
from defusedxml import DefusedXmlException
from openpyxl.workbook.workbook import Workbook

from tracker.importers.base import ImporterError

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_PARTS = 100
MAX_RATIO = 100
#: Parts smaller than this are never refused for their ratio: tiny XML compresses well and is harmless.
RATIO_FLOOR_BYTES = 256 * 1024
MAX_CSV_BYTES = 200 * 1024 * 1024
MAX_CSV_FIELD = 128 * 1024

assert openpyxl.xml.DEFUSEDXML, "defusedxml must be installed: openpyxl then parses XML safely"  # noqa: S101


def check_size(path: Path, limit: int) -> None:
    """Refuse a file that is missing, empty or larger than `limit` bytes."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ImporterError(f"the file cannot be read: {exc.strerror or exc}", file=path) from exc
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
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise ImporterError(f"not a readable .xlsx (zip) file: {exc}", file=path) from exc
    if len(infos) > MAX_PARTS:
        raise ImporterError(f"the workbook has {len(infos)} parts; the limit is {MAX_PARTS}", file=path)
    total = sum(info.file_size for info in infos)
    if total > MAX_UNPACKED_BYTES:
        raise ImporterError(f"the workbook unpacks to {total:,} bytes; the limit is {MAX_UNPACKED_BYTES:,}", file=path)
    for info in infos:
        if info.file_size > RATIO_FLOOR_BYTES and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise ImporterError(f"part {info.filename!r} inflates more than {MAX_RATIO}x", file=path)


def open_xlsx(path: Path, *, read_only: bool = False) -> Workbook:
    """Open a checked .xlsx with values, not formulas. `read_only=False` keeps cell hyperlinks."""
    check_zip(path)
    try:
        return openpyxl.load_workbook(path, read_only=read_only, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a broken workbook (and defusedxml on a DTD)
        raise ImporterError(_workbook_error(exc, path), file=path) from exc


def _workbook_error(exc: BaseException, path: Path) -> str:
    """Say why a workbook was refused, naming the XML entity trick when that is the cause."""
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, DefusedXmlException):
            return f"the workbook's XML declares entities, which are refused ({type(cause).__name__})"
        cause = cause.__cause__ or cause.__context__
    # openpyxl's messages repeat the full server path; the location already names the file.
    detail = str(exc).replace(str(path), path.name).splitlines()[0] if str(exc) else ""
    return f"the workbook cannot be read: {type(exc).__name__}: {detail}"[:300]


def read_text(path: Path, *, encoding: str, limit: int = MAX_CSV_BYTES) -> str:
    """A checked file's text; bad bytes are an error naming the line, never a replacement character."""
    check_size(path, limit)
    data = path.read_bytes()
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImporterError(f"not valid {encoding} text (byte {exc.start})", file=path, row=line) from exc
    except LookupError as exc:
        raise ImporterError(f"unknown encoding {encoding!r}", file=path) from exc
    if "\x00" in text:  # no text column can store it (PostgreSQL refuses it outright): a binary or damaged file
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise ImporterError("the text contains a NUL character (a binary or damaged file?)", file=path, row=line)
    return text


def read_rows(
    path: Path, *, encoding: str = "utf-8-sig", field_limit: int = MAX_CSV_FIELD, limit: int = MAX_CSV_BYTES
) -> Iterator[tuple[int, list[str]]]:
    """Yield (line number, fields) of a checked CSV without a header; a broken row names its line."""
    text = read_text(path, encoding=encoding, limit=limit)
    # The limit is process-wide in the csv module: set it on every read so another reader's value never leaks in.
    csv.field_size_limit(field_limit)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        for fields in reader:
            if fields:
                yield reader.line_num, fields
    except csv.Error as exc:
        raise ImporterError(f"malformed CSV: {exc}", file=path, row=reader.line_num) from exc


def read_csv(path: Path, *, encoding: str = "utf-8-sig", delimiter: str = ",") -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, row dict) from a checked CSV; bad bytes or a broken row name the line."""
    text = read_text(path, encoding=encoding)
    csv.field_size_limit(MAX_CSV_FIELD)
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter, restval="")
    try:
        header = [name.strip() for name in reader.fieldnames or [] if name.strip()]
        twice = sorted({name for name in header if header.count(name) > 1})
        if twice:  # a second column of the same name would silently replace the first
            raise ImporterError(f"the header names {twice} more than once", file=path, row=1, column=twice[0])
        for row in reader:
            if None in row:
                raise ImporterError("the row has more fields than the header", file=path, row=reader.line_num)
            yield reader.line_num, row
    except csv.Error as exc:
        # DictReader.line_num is updated only after a row parses; the inner reader's is current.
        raise ImporterError(f"malformed CSV: {exc}", file=path, row=reader.reader.line_num) from exc
