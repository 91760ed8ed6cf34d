"""How Lookout reads the law and the data: severity, marks, bound or operating, reach, sources, limits."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tracker.conflicts.choices import Severity
from tracker.conflicts.registry import registry
from tracker.laws.choices import FederalReach, Governs
from tracker.sources.choices import OFFICIAL_KINDS, SourceKind


def method(request: HttpRequest) -> HttpResponse:
    """The methodology page; the rule list comes from the registry, so it never drifts from the engine."""
    return render(request, "web/method.html", {
        "severities": Severity.choices, # A Rule is callable and templates call callables: hand them its texts only.
        "rules": [{"id": r.id, "title": r.title, "severity": r.severity.label} for r in sorted(registry, key=lambda r: r.id)],
        "reach": FederalReach.choices, "governs": Governs.choices,
        "official": [SourceKind(k).label for k in sorted(OFFICIAL_KINDS)],
        "secondary": [label for value, label in SourceKind.choices if value not in OFFICIAL_KINDS],
    })
