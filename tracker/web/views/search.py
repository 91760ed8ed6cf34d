"""One search box over jurisdictions, agencies, instruments and flags."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tracker.web import selectors
from tracker.web.forms import SearchForm


def search(request: HttpRequest) -> HttpResponse:
    """Results grouped by kind, each group capped."""
    form = SearchForm(request.GET)
    q = form.cleaned_data["q"] if form.is_valid() else ""
    results = selectors.search(q) if q else {}
    return render(request, "web/search.html", {"form": form, "q": q, "results": results,
                                               "limit": selectors.SEARCH_LIMIT})
