"""Database ids read from people's input: ASCII digits in the range of a 64-bit key, or nothing."""

from __future__ import annotations

import re

#: The largest primary key any backend stores (a signed 64-bit integer).
MAX_ID = 2**63 - 1
_DIGITS = re.compile(r"[0-9]{1,19}")


def parse_id(text: str) -> int | None:
    """The id written in `text`, or None: '²' and '٣' are digits to Python but not ids, nor is 2**64."""
    text = text.strip()
    if not _DIGITS.fullmatch(text):
        return None
    value = int(text)
    return value if 0 < value <= MAX_ID else None
