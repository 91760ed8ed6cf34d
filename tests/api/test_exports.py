"""CSV and XLSX exports: filtered, streamed, formula-safe."""

import csv
import io

import openpyxl
import pytest
from django.db import connection
from rest_framework.throttling import SimpleRateThrottle

from tests.api.builders import build_world
from tests.factories.laws import InstrumentFactory
from tracker.common.tabular import neutralise

pytestmark = pytest.mark.django_db
DANGEROUS = ["=HYPERLINK(\"https://example.org\")", "+1+1", "-2+3", "@SUM(A1)", "\tTAB", "\rCR", "\0NUL"]


def storable() -> list[str]:
    """The dangerous values the database can hold (PostgreSQL text refuses NUL; neutralise covers it above)."""
    return [value for value in DANGEROUS if connection.vendor != "postgresql" or "\0" not in value]


def csv_rows(response):  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.content
    assert response.streaming
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


@pytest.mark.parametrize("value", DANGEROUS)
def test_neutralise_prefixes_formula_starters(value) -> None:
    assert neutralise(value) == "'" + value


def test_neutralise_leaves_plain_text_alone() -> None:
    assert neutralise("Synthetic City") == "Synthetic City"


def test_partnership_csv_respects_filters(anon) -> None:
    world = build_world()
    rows = csv_rows(anon.get("/api/partnerships/?format=csv&model=TFM"))
    assert [row["id"] for row in rows] == [str(world.objects["sheriff_tfm"].pk)]
    assert rows[0]["agency.name"] == "Synthetic County Sheriff's Office"
    assert rows[0]["program"] == "287g-tfm"
    assert rows[0]["sources"] == world.objects["source"].key


def test_csv_export_ignores_pagination_and_returns_every_row(anon) -> None:
    build_world()
    InstrumentFactory.create_batch(5)
    assert len(csv_rows(anon.get("/api/instruments/?format=csv"))) == 8


def test_csv_cells_that_look_like_formulas_are_neutralised(anon) -> None:
    for value in storable():
        InstrumentFactory(title=value)
    response = anon.get("/api/instruments/?format=csv")
    text = b"".join(response.streaming_content).decode()
    titles = {row["title"] for row in csv.DictReader(io.StringIO(text, newline=""))}
    assert titles == {"'" + value for value in storable()}


def test_xlsx_export_has_no_formula_cells(anon) -> None:
    for value in storable():
        InstrumentFactory(title=value)
    response = anon.get("/api/instruments/?format=xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    cells = [cell for row in workbook.active.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    header = [cell.value for cell in next(workbook.active.iter_rows())]
    titles = [row[header.index("title")].value for row in workbook.active.iter_rows(min_row=2)]
    assert "'=HYPERLINK(\"https://example.org\")" in titles
    assert "'@SUM(A1)" in titles


def test_flags_export_to_csv(anon) -> None:
    world = build_world()
    rows = csv_rows(anon.get("/api/flags/?format=csv&rule=FR-FED-001"))
    assert [row["id"] for row in rows] == [str(world.objects["flag"].pk)]
    assert rows[0]["assignee"] == ""


def test_exports_are_throttled_separately(anon, monkeypatch) -> None:
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {**SimpleRateThrottle.THROTTLE_RATES, "export": "2/minute"})
    statuses = [anon.get("/api/instruments/?format=csv").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    assert anon.get("/api/instruments/").status_code == 200
