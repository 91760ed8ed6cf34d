"""Four questions a lawyer and a legislator bring, walked in a real browser on the shipped data.

The shipped data (`manage.py demo_data`: the fixtures, the OCD registry, every ICE sheet, a sweep) is
loaded once, then each question is walked as a subtest in a fresh browser tab against the live server.
Each answer on a page is checked against the database, computed in the test by another path than the
page's own, so a wrong page fails; only what the law itself fixes (which city has an ordinance,
Maryland's 2026 act) is written here.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db.models import Count

from tracker.conflicts.choices import OPEN_STATUSES, FlagStatus
from tracker.conflicts.models import Flag
from tracker.conflicts.registry import registry
from tracker.conflicts.selectors import collisions
from tracker.conflicts.tables import COLUMNS as FLAG_COLUMNS
from tracker.laws.choices import FR_BAN_TYPES, FederalReach, ProvisionType
from tracker.laws.models import Instrument, Provision
from tracker.partnerships.models import Partnership
from tracker.partnerships.querysets import active_on
from tracker.places.dossier import dossier_for
from tracker.places.models import Jurisdiction
from tracker.places.querysets import Place, presences

# Playwright's sync API runs an event loop in this thread; Django's ORM must still be usable here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
#: Maryland's 2026 emergency acts banning 287(g) agreements (Chapters 1 and 2 of 2026, in force 17 Feb 2026).
MARYLAND_2026 = "us-md-2026-emergency-acts-287g-ban"
#: Springfield's 2020 face-surveillance moratorium; New Orleans' 2022 face-recognition conditions.
SPRINGFIELD = "ocd-division/country:us/state:ma/place:springfield"
NEW_ORLEANS = "ocd-division/country:us/state:la/place:new_orleans"

ROWS_JS = """() => {
  const table = document.querySelector("table.data");
  const heads = [...table.querySelectorAll("thead th")].map(th => th.innerText.trim());
  return [...table.querySelectorAll("tbody tr")].map(tr => {
    const row = Object.fromEntries([...tr.children].map((td, i) => [heads[i], td.innerText.trim()]));
    const flag = tr.querySelector('a[href^="/flags/"]');
    row._flag = flag ? Number(flag.getAttribute("href").split("/")[2]) : null;
    return row;
  });
}"""


@pytest.fixture
def browser() -> Iterator[Any]:
    """Headless Debian Chromium; fails (never skips) when it is not installed."""
    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: apt-get install -y chromium"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def table(page: Any) -> list[dict[str, Any]]:
    """The rows of the page's data table, heading → cell text, with `_flag` the flag a row links."""
    return page.evaluate(ROWS_JS)


def state(code: str) -> Jurisdiction:
    """A state by its postal code."""
    return Jurisdiction.objects.states().get(postal_code=code)


def virginia_task_force_agencies_under_state_face_recognition_law(page: Any, tmp_path: Path) -> None:
    """A Virginia lawyer: which Task Force agencies may be violating the state's face-recognition law?"""
    # Which face-recognition rules have open flags in Virginia, and which flags each counts (from the flags).
    virginia = state("VA")
    rules = sorted(r.rule_id for r in collisions(state="VA") if r.rule_id.startswith("FR-"))
    assert rules, "the shipped data flags Virginia's Task Force agencies under its face-recognition law"
    page.goto("/collisions/")
    page.select_option("#id_state", "VA")
    page.get_by_role("button", name="Show").click()
    for rule_id in rules:
        flags = {
            f.pk: f
            for f in Flag.objects.open()
            .concerning(virginia)
            .filter(rule_id=rule_id)
            .select_related("agency", "partnership__program")
        }
        programs = {f.partnership.program.name for f in flags.values()}
        assert programs and all("Task Force" in name for name in programs)

        row = page.locator("tr", has=page.get_by_text(rule_id, exact=True))
        count = row.get_by_role("link", name=str(len(flags)), exact=True)
        count.click()
        page.wait_for_load_state()
        assert "state=VA" in page.url and f"rule={rule_id}" in page.url
        rows = table(page)
        assert {r["_flag"] for r in rows} == set(flags)
        assert {(r["_flag"], r["Agency"], r["Program"]) for r in rows} == {
            (pk, f.agency.name, f.partnership.program.name) for pk, f in flags.items()
        }

        # The CSV of the same rows: the page's headings, in words; cells in words, no database keys.
        with page.expect_download() as download:
            page.get_by_role("link", name="CSV").click()
        path = tmp_path / f"{rule_id}.csv"
        download.value.save_as(str(path))
        header, *lines = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
        assert header == [str(c.label) for c in FLAG_COLUMNS]
        assert not any(re.fullmatch(r"[a-z_]+", h) for h in header)
        assert sorted((line[header.index("Agency")], line[header.index("Program")]) for line in lines) == sorted(
            (f.agency.name, f.partnership.program.name) for f in flags.values()
        )
        assert {line[header.index("Rule")] for line in lines} == {rule_id}
        assert {line[header.index("Status")] for line in lines} <= {str(FlagStatus(s).label) for s in OPEN_STATUSES}
        keys = {str(pk) for pk in flags} | {str(f.agency_id) for f in flags.values()}
        assert not keys & {cell for line in lines for cell in line}
        page.go_back()


