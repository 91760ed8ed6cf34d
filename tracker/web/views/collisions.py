"""Where the collisions are: open flags grouped by state and rule, with the agencies involved."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tracker.conflicts.selectors import collisions as collisions_rows
from tracker.web.forms import CollisionsFilterForm


def collisions(request: HttpRequest) -> HttpResponse:
    """The table, filtered by `as_of` and `state`."""
    form = CollisionsFilterForm(request.GET or None)
    as_of = state = None
    if form.is_valid():
        as_of, state = form.cleaned_data["as_of"], form.cleaned_data["state"] or None
    rows = collisions_rows(as_of=as_of, state=state)
    return render(request, "web/collisions.html", {
        "form": form, "rows": rows, "as_of": as_of, "state": state,
        "total": sum(r.flags for r in rows), "states": len({r.state for r in rows}),
    })
