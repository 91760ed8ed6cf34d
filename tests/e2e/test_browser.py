"""End to end in a real browser: Debian's Chromium, driven by Playwright, against a live server.

The scenario a lawyer and a reviewer walk through: map, search, dossier, flag, dismissal with a
reason, and the memo downloaded as a PDF whose text carries the flag's citation. Each page is
saved under docs/screenshots/. No request may leave 127.0.0.1 and no page may throw.
"""

import os
import shutil
import subprocess
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from tests.factories.conflicts import city_case, join, task_force_program
from tracker.alerts.links import site_reverse
from tracker.common.roles import REVIEWERS
from tracker.conflicts.choices import FlagStatus
from tracker.conflicts.engine import sweep
from tracker.conflicts.models import Flag
from tracker.importers.models import ImportRun

# Playwright's sync API runs an event loop in this thread; Django's ORM must still be usable here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


@pytest.fixture
def browser():  # type: ignore[no-untyped-def]
    """Headless Debian Chromium; fails (never skips) when it is not installed."""
    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: apt-get install -y chromium"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def flagged_city():  # type: ignore[no-untyped-def]
    """A synthetic ban city whose county sheriff joined the Task Force Model, swept, with an ICE sheet run."""
    case = city_case()
    case.city.name = "Synthetic Harborview"
    case.city.save()
    join(case.sheriff, task_force_program(), moa_url="https://example.org/synthetic/moa.pdf")
    sweep()
    ImportRun.objects.create(importer="ice_287g", file_name="synthetic-sheet.xlsx", sha256="0" * 64,
                             as_of=date(2025, 7, 18))
    return case, Flag.objects.get(rule_id="FR-FED-001", agency=case.sheriff)


def session_cookie(user, base_url: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """A signed-in session made without the sign-in form (django-axes guards that form)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    return {"name": "sessionid", "value": cookie.value, "url": base_url}


def shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def pdf_text(path: Path) -> str:
    exe = shutil.which("pdftotext")
    assert exe, "pdftotext (Debian poppler-utils) is required"
    return subprocess.run([exe, "-layout", str(path), "-"], check=True, capture_output=True, text=True).stdout  # noqa: S603


def open_page(browser):  # type: ignore[no-untyped-def]
    """A new page, with the URLs it requests and the errors it throws collected."""
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    return context, page, requests, errors


def dismiss(page, reason: str) -> None:  # type: ignore[no-untyped-def]
    """Dismiss the flag shown, with a reason."""
    form = page.locator("form", has=page.get_by_role("button", name="Dismiss"))
    form.locator("textarea[name=reason]").fill(reason)
    form.get_by_role("button", name="Dismiss").click()
    page.wait_for_load_state()


def downloaded_pdf_text(page, tmp_path: Path) -> str:  # type: ignore[no-untyped-def]
    """Click the page's "Download PDF" link; the text of the PDF it gives."""
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download PDF").click()
    pdf = tmp_path / "memo.pdf"
    download_info.value.save_as(str(pdf))
    assert pdf.read_bytes().startswith(b"%PDF")
    return pdf_text(pdf)


def assert_stayed_local(requests: list[str], errors: list[str]) -> None:
    """No request left 127.0.0.1 and no page threw."""
    outside = sorted({url for url in requests if urlsplit(url).scheme in ("http", "https", "ws", "wss")
                      and urlsplit(url).hostname not in LOCAL_HOSTS})
    assert outside == [], f"requests left 127.0.0.1: {outside}"
    assert errors == [], f"page errors: {errors}"


def test_a_reviewer_dismisses_a_flag_and_the_memo_pdf_cites_it(live_server, browser, django_user_model, tmp_path):
    case, flag = flagged_city()
    citation = case.ban.instrument.citation
    reviewer = django_user_model.objects.create_user("synthetic-e2e-reviewer", email="reviewer@example.org")
    reviewer.groups.add(Group.objects.get_or_create(name=REVIEWERS)[0])

    context, page, requests, errors = open_page(browser)

    # The national map, then a search for the city.
    page.goto(live_server.url + "/")
    shot(page, "01-home-map")
    page.fill("header form[role=search] input[name=q]", "Harborview")
    page.press("header form[role=search] input[name=q]", "Enter")
    page.wait_for_load_state()
    assert "Synthetic Harborview" in page.content()
    shot(page, "02-search")

    # Its dossier, then the flag.
    page.get_by_role("link", name="Synthetic Harborview").first.click()
    page.wait_for_load_state()
    assert citation in page.content() and case.sheriff.name in page.content()
    shot(page, "03-dossier")
    page.get_by_role("link", name=f"FR-FED-001 #{flag.pk}").first.click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/flags/{flag.pk}/")
    shot(page, "04-flag")

    # A reviewer signs in and dismisses it with a reason.
    context.add_cookies([session_cookie(reviewer, live_server.url)])
    page.reload()
    page.get_by_role("button", name="Start review").click()
    page.wait_for_load_state()
    dismiss(page, "Synthetic reason: the sheriff's agreement was checked and ended.")
    flag.refresh_from_db()
    assert flag.status == FlagStatus.DISMISSED
    assert flag.events.filter(to_status=FlagStatus.DISMISSED, reason__startswith="Synthetic reason").exists()
    shot(page, "05-flag-dismissed")

    # The memo, as a page and as a downloaded PDF.
    page.goto(live_server.url + site_reverse("memo-jurisdiction", case.city.ocd_id))
    assert citation in page.content()
    shot(page, "06-memo")
    text = downloaded_pdf_text(page, tmp_path)
    assert citation in text
    flat = " ".join(text.split())
    assert "rule FR-FED-001" in flat and "status dismissed" in flat  # closed by review, and said so
    assert "Synthetic reason" not in text  # the memo is public: the reviewer's reason stays private

    # The reviewer's watches.
    page.goto(live_server.url + site_reverse("alerts:list"))
    page.fill("input[name=jurisdiction]", case.city.ocd_id)
    page.get_by_role("button", name="Follow").click()
    page.wait_for_load_state()
    assert "Synthetic Harborview" in page.content()
    shot(page, "07-watches")

    context.close()
    assert_stayed_local(requests, errors)
    assert len(requests) > 7
