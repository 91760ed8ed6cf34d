"""Exports never hand a spreadsheet a formula: re-read our own CSV and XLSX over generated strings."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from tests.api.builders import build_world, make_flag
from tests.security.content import body
from tracker.common import tabular

TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\0")
#: Text that starts like a formula, or anything at all.
cells = st.one_of(
    st.tuples(st.sampled_from(TRIGGERS), st.text(max_size=30)).map("".join),
    st.sampled_from(["=1+1", "=HYPERLINK(\"http://example.invalid\",\"x\")", "@SUM(A1)", "+cmd|' /C calc'!A0",
                     "-2+3", "\t=1", "\r=1", "\0=1"]),
    st.text(max_size=40),
)


def _expected(value: str) -> str:
    return "'" + value if value.startswith(TRIGGERS) else value


@settings(max_examples=300, deadline=None)
@given(st.lists(cells, min_size=1, max_size=6))
def test_csv_export_prefixes_every_formula_trigger_and_keeps_other_text(row: list[str]) -> None:
    table = [["column"] * len(row), [tabular.cell_text(value) for value in row]]
    data = body(tabular.csv_response(table, "synthetic")).decode("utf-8")
    read = list(csv.reader(io.StringIO(data, newline="")))
    assert read[1] == [_expected(value) for value in row]
    assert not any(cell.startswith(TRIGGERS) for cell in read[1])


@settings(max_examples=150, deadline=None)
@given(st.lists(cells, min_size=1, max_size=6))
def test_xlsx_export_holds_no_formula_cell(row: list[str]) -> None:
    table = [["column"] * len(row), [tabular.cell_text(value) for value in row]]
    sheet = load_workbook(io.BytesIO(body(tabular.xlsx_response(table, "synthetic")))).active
    written = next(iter(sheet.iter_rows(min_row=2, max_row=2)))
    assert all(cell.data_type != "f" for cell in written)
    # XML turns a CR (alone or before LF) into LF when read back; text is otherwise kept.
    expected = [ILLEGAL_CHARACTERS_RE.sub("", _expected(value)).replace("\r\n", "\n").replace("\r", "\n") for value in row]
    assert [cell.value or "" for cell in written] == expected


def test_numbers_stay_numbers_in_both_formats() -> None:
    table = [["n", "x"], [tabular.cell_text(-5), tabular.cell_text(2.5)]]
    assert body(tabular.csv_response(table, "synthetic")).decode().splitlines()[1] == "-5,2.5"
    sheet = load_workbook(io.BytesIO(body(tabular.xlsx_response(table, "synthetic")))).active
    assert [cell.value for cell in sheet[2]] == [-5, 2.5]


@pytest.mark.django_db
def test_the_flag_export_neutralises_a_formula_in_stored_text(client) -> None:
    world = build_world()
    flag = make_flag(world.city, rule_id="FR-FED-002")
    flag.explanation = '=HYPERLINK("http://example.invalid","Synthetic")'
    flag.save()
    data = body(client.get("/api/flags/?format=csv")).decode()
    assert "'=HYPERLINK" in data
    assert not any(cell.startswith(TRIGGERS) for row in csv.reader(io.StringIO(data)) for cell in row[1:])
    sheet = load_workbook(io.BytesIO(body(client.get("/api/flags/?format=xlsx")))).active
    values = [cell for row in sheet.iter_rows() for cell in row]
    assert any(cell.value == "'=HYPERLINK(\"http://example.invalid\",\"Synthetic\")" for cell in values)
    assert all(cell.data_type != "f" for cell in values)
