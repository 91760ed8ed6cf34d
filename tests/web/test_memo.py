"""The memo: facts, conflicts and as-of dates, as HTML and PDF; public-safe and escaped."""

import shutil
import subprocess
from datetime import date

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories.conflicts import city_case, join, task_force_program
from tests.factories.places import AgencyCoverageFactory, AgencyFactory
from tests.factories.sources import SourceFactory
from tracker.common.roles import REVIEWERS
from tracker.conflicts.engine import sweep
from tracker.conflicts.models import Flag
from tracker.conflicts.services import flag_assign, flag_note_add, flag_transition
from tracker.importers.models import ImportRun
from tracker.web.memo import parse_flag_ids, safe_href
from tracker.web.pdf import LocalStaticFetcher, RefusedResourceError

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.alerts.urls")]
SWEEP_DAY = date(2026, 6, 1)


def flagged_city():  # type: ignore[no-untyped-def]
    """A synthetic ban city whose county sheriff joined the Task Force Model, swept, with an ICE sheet run."""
    case = city_case()
    join(case.sheriff, task_force_program(), moa_url="https://example.org/synthetic/moa.pdf")
    sweep(as_of=SWEEP_DAY)
    ImportRun.objects.create(importer="ice_287g", file_name="synthetic-sheet.xlsx", sha256="0" * 64,
                             as_of=date(2025, 7, 18))
    return case, Flag.objects.get(rule_id="FR-FED-001", agency=case.sheriff)


def poppler(tool: str, *args: str) -> str:
    """Run a poppler-utils tool (pdftotext, pdfinfo); fail loudly when it is missing."""
    exe = shutil.which(tool)
    assert exe, f"{tool} (Debian poppler-utils) is required"
    return subprocess.run([exe, *args], check=True, capture_output=True, text=True).stdout  # noqa: S603


def pdf_text(content: bytes, tmp_path) -> str:  # type: ignore[no-untyped-def]
    path = tmp_path / "memo.pdf"
    path.write_bytes(content)
    return poppler("pdftotext", "-layout", str(path), "-")


def test_jurisdiction_memo_states_the_law_the_agencies_the_conflicts_and_the_dates(client):
    case, flag = flagged_city()
    response = client.get(reverse("memo-jurisdiction", args=[case.city.ocd_id]))
    html = response.content.decode()
    assert response.status_code == 200
    instrument = case.ban.instrument
    assert instrument.citation in html and instrument.get_status_display() in html
    assert case.sheriff.name in html and "Synthetic 287(g) Task Force Model" in html
    assert "FR-FED-001" in html and flag.question in html
    assert "https://example.org/synthetic/moa.pdf" in html
    assert "18 July 2025" in html and "synthetic-sheet.xlsx" in html  # the newest ICE sheet
    assert "1 June 2026" in html  # the sweep the flags come from


def test_memo_url_takes_an_ocd_id_with_its_slashes():
    ocd_id = "ocd-division/country:us/state:z1/place:synthetic_city_1"
    assert reverse("memo-jurisdiction", args=[ocd_id]) == f"/memo/{ocd_id}/"
    assert reverse("memo-jurisdiction-pdf", args=[ocd_id]) == f"/memo/{ocd_id}.pdf"


def test_flags_memo_shows_each_selected_flag_with_both_sides_and_their_sources(client):
    case, flag = flagged_city()
    response = client.get(reverse("memo-flags"), {"flags": str(flag.pk)})
    html = response.content.decode()
    assert response.status_code == 200
    assert case.ban.instrument.citation in html and case.ban.summary in html
    for source in case.ban.instrument.sources.all():
        assert source.title in html
    assert "Federal partnership side" in html and "Synthetic face-matching app" in html


def test_unverified_facts_are_marked_as_such(client):
    case, _ = flagged_city()
    case.ban.instrument.__class__.objects.filter(pk=case.ban.instrument.pk).update(verified=False)
    html = client.get(reverse("memo-jurisdiction", args=[case.city.ocd_id])).content.decode()
    assert 'class="unverified-mark">unverified' in html


