"""The flags and agreements tables: filters, sorting in words, the same columns as CSV and XLSX, dates as judged."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from tests.api.builders import World, make_flag
from tests.factories.partnerships import PartnershipFactory
from tests.factories.places import AgencyCoverageFactory, AgencyFactory
from tests.factories.sources import SourceFactory
from tracker.conflicts.engine import sweep


def _csv(response) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_the_flags_table_lists_a_states_flags_with_both_sides_in_words(client: Client, world: World) -> None:
    html = client.get("/tables/flags/", {"state": "ZQ"}).content.decode()
    flag = world.objects["flag"]
    assert f'href="/flags/{flag.pk}/"' in html
    assert "Synthetic County Sheriff&#x27;s Office" in html and "Synthetic Task Force Model" in html
    assert "2025-02-01" in html  # the agreement's signed date
    assert "S3 High" in html or "S4 Critical" in html or "S2 Medium" in html


def test_the_flags_csv_has_the_pages_columns_in_words_and_no_internal_keys(client: Client, world: World) -> None:
    rows = _csv(client.get("/tables/flags/", {"state": "ZQ", "format": "csv"}))
    assert rows[0][:4] == ["Severity", "Status", "Rule", "What the rule flags"]
    assert "Provision" in rows[0] and "MOA" in rows[0] and "Verified" in rows[0]
    assert len(rows) == 2
    line = dict(zip(rows[0], rows[1], strict=True))
    assert line["Agency"] == "Synthetic County Sheriff's Office"
    assert line["Signed"] == "2025-02-01"
    assert not any(cell.isdigit() and len(cell) > 3 for cell in rows[1])  # no raw ids


def test_the_agreements_xlsx_opens_with_the_same_header(client: Client, world: World) -> None:
    response = client.get("/tables/agreements/", {"state": "ZQ", "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header = [c.value for c in next(sheet.iter_rows(max_row=1))]
    assert header[:3] == ["Agency", "Kind of agency", "State"]
    agencies = {row[0].value for row in sheet.iter_rows(min_row=2)}
    assert agencies == {"Synthetic County Sheriff's Office", "Synthetic Far Police Department"}


def test_a_heading_sorts_the_rows_and_a_second_click_reverses_them(client: Client, world: World) -> None:
    ascending = client.get("/tables/agreements/", {"state": "ZQ", "sort": "agency"}).content.decode()
    assert ascending.index("Synthetic County Sheriff") < ascending.index("Synthetic Far Police")
    assert 'aria-sort="ascending"' in ascending and "sort=-agency" in ascending
    descending = client.get("/tables/agreements/", {"state": "ZQ", "sort": "-agency"}).content.decode()
    assert descending.index("Synthetic Far Police") < descending.index("Synthetic County Sheriff")


def test_active_on_a_date_before_signing_leaves_the_agreement_out(client: Client, world: World) -> None:
    before = client.get("/tables/agreements/", {"state": "ZQ", "active_on": "2025-01-15"}).content.decode()
    after = client.get("/tables/agreements/", {"state": "ZQ", "active_on": "2025-03-01"}).content.decode()
    assert "Synthetic County Sheriff" not in before and "Synthetic Far Police" in before
    assert "Synthetic County Sheriff" in after


def test_an_agreement_gone_from_a_sheet_says_which_sheet(client: Client, world: World) -> None:
    sheet = SourceFactory(title="Synthetic ICE sheet", published_on=datetime.date(2026, 6, 1))
    part = world.objects["far_jem"]
    part.status, part.ended_on, part.ended_in = "ended", datetime.date(2026, 6, 1), sheet
    part.last_seen_on = datetime.date(2026, 5, 18)
    part.save()
    rows = _csv(client.get("/tables/agreements/", {"state": "ZQ", "status": "ended", "format": "csv"}))
    line = dict(zip(rows[0], rows[1], strict=True))
    assert (line["Last listed"], line["Absent from sheet of"]) == ("2026-05-18", "2026-06-01")


def test_flags_judged_as_of_a_date_follow_the_law_and_the_agreements_of_that_day(client: Client, world: World) -> None:
    sweep()
    before = client.get("/tables/flags/", {"state": "ZQ", "rule": "FR-FED-001", "as_of": "2025-01-15"})
    after = client.get("/tables/flags/", {"state": "ZQ", "rule": "FR-FED-001", "as_of": "2025-03-01"})
    assert "Synthetic County Sheriff" not in before.content.decode()
    html = after.content.decode()
    assert "Synthetic County Sheriff" in html and "Judged as of 2025-03-01" in html


def test_the_memo_button_carries_the_flags_of_the_table(client: Client, world: World) -> None:
    html = client.get("/tables/flags/", {"state": "ZQ"}).content.decode()
    assert f"/memo/flags/?flags={world.objects['flag'].pk}" in html


def test_the_collisions_counts_open_the_table_with_their_filters(client: Client, world: World) -> None:
    html = client.get("/collisions/", {"state": "ZQ"}).content.decode()
    assert "/tables/flags/?state=ZQ&amp;rule=FR-FED-001" in html


def test_a_bad_filter_is_explained_not_a_500(client: Client, world: World) -> None:
    response = client.get("/tables/flags/", {"place": "ocd-division/country:us/state:zz/place:nowhere",
                                             "severity": "x", "as_of": "yesterday"})
    assert response.status_code == 200
    assert "No place has the OCD id" in response.content.decode()


@pytest.mark.parametrize("path", ["/tables/flags/?state=ZQ", "/tables/agreements/?state=ZQ"])
def test_a_table_costs_the_same_for_few_rows_and_many(client: Client, world: World, path: str) -> None:
    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(path).status_code == 200
        return len(ctx.captured_queries)

    few = queries()
    for i in range(8):
        agency = AgencyFactory(home=world.city, name=f"Synthetic Extra Agency {i}")
        AgencyCoverageFactory(agency=agency)
        part = PartnershipFactory(agency=agency, program=world.objects["tfm"], signed_on=datetime.date(2025, 1, 1))
        make_flag(world.city, agency=agency, partnership=part)
    assert queries() == few
