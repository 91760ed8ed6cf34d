"""The reach question, answered law by law: does it reach federal partnerships, and whom does it leave out?"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tracker.conflicts.reach import reach_rows
from tracker.laws.choices import FederalReach
from tracker.web.forms import ReachForm


def reach(request: HttpRequest) -> HttpResponse:
    """Each limit in force, its reading of federal reach with the quoted words, and the agencies it binds or not."""
    form = ReachForm(request.GET or None)
    data = form.cleaned_data if request.GET and form.is_valid() else {}
    rows = reach_rows(state=data.get("state") or "", topic=data.get("topic") or "", on=data.get("as_of")) \
        if not request.GET or form.is_valid() else []
    return render(request, "web/reach.html", {
        "form": form, "rows": rows, "as_of": data.get("as_of"),
        "silent": sum(1 for r in rows if r.federal_reach in (FederalReach.SILENT, FederalReach.UNASSESSED)),
        "uncovered": sum(1 for r in rows if r.uncovered),
    })
