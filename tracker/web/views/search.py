"""One search box over jurisdictions, agencies, instruments and flags."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tracker.web import search as finder
from tracker.web.forms import SearchForm

TITLES = {"jurisdictions": "Places", "agencies": "Agencies", "instruments": "Laws", "flags": "Flags"}


def search(request: HttpRequest) -> HttpResponse:
    """Each kind's first page; `?kind=` pages through one kind; a suggestion when nothing matched."""
    form = SearchForm(request.GET)
    q = form.cleaned_data["q"] if form.is_valid() else ""
    kind = form.cleaned_data.get("kind", "") if form.is_valid() else ""
    results = finder.search(q, kind=kind, page=request.GET.get("page", 1)) if q else None
    groups = [
        {"kind": name, "title": TITLES[name], "page": page,
         "more": urlencode({"q": q, "kind": name}), "base": urlencode({"q": q, "kind": name})}
        for name, page in (results.pages.items() if results else [])
    ]
    suggestion = results.query.suggestion if results else ""
    return render(request, "web/search.html", {
        "form": form, "q": q, "kind": kind, "results": results, "groups": groups,
        "suggestion": suggestion, "suggestion_query": urlencode({"q": suggestion}),
    })
