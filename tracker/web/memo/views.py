"""The memo pages: a jurisdiction's or a selection of flags', as a printable page or a tagged PDF."""

from __future__ import annotations

from dataclasses import fields
from datetime import date
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_GET

from tracker.alerts.links import site_reverse
from tracker.common.ids import parse_id
from tracker.common.roles import can_see_private
from tracker.places.models import Jurisdiction
from tracker.web.memo.memos import MAX_FLAGS, Memo, memo_for_flags, memo_for_jurisdiction
from tracker.web.throttles import pdf_allowed

#: The last part a memo may ask for (a sanity bound on `?page=`, far above any real memo).
MAX_PAGE = 10_000
#: Rows of the whole summary a PDF part repeats (about a page); past that it sums up its own flags only.
PDF_SUMMARY_ROWS = 20


class BadQuery(ValueError):
    """A query string the memo cannot answer; the message says what to send instead."""


def parse_flag_ids(raw: str) -> list[int]:
    """'1,2,3' → [1, 2, 3]; ValueError on anything else, or on too many."""
    parsed = [parse_id(p) for p in raw.split(",") if p.strip()]
    if not parsed or None in parsed:
        raise BadQuery("flags must be a comma-separated list of flag ids, e.g. ?flags=1,2,3")
    ids = sorted({p for p in parsed if p is not None})
    if len(ids) > MAX_FLAGS:
        raise BadQuery(f"A memo holds at most {MAX_FLAGS} flags.")
    return ids


def parse_query(request: HttpRequest, allowed: set[str]) -> int:
    """The part asked for (?page=, 1 by default); BadQuery on an unknown parameter or a bad page."""
    unknown = set(request.GET) - allowed - {"page"}
    if unknown:
        raise BadQuery(f"Unknown parameter(s): {', '.join(sorted(unknown))}.")
    page = parse_id(request.GET.get("page", "1"))
    if page is None or not 1 <= page <= MAX_PAGE:
        raise BadQuery("page must be a part number: 1, 2, 3…")
    return page


def _url(name: str, *args: str, query: dict[str, str]) -> str:
    query = {k: v for k, v in query.items() if v and not (k == "page" and v == "1")}
    return site_reverse(name, *args) + (f"?{urlencode(query, safe=',')}" if query else "")


def _render(
    request: HttpRequest,
    memo: Memo,
    *,
    pdf: bool,
    names: tuple[str, str],
    args: tuple[str, ...],
    query: dict[str, str],
    filename: str,
) -> HttpResponse:
    """The memo as HTML, or as a PDF within the PDF rate limit."""

    def part_url(name: str, page: int) -> str:
        return _url(name, *args, query={**query, "page": str(page)})

    context = {
        **{f.name: getattr(memo, f.name) for f in fields(memo)},
        "pdf": pdf,
        "cite_url": request.build_absolute_uri(part_url(names[0], memo.part)),
        "pdf_url": part_url(names[1], memo.part),
        "part_urls": [(n, part_url(names[0], n)) for n in range(1, memo.parts + 1)],
        "viewer_sees_private": can_see_private(request.user),
    }
    if pdf and memo.parts > 1 and len(memo.summary) > PDF_SUMMARY_ROWS:
        # The summary of a long memo runs to pages, and pages are what a PDF costs (bench/README.md):
        # its PDF parts sum up their own flags; the page of the memo keeps the whole summary.
        context["summary"] = [g for g in memo.summary if g.part == memo.part]
        context["part_flag_count"] = sum(len(g.findings) for g in context["summary"])
        context["whole_summary_url"] = request.build_absolute_uri(part_url(names[0], memo.part))
    if not pdf:
        return render(request, "web/memo.html", context)
    allowed, wait = pdf_allowed(request)
    if not allowed:
        response = HttpResponse(
            f"Too many PDF memos at once: try again in {wait} seconds, or read the HTML memo.",
            content_type="text/plain",
            status=429,
        )
        response["Retry-After"] = str(wait)
        return response
    from tracker.web.pdf import html_to_pdf  # WeasyPrint takes a second to import: only when a PDF is asked for

    pdf_bytes = html_to_pdf(render_to_string("web/memo.html", context, request=request))
    response = HttpResponse(pdf_bytes, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _bad(exc: BadQuery) -> HttpResponse:
    return HttpResponseBadRequest(str(exc), content_type="text/plain")


def _filename(stem: str, part: int, parts: int, day: date) -> str:
    tail = f"-part{part}" if parts > 1 else ""
    return f"lookout-memo-{stem}{tail}-{day.isoformat()}.pdf"


def _jurisdiction_memo(request: HttpRequest, ocd_id: str, *, pdf: bool) -> HttpResponse:
    try:
        page = parse_query(request, set())
    except BadQuery as exc:
        return _bad(exc)
    jurisdiction = Jurisdiction.objects.by_ocd_id(ocd_id).first()
    if jurisdiction is None:
        raise Http404("No jurisdiction has this OCD id.")
    memo = memo_for_jurisdiction(jurisdiction, page=page)
    stem = jurisdiction.ocd_id.rsplit("/", 1)[-1].replace(":", "-")
    return _render(
        request,
        memo,
        pdf=pdf,
        names=("memo-jurisdiction", "memo-jurisdiction-pdf"),
        args=(jurisdiction.ocd_id,),
        query={},
        filename=_filename(stem, page, memo.parts, memo.memo_date),
    )


def _flags_memo(request: HttpRequest, *, pdf: bool) -> HttpResponse:
    try:
        page = parse_query(request, {"flags"})
        ids = parse_flag_ids(request.GET.get("flags", ""))
    except BadQuery as exc:
        return _bad(exc)
    memo = memo_for_flags(ids, page=page)
    stem = "flags-" + "-".join(map(str, ids[:5]))
    return _render(
        request,
        memo,
        pdf=pdf,
        names=("memo-flags", "memo-flags-pdf"),
        args=(),
        query={"flags": ",".join(map(str, ids))},
        filename=_filename(stem, page, memo.parts, timezone.localdate()),
    )


@require_GET
def jurisdiction_memo(request: HttpRequest, ocd_id: str) -> HttpResponse:
    """The memo of a jurisdiction, as a printable page (?page=N for the next parts of a long one)."""
    return _jurisdiction_memo(request, ocd_id, pdf=False)


@require_GET
def jurisdiction_memo_pdf(request: HttpRequest, ocd_id: str) -> HttpResponse:
    """The memo of a jurisdiction, as a tagged PDF."""
    return _jurisdiction_memo(request, ocd_id, pdf=True)


@require_GET
def flags_memo(request: HttpRequest) -> HttpResponse:
    """The memo of the flags named in ?flags=1,2,3, as a printable page."""
    return _flags_memo(request, pdf=False)


@require_GET
def flags_memo_pdf(request: HttpRequest) -> HttpResponse:
    """The memo of the flags named in ?flags=1,2,3, as a tagged PDF."""
    return _flags_memo(request, pdf=True)
