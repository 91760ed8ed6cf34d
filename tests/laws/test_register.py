"""The register's health report: official sources, attention items, each state's 287(g) position."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories.laws import InstrumentFactory, ProvisionFactory
from tests.factories.partnerships import PartnershipFactory
from tests.factories.places import AgencyFactory, PlaceFactory, StateFactory
from tests.factories.sources import SourceFactory
from tracker.laws.models import Survey
from tracker.laws.register import register_report

pytestmark = pytest.mark.django_db
ON = datetime.date(2026, 12, 3)


def line_of(report, key):  # type: ignore[no-untyped-def]
    return next(i for i in report.instruments if i.key == key)


def test_an_instrument_with_a_code_source_counts_as_officially_sourced() -> None:
    official = InstrumentFactory(verified=True)
    official.sources.add(SourceFactory(kind="primary_text"), SourceFactory(kind="news"))
    secondary = InstrumentFactory()
    secondary.sources.add(SourceFactory(kind="official_statement"), SourceFactory(kind="tracker"))
    report = register_report(ON)
    assert len(line_of(report, official.key).official_sources) == 1
    assert line_of(report, secondary.key).official_sources == ()
    assert "no official source: shown as unverified" in line_of(report, secondary.key).attention
    assert report.with_official_source == 1
    assert report.official_share == 50.0


def test_a_passed_sunset_on_a_text_still_marked_in_force_needs_attention() -> None:
    stale = InstrumentFactory(effective_on=datetime.date(2022, 7, 1), sunset_on=datetime.date(2026, 7, 1))
    expired = InstrumentFactory(status="expired", effective_on=datetime.date(2022, 7, 1),
                                sunset_on=datetime.date(2026, 7, 1))
    report = register_report(ON)
    assert any("sunset 2026-07-01 has passed" in n for n in line_of(report, stale.key).attention)
    assert not any("sunset" in n for n in line_of(report, expired.key).attention)


def test_a_provision_without_quoted_words_needs_attention() -> None:
    quoted = ProvisionFactory(quote="Synthetic: no department shall use face recognition.")
    bare = ProvisionFactory(quote="")
    report = register_report(ON)
    assert not any("no quoted text" in n for n in line_of(report, quoted.instrument.key).attention)
    assert f"provision {bare.key} has no quoted text" in line_of(report, bare.instrument.key).attention


def test_an_unverified_text_last_checked_over_a_year_ago_needs_another_look() -> None:
    old = InstrumentFactory(verified=False, doubt="Synthetic doubt", checked_on=datetime.date(2025, 6, 1))
    recent = InstrumentFactory(verified=False, doubt="Synthetic doubt", checked_on=datetime.date(2026, 11, 1))
    report = register_report(ON)
    assert any("unverified (◐) since 2025-06-01" in n for n in line_of(report, old.key).attention)
    assert not any("unverified (◐) since" in n for n in line_of(report, recent.key).attention)


def test_state_positions_come_from_the_law_in_force_or_a_survey_that_found_none() -> None:
    banning, silent, unknown = StateFactory(name="Synthetic Alpha"), StateFactory(name="Synthetic Beta"), StateFactory(
        name="Synthetic Gamma"
    )
    ProvisionFactory(type="prohibits_287g", binds="all_law_enforcement",
                     instrument__jurisdiction=banning, instrument__citation="Synthetic Stat. § 1")
    Survey.objects.create(jurisdiction=silent, topic="agreements_287g", finding="none_found",
                          checked_on=ON, note="Synthetic: no statute found.")
    PartnershipFactory(agency=AgencyFactory(home=PlaceFactory(state=unknown)), signed_on=datetime.date(2025, 1, 1))
    positions = {s.state: s for s in register_report(ON).states}
    assert (positions["Synthetic Alpha"].position, positions["Synthetic Alpha"].basis) == ("ban", "Synthetic Stat. § 1")
    assert positions["Synthetic Beta"].position == "none"
    assert positions["Synthetic Gamma"].position == "not stated"
    assert positions["Synthetic Gamma"].active_agreements == 1
    assert [s.state for s in register_report(ON).unstated_states] == ["Synthetic Gamma"]


def test_a_repealed_prohibition_states_no_position() -> None:
    state = StateFactory(name="Synthetic Delta")
    ProvisionFactory(type="prohibits_287g", instrument__jurisdiction=state, instrument__status="repealed",
                     instrument__repealed_on=datetime.date(2024, 1, 1))
    assert {s.state: s.position for s in register_report(ON).states}["Synthetic Delta"] == "not stated"


def report_queries() -> int:
    with CaptureQueriesContext(connection) as ctx:
        register_report(ON)
    return len(ctx.captured_queries)


def test_the_report_costs_the_same_for_two_instruments_and_for_eight() -> None:
    for _ in range(2):
        ProvisionFactory().instrument.sources.add(SourceFactory())
    few = report_queries()
    for _ in range(6):
        ProvisionFactory().instrument.sources.add(SourceFactory())
    assert report_queries() == few


def test_the_command_ends_on_the_summary_line() -> None:
    InstrumentFactory(verified=True).sources.add(SourceFactory(kind="court_opinion"))
    out = io.StringIO()
    call_command("laws_report", "--on", "2026-12-03", stdout=out)
    last = out.getvalue().strip().splitlines()[-1]
    assert last.startswith("1 instruments, 1 with an official source (100 %), 1 verified")


def test_the_admin_register_page_shows_the_summary_and_the_states(admin_client) -> None:  # type: ignore[no-untyped-def]
    InstrumentFactory(citation="Synthetic Code § 42")
    page = admin_client.get("/admin/laws/instrument/register/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Synthetic Code § 42" in text
    assert "287(g) position of each state" in text
    assert "Register health" in admin_client.get("/admin/laws/instrument/").content.decode()


def test_docs_fixtures_md_lists_every_instrument_of_the_fixtures() -> None:
    from django.conf import settings

    from tracker.laws.fixtures_doc import BEGIN, END, instrument_table

    doc = (settings.BASE_DIR / "docs" / "fixtures.md").read_text()
    # After changing fixtures/laws/, run: manage.py laws_report --fixtures-table
    assert doc.split(BEGIN, 1)[1].split(END, 1)[0].strip() == instrument_table()