def maryland_agreements_as_of_august_2025(page: Any, tmp_path: Path) -> None:
    """Every Maryland agency holding an agreement on 1 August 2025, and no flag yet under the 2026 ban."""
    day = date(2025, 8, 1)
    in_force = [
        p
        for p in Partnership.objects.filter(agency__state__postal_code="MD").select_related("agency", "program")
        if active_on(p, day)
    ]
    assert in_force, "Maryland's sheriffs held agreements in August 2025"
    page.goto("/tables/agreements/")
    page.select_option("#id_state", "MD")
    page.fill("#id_active_on", day.isoformat())
    page.get_by_role("button", name="Show").click()
    page.wait_for_load_state()
    assert "Agreements in effect on 2025-08-01" in page.inner_text("main")
    rows = table(page)
    assert sorted((r["Agency"], r["Program"], r["Last listed"]) for r in rows) == sorted(
        (p.agency.name, p.program.name, p.last_seen_on.isoformat() if p.last_seen_on else "—") for p in in_force
    )

    # Maryland's dossier judged on that day: the 2026 act is not yet law, so no finding rests on it; a control
    # date after it took effect shows findings under it, so the first answer is not an empty page.
    ban = Instrument.objects.get(key=MARYLAND_2026)
    page.goto(f"/j/{state('MD').ocd_id}/")
    for on, in_force in ((day, False), (date(2026, 3, 1), True)):
        page.fill("#id_as_of", on.isoformat())
        page.get_by_role("button", name="Apply").click()
        page.wait_for_load_state()
        assert f"judge {on.isoformat()}" in page.locator("#flags").inner_text()
        law = page.locator(f"#law-{ban.pk}").inner_text()
        assert (f"not in force on {on.isoformat()}" in law) is not in_force
        judged = {r["Provision"] for r in table(page)} if page.locator("table.data").count() else set()
        assert any(ban.citation in cell for cell in judged) is in_force


def reach_card(page: Any, citation: str) -> Any:
    """The reach page's card of one law."""
    return page.locator("section.reach", has=page.get_by_role("heading", name=re.compile(re.escape(citation))))


def operating_with_agreements(ocd_id: str) -> set[str]:
    """Agencies policing a place that hold a federal partnership in effect today (the dossier's facts)."""
    jurisdiction = Jurisdiction.objects.get(ocd_id=ocd_id)
    found = dossier_for(jurisdiction)
    counties = tuple(jurisdiction.counties.values_list("pk", flat=True))
    place = Place(jurisdiction.pk, jurisdiction.kind, jurisdiction.state_id, counties)
    return {
        a.name for a in found["agencies"]
        if any(p.active_then for p in a.partnership_list)
        and any(way.operates for way in presences(place, a.coverage_list, a.home_id))  # policing, not only serving
    }


