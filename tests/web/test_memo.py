"""The memo: facts, conflicts and as-of dates, as HTML and PDF; public-safe and escaped."""

import re
import shutil
import subprocess
from datetime import date

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories.conflicts import city_case, join, task_force_program
from tests.factories.laws import ProvisionFactory
from tests.factories.places import AgencyCoverageFactory, AgencyFactory
from tests.factories.sources import SourceFactory
from tracker.common.roles import REVIEWERS
from tracker.conflicts.choices import Severity
from tracker.conflicts.engine import sweep
from tracker.conflicts.models import Flag
from tracker.conflicts.services import flag_assign, flag_note_add, flag_transition
from tracker.importers.models import ImportRun
from tracker.places.models import Jurisdiction
from tracker.sources.choices import SourceKind
from tracker.web.memo import conflicts as memo_conflicts
from tracker.web.memo.conflicts import group_flags
from tracker.web.memo.memos import MAX_FLAGS, split_into_parts
from tracker.web.memo.sources import safe_href
from tracker.web.memo.views import parse_flag_ids
from tracker.web.pdf import LocalStaticFetcher, RefusedResourceError

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.alerts.urls")]
SWEEP_DAY = date(2026, 6, 1)


def flagged_city():  # type: ignore[no-untyped-def]
    """A synthetic ban city whose county sheriff joined the Task Force Model, swept, with an ICE sheet run."""
    case = city_case()
    join(case.sheriff, task_force_program(), moa_url="https://example.org/synthetic/moa.pdf")
    sweep(as_of=SWEEP_DAY)
    ImportRun.objects.create(
        importer="ice_287g", file_name="synthetic-sheet.xlsx", sha256="0" * 64, as_of=date(2025, 7, 18)
    )
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
    assert "Federal partnership" in html and "Synthetic face-matching app" in html


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
    flag_transition(
        flag=flag, to="dismissed", by=reviewer, reason="SYNTHETIC DISMISSAL REASON 7732", expected_version=flag.version
    )
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
    assert 'href="javascript:' not in html and "javascript:" not in html.split("What was found")[0]
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
        parse_flag_ids(",".join(str(i) for i in range(1, MAX_FLAGS + 2)))


def test_only_absolute_web_links_survive():
    assert safe_href("https://example.org/a") == "https://example.org/a"
    assert safe_href("javascript:alert(1)") == ""
    assert safe_href("data:text/html,x") == ""
    assert safe_href("//example.org") == ""


def test_pdf_fetcher_reads_local_static_files_and_refuses_everything_else():
    fetcher = LocalStaticFetcher()
    assert b"@page" in fetcher.fetch("http://lookout.invalid/static/css/memo.css").read()
    for url in (
        "https://example.org/static/css/memo.css",
        "file:///etc/passwd",
        "http://lookout.invalid/static/../config/settings.py",
        "http://lookout.invalid/etc/passwd",
    ):
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
    # sources + partnerships + their sources + deployments + their sources, the ids the agencies and flags are read
    # by (places inside, counties, states, agencies there), flags and, by id, their agencies and provisions (and
    # other provisions, sharing arrangements and assignees, when a flag has one), the kinds of the sources the
    # flags cite, when their laws were checked, the newest ICE run
    assert len(many) == len(few) <= 24


def test_anonymous_pdf_memos_are_rate_limited_with_a_retry_after(client, settings) -> None:  # type: ignore[no-untyped-def]
    from unittest import mock

    from rest_framework.throttling import SimpleRateThrottle

    case = city_case()
    url = f"/memo/{case.city.ocd_id}.pdf"
    with (
        mock.patch.dict(SimpleRateThrottle.THROTTLE_RATES, {"memo_pdf_anon": "1/minute"}),
        mock.patch("tracker.web.pdf.html_to_pdf", return_value=b"%PDF-synthetic"),
    ):
        assert client.get(url).status_code == 200
        refused = client.get(url)
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0


def pdf_pages(content: bytes, tmp_path) -> list[str]:  # type: ignore[no-untyped-def]
    """The text of each page of a PDF (pdftotext separates pages by form feeds)."""
    path = tmp_path / "pages.pdf"
    path.write_bytes(content)
    return poppler("pdftotext", "-layout", str(path), "-").split("\f")[:-1]


def visible_text(html: str) -> str:
    """What a reader sees: no tags, no URLs (an OCD id in a link may hold underscores)."""
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.DOTALL)
    text = re.sub(r"<[^>]+>", " ", text)
    return re.sub(r"https?://\S+", " ", text)


def second_flag(flag: Flag, rule_id: str) -> Flag:
    """A second synthetic flag of the same agency under the same law, as another rule would raise it."""
    twin = Flag.objects.get(pk=flag.pk)
    twin.pk, twin.fingerprint, twin.rule_id, twin.severity = None, f"synthetic-{rule_id}", rule_id, Severity.MEDIUM
    twin.save()
    return twin


