"""The reach question, answered law by law: does it reach federal partnerships, and whom does it leave out?"""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tracker.conflicts.reach import ReachRow, reach_rows
from tracker.laws.choices import FederalReach
from tracker.places.choices import STATE_LEVEL_KINDS
from tracker.places.models import Jurisdiction
from tracker.web.forms import ReachForm


def _rows(*, place: Jurisdiction | None, state: str, topic: str, on: date | None) -> list[ReachRow]:
    """The limits of a state, or those a place made itself and those of the counties it lies in."""
    if place is None:
        return reach_rows(state=state, topic=topic, on=on)
    if place.kind in STATE_LEVEL_KINDS:
        return reach_rows(state=place.postal_code, topic=topic, on=on)
    own = {place.ocd_id, *place.counties.values_list("ocd_id", flat=True)}
    rows = reach_rows(state=place.state.postal_code if place.state else "", topic=topic, on=on)
    return [r for r in rows if r.jurisdiction_ocd_id in own]


def reach(request: HttpRequest) -> HttpResponse:
    """Each limit in force, its reading of federal reach with the quoted words, and the agencies it binds or not."""
    form = ReachForm(request.GET or None)
    data = form.cleaned_data if request.GET and form.is_valid() else {}
    rows = (
        _rows(
            place=data.get("place"), state=data.get("state") or "", topic=data.get("topic") or "", on=data.get("as_of")
        )
        if not request.GET or form.is_valid()
        else []
    )
    return render(
        request,
        "web/reach.html",
        {
            "form": form,
            "rows": rows,
            "as_of": data.get("as_of"),
            "place": data.get("place"),
            "silent": sum(1 for r in rows if r.federal_reach in (FederalReach.SILENT, FederalReach.UNASSESSED)),
            "uncovered": sum(1 for r in rows if r.uncovered),
        },
    )