def test_pdf_is_a_letter_document_with_page_numbers_and_the_flag_citation(client, tmp_path):
    case, _ = flagged_city()
    response = client.get(reverse("memo-jurisdiction-pdf", args=[case.city.ocd_id]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="lookout-memo-place-synthetic_city')
    text = pdf_text(response.content, tmp_path)
    info = poppler("pdfinfo", str(tmp_path / "memo.pdf"))
    assert "612 x 792 pts (letter)" in info
    assert case.ban.instrument.citation in text
    assert "Page 1 of" in text


def test_no_private_note_or_dismissal_reason_reaches_the_memo_even_for_a_reviewer(client, django_user_model, tmp_path):
    case, flag = flagged_city()
    reviewer = django_user_model.objects.create_user("synthetic-reviewer-5150")
    reviewer.groups.add(Group.objects.get_or_create(name=REVIEWERS)[0])
    flag_assign(flag=flag, assignee=reviewer, by=reviewer, expected_version=flag.version)
    flag.refresh_from_db()
    flag_note_add(flag=flag, author=reviewer, text="SYNTHETIC PRIVATE NOTE 7731")
    flag = flag_transition(flag=flag, to="in_review", by=reviewer, expected_version=flag.version)
    flag_transition(flag=flag, to="dismissed", by=reviewer, reason="SYNTHETIC DISMISSAL REASON 7732",
                    expected_version=flag.version)
    client.force_login(reviewer)
    pages = [
        client.get(reverse("memo-jurisdiction", args=[case.city.ocd_id])).content.decode(),
        client.get(reverse("memo-flags"), {"flags": str(flag.pk)}).content.decode(),
        pdf_text(client.get(reverse("memo-jurisdiction-pdf", args=[case.city.ocd_id])).content, tmp_path),
        pdf_text(client.get(reverse("memo-flags-pdf"), {"flags": str(flag.pk)}).content, tmp_path),
    ]
    for page in pages:
        assert "7731" not in page and "7732" not in page and reviewer.username not in page
    assert "status dismissed" in pages[1]  # the public status is stated, the reason is not
    assert "reviewer notes, assignees and the review trail are left out" in pages[0]


def test_imported_markup_is_escaped_and_script_links_are_dropped(client, tmp_path):
    case, _ = flagged_city()
    instrument = case.ban.instrument
    instrument.title = 'Synthetic <script>alert("t")</script> Ordinance'
    instrument.url = "javascript:alert(1)"
    instrument.save()
    instrument.sources.add(SourceFactory(title="<img src=x onerror=alert(2)>", url="javascript:alert(2)"))
    sheriff = case.sheriff
    sheriff.name = "Synthetic <b>Bold</b> Sheriff"
    sheriff.save()
    sweep(as_of=SWEEP_DAY)
    html = client.get(reverse("memo-jurisdiction", args=[case.city.ocd_id])).content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html and "<b>Bold</b>" not in html
    assert "&lt;script&gt;" in html and "&lt;b&gt;Bold&lt;/b&gt;" in html
    assert "href=\"javascript:" not in html and "javascript:" not in html.split("What was found")[0]
    text = pdf_text(client.get(reverse("memo-jurisdiction-pdf", args=[case.city.ocd_id])).content, tmp_path)
    assert "<script>" in text  # shown as text, not run


def test_flags_memo_rejects_malformed_selections_and_unknown_flags(client):
    _, flag = flagged_city()
    assert client.get(reverse("memo-flags"), {"flags": "1,x"}).status_code == 400
    assert client.get(reverse("memo-flags")).status_code == 400
    assert client.get(reverse("memo-flags"), {"flags": str(flag.pk), "flag": "2"}).status_code == 400
    assert client.get(reverse("memo-flags"), {"flags": f"{flag.pk},{flag.pk + 999}"}).status_code == 404
    assert client.get(reverse("memo-jurisdiction", args=["ocd-division/country:us/state:zz"])).status_code == 404


def test_flag_ids_parse_strictly():
    assert parse_flag_ids("3, 1,3") == [1, 3]
    with pytest.raises(ValueError, match="at most"):
        parse_flag_ids(",".join(str(i) for i in range(1, 300)))


def test_only_absolute_web_links_survive():
    assert safe_href("https://example.org/a") == "https://example.org/a"
    assert safe_href("javascript:alert(1)") == ""
    assert safe_href("data:text/html,x") == ""
    assert safe_href("//example.org") == ""


def test_pdf_fetcher_reads_local_static_files_and_refuses_everything_else():
    fetcher = LocalStaticFetcher()
    assert b"@page" in fetcher.fetch("http://lookout.invalid/static/css/memo.css").read()
    for url in ("https://example.org/static/css/memo.css", "file:///etc/passwd",
                "http://lookout.invalid/static/../config/settings.py", "http://lookout.invalid/etc/passwd"):
        with pytest.raises(RefusedResourceError):
            fetcher.fetch(url)


def test_memo_query_count_does_not_grow_with_the_number_of_agencies(client):
    case, _ = flagged_city()
    url = reverse("memo-jurisdiction", args=[case.city.ocd_id])
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(3):
        agency = AgencyFactory(home=case.city, state=case.state)
        AgencyCoverageFactory(agency=agency)
        join(agency, task_force_program())
    sweep(as_of=SWEEP_DAY)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    # jurisdiction, counties, law + provisions + their sources + instrument sources, agencies + coverages +
    # sources + partnerships + their sources + deployments + their sources, flags, the newest ICE run
    assert len(many) == len(few) <= 16


def test_anonymous_pdf_memos_are_rate_limited_with_a_retry_after(client, settings) -> None:  # type: ignore[no-untyped-def]
    from unittest import mock

    from rest_framework.throttling import SimpleRateThrottle

    case = city_case()
    url = f"/memo/{case.city.ocd_id}.pdf"
    with mock.patch.dict(SimpleRateThrottle.THROTTLE_RATES, {"memo_pdf_anon": "1/minute"}), \
            mock.patch("tracker.web.pdf.html_to_pdf", return_value=b"%PDF-synthetic"):
        assert client.get(url).status_code == 200
        refused = client.get(url)
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
