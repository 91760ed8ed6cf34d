"""JSON bodies without NUL characters: PostgreSQL cannot store or even compare text holding one."""

from __future__ import annotations

from typing import Any

from rest_framework.exceptions import ValidationError
from rest_framework.parsers import JSONParser


def nul_path(value: Any, path: str = "") -> str | None:
    """The dotted path of the first key or text holding a NUL character, or None."""
    if isinstance(value, str):
        return (path or "body") if "\x00" in value else None
    if isinstance(value, dict):
        for key, item in value.items():
            here = f"{path}.{key}" if path else str(key)
            if "\x00" in str(key):
                return path or "body"
            found = nul_path(item, here)
            if found:
                return found
    if isinstance(value, list):
        for index, item in enumerate(value):
            found = nul_path(item, f"{path}.{index}" if path else str(index))
            if found:
                return found
    return None


class TextJSONParser(JSONParser):
    """JSON whose strings hold no NUL character; one anywhere is a 400 naming the field, never a 500."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        """Parse, then refuse NUL characters in any key or value."""
        data = super().parse(stream, media_type, parser_context)
        where = nul_path(data)
        if where:
            raise ValidationError({where: ["Null characters are not allowed."]})
        return data