def test_first_pdf_page_holds_the_summary_table_and_the_cite_as_line(client, tmp_path):
    case, flag = flagged_city()
    response = client.get(reverse("memo-jurisdiction-pdf", args=[case.city.ocd_id]))
    first = pdf_pages(response.content, tmp_path)[0]
    assert "Summary: 1 flag" in first
    row = next(line for line in first.splitlines() if case.sheriff.name[:20] in line)
    assert flag.get_severity_display() in row and "1 new" in row and case.ban.instrument.citation in row
    assert "Cite as: Lookout" in first and f"/memo/{case.city.ocd_id}/" in first.replace("\n", "").replace(" ", "")
    assert "memo of " + timezone.localdate().strftime("%-d %B %Y") in first
    assert "ICE 287(g) data" in first and "18 July 2025" in first and "Law checked" in first


def test_cite_as_link_carries_the_memos_parameters(client):
    _, flag = flagged_city()
    html = client.get(reverse("memo-flags"), {"flags": str(flag.pk)}).content.decode()
    assert f'<a href="http://testserver/memo/flags/?flags={flag.pk}">' in html


def test_sources_form_one_numbered_list_official_first_and_facts_cite_them_by_number(client):
    case, flag = flagged_city()
    news = SourceFactory(title="Synthetic News Report", kind=SourceKind.NEWS)
    official = SourceFactory(title="Synthetic Official Text", kind=SourceKind.PRIMARY_TEXT)
    case.ban.instrument.sources.add(news, official)
    sweep(as_of=SWEEP_DAY)
    html = client.get(reverse("memo-flags"), {"flags": str(flag.pk)}).content.decode()
    body, _, listed = html.partition('id="sources-h"')
    items = re.findall(r'<li id="src-(\d+)" value="\d+">(.*?)</li>', listed, flags=re.DOTALL)
    numbers = [int(n) for n, _ in items]
    assert numbers == list(range(1, len(items) + 1)) and len(items) >= 4
    kinds = ["official:" in text for _, text in items]
    assert kinds == sorted(kinds, reverse=True) and kinds[0]  # every official source before any other
    official_number = next(n for n, text in items if "Synthetic Official Text" in text)
    assert f'href="#src-{official_number}"' in body
    assert "https://example.org" not in visible_text(body)  # no raw URL among the facts
    assert "https://example.org/synthetic/moa.pdf" in listed


def test_memo_states_codes_in_words(client):
    case, flag = flagged_city()
    second_flag(flag, "FR-FED-002")
    for url in (reverse("memo-jurisdiction", args=[case.city.ocd_id]), reverse("memo-flags") + f"?flags={flag.pk}"):
        text = visible_text(client.get(url).content.decode())
        assert re.findall(r"\b[a-z]+_[a-z_]+\b", text) == []  # fr_ban, operates_within, in_force, concurrent_…
        assert not re.search(r"severity \d", text) and flag.get_severity_display() in text
        assert "Face-recognition use ban" in text and "in force" in text.lower()


def test_one_agencys_flags_under_one_law_are_grouped_and_the_law_is_stated_once(client):
    case, flag = flagged_city()
    twin = second_flag(flag, "FR-FED-002")
    police_flag = Flag.objects.get(pk=flag.pk)
    police_flag.pk, police_flag.fingerprint, police_flag.agency = None, "synthetic-police", case.police
    police_flag.save()
    html = client.get(reverse("memo-flags"), {"flags": f"{flag.pk},{twin.pk},{police_flag.pk}"}).content.decode()
    assert html.count('class="group ') == 2 and html.count('class="finding"') == 3
    sheriff_group = next(g for g in html.split('class="group ')[1:] if case.sheriff.name in g.split("</h3>")[0])
    assert sheriff_group.count('class="finding"') == 2
    assert "3 flagged conflicts" in html and "2 new" in html
    anchor = f"prov-{case.ban.pk}"
    assert html.count(f'id="{anchor}"') == 1 and html.count(f'href="#{anchor}"') == 2  # stated once, cited twice
    assert html.count(case.ban.summary) == 1 + 3  # the statement, and each flag's own finding


def test_group_flags_keeps_agencies_and_laws_apart():
    place = Jurisdiction(name="Synthetic Place 1")
    law = {"citation": "Synthetic Code § 1", "jurisdiction": "Synthetic Place 1"}
    other_law = {"citation": "Synthetic Code § 2", "jurisdiction": "Synthetic Place 1"}

    def flag(pk: int, agency: int, provision: dict, severity: int) -> Flag:
        return Flag(
            pk=pk,
            jurisdiction=place,
            agency_id=agency,
            rule_id="FR-FED-001",
            severity=severity,
            status="new",
            explanation="Synthetic.",
            evidence={"provision": provision, "agency": {"name": f"Agency {agency}"}},
        )

    groups = group_flags([flag(1, 7, law, 20), flag(2, 8, law, 40), flag(3, 7, law, 30), flag(4, 7, other_law, 10)])
    assert [(g.agency, g.law, [f.flag.pk for f in g.findings]) for g in groups] == [
        ("Agency 8", "Synthetic Code § 1", [2]),
        ("Agency 7", "Synthetic Code § 1", [3, 1]),
        ("Agency 7", "Synthetic Code § 2", [4]),
    ]
    assert groups[1].severity == "S3 High" and groups[1].statuses == "2 new"


