"""What a response shows a person: its headers and body as text, whatever the format (JSON, HTML, CSV, XLSX, PDF)."""

from __future__ import annotations

import io
import subprocess
import tempfile
from typing import Any

from openpyxl import load_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def body(response: Any) -> bytes:
    """The body, streamed or not."""
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def pdf_text(data: bytes) -> str:
    """The text of a PDF, as pdftotext (poppler-utils) reads it."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(data)
        handle.flush()
        result = subprocess.run(["pdftotext", handle.name, "-"], capture_output=True, check=True)  # noqa: S603, S607
    return result.stdout.decode()


def xlsx_text(data: bytes) -> str:
    """Every cell of every sheet, one per line."""
    workbook = load_workbook(io.BytesIO(data), read_only=True)
    return "\n".join(
        str(value) for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True) for value in row
        if value is not None
    )


def text(response: Any) -> str:
    """Headers and body as text."""
    data = body(response)
    kind = response.get("Content-Type", "")
    if kind.startswith("application/pdf"):
        shown = pdf_text(data)
    elif kind.startswith(XLSX):
        shown = xlsx_text(data)
    else:
        shown = data.decode("utf-8", errors="replace")
    headers = "\n".join(f"{name}: {value}" for name, value in response.items())
    return f"{headers}\n\n{shown}"
