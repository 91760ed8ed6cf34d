"""Hostile files built in code: zip bombs, entity tricks, forged sizes, and small real slices to mutate."""

from __future__ import annotations

import functools
import gc
import io
import re
import resource
import struct
import time
import tracemalloc
import zipfile
import zlib
from pathlib import Path
from typing import Self

import openpyxl
from django.conf import settings

DATA = Path(settings.BASE_DIR) / "data"
ICE_MAY = DATA / "ice-287g" / "participatingAgencies05162025am.xlsx"
ICE_NAME = "participatingAgencies05162025am.xlsx"
SHEET = "xl/worksheets/sheet1.xml"
MIB = 1024 * 1024
SHEET_HEAD = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')


@functools.cache
def _ice_slice(rows: int) -> tuple[tuple[object, ...], ...]:
    return tuple(tuple(r) for r in _read_slice(rows))


def ice_slice(rows: int = 10) -> list[list[object]]:
    """The header and the first `rows` agreements of a real ICE sheet, as cell values (a fresh copy)."""
    return [list(r) for r in _ice_slice(rows)]


def _read_slice(rows: int) -> list[list[object]]:
    """The header and the first `rows` agreements of a real ICE sheet, as cell values."""
    book = openpyxl.load_workbook(ICE_MAY, read_only=True, data_only=True)
    sheet = book.worksheets[0]
    out: list[list[object]] = []
    for values in sheet.iter_rows(values_only=True):
        if out or any(str(v or "").strip().upper() == "LAW ENFORCEMENT AGENCY" for v in values):
            out.append(list(values))
        if len(out) > rows:
            break
    book.close()
    return out


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    """A workbook with one sheet holding these rows."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    for values in rows:
        sheet.append(values)
    buffer = io.BytesIO()
    book.save(buffer)
    return _fixed_stamps(buffer.getvalue())


def _fixed_stamps(xlsx: bytes) -> bytes:
    """The same workbook with fixed times, so equal rows give equal bytes (Hypothesis replays need that)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2020-01-01T00:00:00Z", content)
            dst.writestr(zipfile.ZipInfo(info.filename, date_time=(2020, 1, 1, 0, 0, 0)), content,
                         compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def replace_part(xlsx: bytes, name: str, content: bytes) -> bytes:
    """The same workbook with one part's bytes replaced (its other parts copied as they are)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, content if info.filename == name else src.read(info.filename))
    return out.getvalue()


def zip_bomb(path: Path, xlsx: bytes, *, inflated: int = 1024 * MIB) -> Path:
    """A workbook whose sheet part inflates to `inflated` bytes of zeros, streamed (never held in memory)."""
    chunk = bytes(MIB)
    with zipfile.ZipFile(io.BytesIO(xlsx)) as src, zipfile.ZipFile(
        path, "w", zipfile.ZIP_DEFLATED, compresslevel=9
    ) as dst:
        for info in src.infolist():
            if info.filename != SHEET:
                dst.writestr(info.filename, src.read(info.filename))
        info = zipfile.ZipInfo(SHEET)
        info.compress_type = zipfile.ZIP_DEFLATED
        info._compresslevel = 9  # type: ignore[attr-defined]  # open("w") reads the level from the ZipInfo
        with dst.open(info, "w", force_zip64=True) as part:
            part.write(SHEET_HEAD)
            for _ in range(inflated // MIB):
                part.write(chunk)
    return path


def many_parts(path: Path, xlsx: bytes, parts: int = 150) -> Path:
    """A workbook with more parts than any real sheet (each tiny)."""
    with zipfile.ZipFile(io.BytesIO(xlsx)) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info.filename))
        for n in range(parts):
            dst.writestr(f"xl/media/synthetic{n}.bin", b"x")
    return path


def forged_size(path: Path, xlsx: bytes, *, inflated: int = 64 * MIB, declared: int = 4096) -> Path:
    """A workbook whose sheet part declares `declared` bytes but inflates to `inflated` (sizes patched)."""
    body = SHEET_HEAD + b" " * (inflated - len(SHEET_HEAD))
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    compressed = packer.compress(body) + packer.flush()
    crc = zlib.crc32(body)
    del body
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename != SHEET:
                dst.writestr(info.filename, src.read(info.filename))
        info = zipfile.ZipInfo(SHEET)
        info.compress_type = zipfile.ZIP_STORED  # written raw below, then relabelled as deflated
        dst.writestr(info, compressed)
    data = bytearray(out.getvalue())
    name = SHEET.encode()
    local = _find_header(data, b"PK\x03\x04", name, name_at=30, len_at=26)
    central = _find_header(data, b"PK\x01\x02", name, name_at=46, len_at=28)
    struct.pack_into("<HHHII", data, local + 8, zipfile.ZIP_DEFLATED, 0, 0, crc, len(compressed))
    struct.pack_into("<I", data, local + 22, declared)
    struct.pack_into("<HHHII", data, central + 10, zipfile.ZIP_DEFLATED, 0, 0, crc, len(compressed))
    struct.pack_into("<I", data, central + 24, declared)
    path.write_bytes(bytes(data))
    return path


def _find_header(data: bytearray, signature: bytes, name: bytes, *, name_at: int, len_at: int) -> int:
    start = 0
    while True:
        at = data.index(signature, start)
        (length,) = struct.unpack_from("<H", data, at + len_at)
        if bytes(data[at + name_at : at + name_at + length]) == name:
            return at
        start = at + 4


LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>"""


def xxe(target: Path) -> bytes:
    """A sheet part whose first cell is an external entity pointing at a local file."""
    return (b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM "file://' + str(target).encode() + b'">]>\n'
            b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            b'<row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>')


class Measured:
    """Peak traced allocation and growth of the process's peak RSS over a block (and its duration)."""

    def __enter__(self) -> Self:
        gc.collect()
        self.rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        tracemalloc.start()
        self.started = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds = time.perf_counter() - self.started
        self.peak_bytes = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        self.rss_growth = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 - self.rss_before


def sparse(path: Path, size: int) -> Path:
    """A file that reports `size` bytes without using the disk (a hole)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        handle.truncate(size)
    return path
