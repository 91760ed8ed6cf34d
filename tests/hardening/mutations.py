"""Hypothesis strategies that damage small real files the ways downloaded files get damaged."""

from __future__ import annotations

import datetime
from typing import Any

from hypothesis import strategies as st

FORMULAS = ["=1+1", "=HYPERLINK(\"https://example.org\")", "+SUM(A1:A2)", "-2+3", "@SUM(1)", "=cmd|' /C calc'!A0"]
ODD_TEXT = st.sampled_from([
    "", " ", "\u00a0", "Synthetic \u2019Quote\u2019", "\ufeffSynthetic", "N/A", "0", "-1", "9" * 40, "1/1/0001",
    "13/45/2025", "2025-02-30", "\\N", "\"", "a,b", "line\nbreak", "\u202eSynthetic", "\U0001F600",
] + FORMULAS)


@st.composite
def byte_damage(draw: st.DrawFn, data: bytes) -> bytes:
    """Flip, cut, insert or delete bytes (one to three times)."""
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 3))):
        if not out:
            break
        at = draw(st.integers(0, len(out) - 1))
        kind = draw(st.sampled_from(["flip", "truncate", "insert", "delete"]))
        if kind == "flip":
            out[at] ^= draw(st.integers(1, 255))
        elif kind == "truncate":
            del out[at:]
        elif kind == "insert":
            out[at:at] = draw(st.binary(min_size=1, max_size=8))
        else:
            del out[at : at + draw(st.integers(1, 64))]
    return bytes(out)


def _split(data: bytes) -> list[bytes]:
    return data.split(b"\n")


@st.composite
def csv_damage(draw: st.DrawFn, data: bytes) -> bytes:
    """CSV-level damage: swapped header names, odd or formula cells, wide rows, other encodings, or raw bytes."""
    kind = draw(st.sampled_from(["bytes", "swap", "cell", "wide", "long", "encoding", "duplicate", "header-only"]))
    lines = _split(data)
    if kind == "bytes":
        return draw(byte_damage(data))
    if kind == "swap":
        names = lines[0].split(b",")
        i, j = draw(st.integers(0, len(names) - 1)), draw(st.integers(0, len(names) - 1))
        names[i], names[j] = names[j], names[i]
        lines[0] = b",".join(names)
    elif kind == "cell":
        row = draw(st.integers(0, max(len(lines) - 2, 0)))
        fields = lines[row].split(b",")
        fields[draw(st.integers(0, len(fields) - 1))] = _quote(draw(ODD_TEXT)).encode()
        lines[row] = b",".join(fields)
    elif kind == "wide":
        lines.insert(draw(st.integers(1, len(lines))), b",".join([b"x"] * draw(st.integers(30, 3000))))
    elif kind == "long":
        lines.insert(draw(st.integers(1, len(lines))), b"\"" + b"Z" * draw(st.integers(1000, 300_000)) + b"\",x")
    elif kind == "encoding":
        text = data.decode("utf-8", errors="replace") + "Synthetic Do\u00f1a \u2019\n"
        return text.encode(draw(st.sampled_from(["latin-1", "utf-16", "utf-16-be", "cp1252"])), errors="replace")
    elif kind == "duplicate":
        at = draw(st.integers(1, max(len(lines) - 1, 1)))
        lines.insert(at, lines[at - 1] if at - 1 < len(lines) else lines[-1])
    else:
        lines = lines[:1]
    return b"\n".join(lines)


def _quote(text: str) -> str:
    return "\"" + text.replace("\"", "\"\"") + "\""


CELL_VALUES = st.one_of(
    ODD_TEXT, st.integers(-(10**12), 10**12), st.floats(allow_nan=True, allow_infinity=False), st.none(),
    # Naive, as openpyxl reads sheet dates.
    st.datetimes(datetime.datetime(1900, 1, 1), datetime.datetime(2100, 1, 1)),  # noqa: DTZ001
    st.booleans(),
)


@st.composite
def sheet_damage(draw: st.DrawFn, rows: list[list[Any]]) -> list[list[Any]]:
    """Sheet-level damage: swapped headers, odd, typed or formula cells, wide rows, rows removed."""
    out = [list(r) for r in rows]
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["swap", "cell", "wide", "drop", "header-away"]))
        if kind == "swap":
            i, j = draw(st.integers(0, 6)), draw(st.integers(0, 6))
            out[0][i], out[0][j] = out[0][j], out[0][i]
        elif kind == "cell":
            r = draw(st.integers(0, len(out) - 1))
            out[r][draw(st.integers(0, len(out[r]) - 1))] = draw(CELL_VALUES)
        elif kind == "wide":
            out.insert(draw(st.integers(1, len(out))), ["x"] * draw(st.integers(14, 2000)))
        elif kind == "drop" and len(out) > 1:
            del out[draw(st.integers(1, len(out) - 1))]
        elif kind == "header-away":
            out[0] = [None] * len(out[0])
    return out