def reach_of_city_face_recognition_ordinances(page: Any, tmp_path: Path) -> None:
    """A city's face-recognition ordinance: its words on federal reach, and who works there under federal agreements."""
    for ocd_id in (SPRINGFIELD, NEW_ORLEANS):
        place = Jurisdiction.objects.get(ocd_id=ocd_id)
        page.goto(f"/j/{ocd_id}/")
        page.get_by_role("link", name="Does this law reach federal partnerships?").click()
        page.wait_for_load_state()
        provisions = list(
            Provision.objects.in_force()
            .of_type(*FR_BAN_TYPES, ProvisionType.FR_CONDITIONS)
            .filter(instrument__jurisdiction=place)
            .select_related("instrument")
        )
        assert provisions, f"{place.name} has a face-recognition ordinance in force"
        agencies = operating_with_agreements(ocd_id)
        for provision in provisions:
            card = reach_card(page, provision.instrument.citation)
            text = " ".join(card.first.inner_text().split())
            reading = str(FederalReach(provision.federal_reach).label)
            assert f"Reaches federal partnerships? {reading}" in text
            if provision.federal_reach_quote:
                assert f"“{' '.join(provision.federal_reach_quote.split())}”" in text
            listed = {re.split(r" — ", li)[0] for li in card.first.locator("li").all_inner_texts()}
            assert listed == agencies
            if not agencies:
                assert "No agency with a federal partnership on record works where it applies." in text
    assert operating_with_agreements(NEW_ORLEANS), "statewide Task Force agencies work in New Orleans"


def county_page_with_its_sheriffs_flags(page: Any, tmp_path: Path) -> None:
    """The county of the most flagged sheriff: the map's count, the flags, and what would resolve each."""
    # The sheriff with the most open flags (the lowest id among equals).
    busiest = (
        Flag.objects.open()
        .filter(agency__kind="sheriff")
        .values("agency")
        .annotate(n=Count("id"))
        .order_by("-n", "agency")
        .first()
    )
    assert busiest is not None
    flags = list(
        Flag.objects.open().filter(agency_id=busiest["agency"]).select_related("agency__home__state").order_by("id")
    )
    sheriff, county = flags[0].agency, flags[0].agency.home
    on_the_map = Flag.objects.open().concerning(county).count()
    assert on_the_map >= len(flags) >= 2

    # The state's county map, read through its table, counts the county's open flags.
    page.goto(f"/map/{county.state.geoid}/")
    page.get_by_text("The map as a table").click()
    row = page.locator("details tr", has=page.locator(f'a[href="/j/{county.ocd_id}/"]'))
    assert row.locator("td").inner_text() == str(on_the_map)
    row.get_by_role("link").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/j/{county.ocd_id}/")

    cards = page.locator("article.card", has=page.locator('h3 a[href^="/flags/"]'))
    open_labels = tuple(str(FlagStatus(s).label) for s in OPEN_STATUSES)
    open_cards = [c for c in cards.all() if any(f">{label}<" in c.inner_html() for label in open_labels)]
    assert len(open_cards) == on_the_map
    for flag in flags:
        card = cards.filter(has=page.locator(f'h3 a[href="/flags/{flag.pk}/"]'))
        assert sheriff.name in card.inner_text()
        panel = card.locator(".resolve")
        assert panel.get_by_role("heading", name="What would resolve this").count() == 1
        stated = panel.locator("li").all_inner_texts()
        remedies = list(registry.get(flag.rule_id).remedies)
        assert remedies and stated[: len(remedies)] == remedies

    first = flags[0]
    page.get_by_role("link", name=f"{first.rule_id} #{first.pk}", exact=True).click()
    page.wait_for_load_state()
    panel = page.locator("section.resolve")
    assert panel.get_by_role("heading", name="What would resolve this").count() == 1
    assert registry.get(first.rule_id).remedies[0] in panel.inner_text()


QUESTIONS = [
    virginia_task_force_agencies_under_state_face_recognition_law,
    maryland_agreements_as_of_august_2025,
    reach_of_city_face_recognition_ordinances,
    county_page_with_its_sheriffs_flags,
]


def test_the_pages_answer_a_lawyers_and_a_legislators_questions(live_server, browser, subtests, tmp_path) -> None:  # type: ignore[no-untyped-def]
    call_command("demo_data", stdout=io.StringIO())  # the shipped data, once for every question (about 1.5 minutes)
    for question in QUESTIONS:
        with subtests.test(msg=question.__name__):
            context = browser.new_context(
                accept_downloads=True, viewport={"width": 1280, "height": 900}, base_url=live_server.url
            )
            page = context.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda error, errors=errors: errors.append(str(error)))
            try:
                question(page, tmp_path)
            finally:
                context.close()
            assert errors == [], f"page errors: {errors}"