def test_a_long_memo_is_split_into_parts_each_with_the_whole_summary(client, monkeypatch):
    case, flag = flagged_city()
    police_flag = Flag.objects.get(pk=flag.pk)
    police_flag.pk, police_flag.fingerprint, police_flag.agency = None, "synthetic-police", case.police
    police_flag.save()
    monkeypatch.setattr("tracker.web.memo.memos.PART_FLAGS", 1)
    monkeypatch.setattr("tracker.web.memo.memos.FIRST_PART_FLAGS", 1)
    url = reverse("memo-jurisdiction", args=[case.city.ocd_id])
    first, second = client.get(url).content.decode(), client.get(url, {"page": "2"}).content.decode()
    for html in (first, second):
        assert html.count("<tr>") == 3  # the header and both rows of the summary
        assert html.count('class="group ') == 1
    assert "part 1 of 2" in first and "part 2 of 2" in second
    assert f"http://testserver/memo/{case.city.ocd_id}/?page=2" in second  # cite as this part
    assert ".pdf?page=2" in second and "1. The law" in first and "1. The law" not in second
    assert client.get(url, {"page": "3"}).status_code == 404
    for bad in ("0", "x", "-1"):
        assert client.get(url, {"page": bad}).status_code == 400
    assert client.get(url, {"pages": "2"}).status_code == 400


def test_the_pdf_part_of_a_long_memo_sums_up_its_own_flags_and_links_the_whole_summary(client, monkeypatch, tmp_path):
    case, flag = flagged_city()
    # Each flag names its agency as the sweep found it; short names never wrap in the summary's column, however
    # far the factories' sequences have run.
    agencies = ("Sheriff S", "Police P")
    police_flag = Flag.objects.get(pk=flag.pk)
    police_flag.pk, police_flag.fingerprint, police_flag.agency = None, "synthetic-police", case.police
    for row, name in zip((flag, police_flag), agencies, strict=True):
        row.evidence = {**row.evidence, "agency": {**row.evidence["agency"], "name": name}}
        row.save()
    monkeypatch.setattr("tracker.web.memo.memos.PART_FLAGS", 1)
    monkeypatch.setattr("tracker.web.memo.memos.FIRST_PART_FLAGS", 1)
    url = reverse("memo-jurisdiction-pdf", args=[case.city.ocd_id])
    assert "Summary: 2 flags" in pdf_text(client.get(url).content, tmp_path)  # a short summary is repeated whole
    monkeypatch.setattr("tracker.web.memo.views.PDF_SUMMARY_ROWS", 1)
    first, second = (" ".join(pdf_text(client.get(url, {"page": n}).content, tmp_path).split()) for n in ("1", "2"))
    assert "Summary of part 1: 1 of the memo's 2 flags" in first
    assert "Summary of part 2: 1 of the memo's 2 flags" in second
    # Each part's summary names only the agency whose flags it states.
    assert [a in first.split("Flags are leads")[0] for a in agencies].count(True) == 1
    assert [a in second.split("Flags are leads")[0] for a in agencies].count(True) == 1


def test_part_size_bounds_the_flags_a_part_states_in_detail():
    groups = [memo_conflicts.Group(key=(i,), place="", agency="", agency_how="", law="") for i in range(4)]
    for group, n in zip(groups, (3, 2, 5, 1), strict=True):
        group.findings = [object()] * n  # type: ignore[list-item]
    assert split_into_parts(groups, size=5) == 3
    assert [g.part for g in groups] == [1, 1, 2, 3]
    assert split_into_parts(groups, size=5, first=3) == 4  # a place's first part also states its law
    assert [g.part for g in groups] == [1, 2, 3, 4]


def test_pdf_memo_is_tagged_pdf_ua_with_title_and_language(client, tmp_path):
    case, _ = flagged_city()
    response = client.get(reverse("memo-jurisdiction-pdf", args=[case.city.ocd_id]))
    path = tmp_path / "memo.pdf"
    path.write_bytes(response.content)
    info = poppler("pdfinfo", str(path))
    assert re.search(r"^Tagged:\s+yes$", info, flags=re.MULTILINE)
    assert re.search(r"^Title:\s+.*local law and federal partnerships", info, flags=re.MULTILINE)
    assert 'pdfuaid:part="1"' in poppler("pdfinfo", "-meta", str(path))
    structure = poppler("pdfinfo", "-struct", str(path))
    assert "H1" in structure and "Table" in structure and "L" in structure.split()


def test_a_long_law_leaves_no_nearly_blank_page(client, tmp_path):
    case, _ = flagged_city()
    long_text = "Synthetic provision text that runs on to fill the page. " * 12
    for _ in range(14):
        ProvisionFactory(instrument=case.ban.instrument, summary=long_text)
    pages = pdf_pages(client.get(reverse("memo-jurisdiction-pdf", args=[case.city.ocd_id])).content, tmp_path)
    assert len(pages) >= 3
    for number, page in enumerate(pages[:-1], start=1):
        lines = [line for line in page.splitlines() if line.strip()]
        assert len(lines) >= 25, f"page {number} holds only {len(lines)} lines"
