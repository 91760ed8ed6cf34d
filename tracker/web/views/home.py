"""The national map, a state's county map, counts by rule and recent changes."""

from __future__ import annotations

from dataclasses import replace

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from tracker.places.models import Jurisdiction
from tracker.web import maps, selectors


def home(request: HttpRequest) -> HttpResponse:
    """States coloured by open flags, each a link to its county map; counts by rule; recent changes."""
    shapes = [
        replace(s, link=reverse("web:state", args=[s.geoid])) if s.ocd_id else s
        for s in selectors.national_map(maps.state_shapes())
    ]
    by_rule = selectors.counts_by_rule()
    return render(request, "web/home.html", {
        "shapes": shapes,
        "viewbox": maps.viewbox(),
        "bins": selectors.BINS,
        "by_rule": by_rule,
        "recent_flags": selectors.recent_flags(),
        "recent_agreements": selectors.recent_agreements_under_local_law(),
        # Every open flag, including those of territories the map does not draw.
        "total": sum(r["count"] for r in by_rule),
    })


def state(request: HttpRequest, geoid: str) -> HttpResponse:
    """A state's counties coloured by open flags, with its counts by rule."""
    found = Jurisdiction.objects.states().filter(geoid=geoid).first()
    if found is None:
        raise Http404("No state has this GEOID.")
    counties, statewide = selectors.state_map(found, maps.county_shapes(geoid))
    shapes = [replace(s, link=reverse("web:dossier", args=[s.ocd_id])) if s.ocd_id else s for s in counties]
    return render(request, "web/state.html", {
        "state": found,
        "shapes": shapes,
        "viewbox": maps.fit_viewbox([s.path for s in shapes]),
        "bins": selectors.BINS,
        "statewide": statewide,
        "by_rule": selectors.counts_by_rule(found),
        "total": sum(s.count for s in shapes) + statewide,
    })
