"""Tables people can take away: the flags and the agreements a filter selects, sortable, as CSV, XLSX or a memo."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils import timezone

from tracker.common.tables import Column, export_rows, sorted_rows
from tracker.common.tabular import csv_response, xlsx_response
from tracker.conflicts.tables import COLUMNS as FLAG_COLUMNS
from tracker.conflicts.tables import FlagFilter, flag_table
from tracker.partnerships.tables import COLUMNS as AGREEMENT_COLUMNS
from tracker.partnerships.tables import AgreementFilter, agreement_table
from tracker.web.forms import AgreementTableForm, FlagTableForm
from tracker.web.memo import MAX_FLAGS

PAGE_SIZE = 100


def _headers(request: HttpRequest, columns: Sequence[Column[Any]], sort: str) -> list[dict[str, str]]:
    """Each column's header with the link that sorts by it (again: the other way)."""
    params = request.GET.copy()
    params.pop("page", None)
    headers = []
    for column in columns:
        params["sort"] = f"-{column.key}" if sort == column.key else column.key
        state = "ascending" if sort == column.key else "descending" if sort == f"-{column.key}" else ""
        headers.append({"label": column.label, "href": "?" + params.urlencode(), "sorted": state})
    return headers


def _answer(request: HttpRequest, *, rows: Sequence[Any], columns: Sequence[Column[Any]], name: str,
            template: str, context: dict[str, Any]) -> HttpResponseBase:
    """The page (paged), or the whole table as CSV or XLSX with the same columns."""
    rows, sort = sorted_rows(rows, columns, request.GET.get("sort", ""))
    fmt = request.GET.get("format", "")
    filename = f"lookout-{name}-{timezone.localdate().isoformat()}"
    if fmt == "csv":
        return csv_response(export_rows(rows, columns), filename)
    if fmt == "xlsx":
        return xlsx_response(export_rows(rows, columns), filename)
    params = request.GET.copy()
    params.pop("page", None)
    params.pop("format", None)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, template, {
        **context, "page": page, "headers": _headers(request, columns, sort), "total": len(rows),
        "query": params.urlencode(), "lines": [(r, [(c.key, c.value(r)) for c in columns]) for r in page.object_list],
    })


def flags_table(request: HttpRequest) -> HttpResponseBase:
    """Flags by state, place, rule, severity, status and program, stored or judged as of a date."""
    form = FlagTableForm(request.GET or None)
    rows: list[Any] = []
    flt = FlagFilter()
    if not request.GET or form.is_valid():
        data = form.cleaned_data if request.GET else {}
        flt = FlagFilter(state=data.get("state") or "", place=data.get("place"), rule_id=data.get("rule") or "",
                         min_severity=data.get("severity"), status=data.get("status") or "open",
                         model=data.get("model") or "", as_of=data.get("as_of"))
        rows = flag_table(flt)
    ids = [r.flag_id for r in rows if r.flag_id]
    memo = "?" + urlencode({"flags": ",".join(map(str, ids[:MAX_FLAGS]))}) if ids else ""
    return _answer(request, rows=rows, columns=FLAG_COLUMNS, name="flags", template="web/table_flags.html",
                   context={"form": form, "filter": flt, "memo_query": memo, "memo_capped": len(ids) > MAX_FLAGS,
                            "max_flags": MAX_FLAGS, "as_of": flt.as_of})


def agreements_table(request: HttpRequest) -> HttpResponseBase:
    """ICE 287(g) agreements by state, place, program and status, active on a date."""
    form = AgreementTableForm(request.GET or None)
    rows: list[Any] = []
    flt = AgreementFilter()
    if not request.GET or form.is_valid():
        data = form.cleaned_data if request.GET else {}
        flt = AgreementFilter(state=data.get("state") or "", place=data.get("place"), model=data.get("model") or "",
                              status=data.get("status") or "active", active_on=data.get("active_on"))
        rows = agreement_table(flt)
    on: date = flt.active_on or timezone.localdate()
    return _answer(request, rows=rows, columns=AGREEMENT_COLUMNS, name="agreements",
                   template="web/table_agreements.html", context={"form": form, "filter": flt, "on": on})
