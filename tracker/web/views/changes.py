"""What changed between two of ICE's 287(g) sheets, by state, with the law in force where each new agreement falls."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tracker.partnerships.sheet_changes import KINDS, changes_between, default_pair, sheet_dates


class SheetPairForm(forms.Form):
    """Two sheet dates among those imported: the older (`from`) and the newer (`to`)."""

    def __init__(self, *args: Any, dates: list[datetime.date], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(d.isoformat(), f"{d.day} {d:%B %Y}") for d in dates]
        messages = {"invalid_choice": "No imported sheet is dated %(value)s: choose one of the listed dates."}
        for name, label in (("from", "Older sheet"), ("to", "Newer sheet")):
            self.fields[name] = forms.TypedChoiceField(
                label=label, choices=choices, coerce=datetime.date.fromisoformat, error_messages=messages
            )

    def clean(self) -> dict[str, Any]:
        """The older sheet comes first."""
        data = super().clean() or {}
        older, newer = data.get("from"), data.get("to")
        if older and newer and older >= newer:
            raise forms.ValidationError("The older sheet must be dated before the newer one.")
        return data


def sheet_changes(request: HttpRequest) -> HttpResponse:
    """Agreements added, gone, pending→signed and new applications between two sheets (default: the last two)."""
    dates = sheet_dates()
    if "from" in request.GET or "to" in request.GET:
        form = SheetPairForm(request.GET, dates=dates)
        pair = (form.cleaned_data["from"], form.cleaned_data["to"]) if form.is_valid() else None
    else:
        pair = default_pair()
        initial = {"from": pair[0].isoformat(), "to": pair[1].isoformat()} if pair else {}
        form = SheetPairForm(initial=initial, dates=dates)
    states = changes_between(*pair) if pair else []
    counts = {kind: sum(len(s.kinds[kind]) for s in states) for kind in KINDS}
    return render(
        request,
        "web/changes.html",
        {
            "form": form,
            "pair": pair,
            "states": states,
            "counts": [(KINDS[k], n) for k, n in counts.items()],
            "dates": dates,
        },
        status=400 if form.errors else 200,
    )
