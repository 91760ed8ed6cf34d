"""A jurisdiction's dossier: its law beside the federal partnerships of every agency there, flags, timeline."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from tracker.common.roles import can_see_private
from tracker.conflicts.models import Flag
from tracker.conflicts.selectors import flag_remedies
from tracker.conflicts.tables import FlagFilter, FlagRow, flag_table
from tracker.laws.models import Instrument, InstrumentEvent, Survey
from tracker.partnerships.choices import PartnershipKind
from tracker.places.choices import STATE_LEVEL_KINDS
from tracker.places.dossier import dossier_for
from tracker.places.models import Agency, Jurisdiction
from tracker.web.forms import AsOfForm
from tracker.web.memo.words import basis_words

LEVELS = (("own", "Its own law"), ("county", "County law"), ("state", "State law"))


@dataclass(frozen=True)
class Moment:
    """One dated line of the timeline."""

    on: datetime.date
    kind: str
    text: str
    url: str


def _instrument_moments(instruments: list[Instrument], events: list[InstrumentEvent]) -> list[Moment]:
    moments = []
    url = "#law-{}"
    for inst in instruments:
        for field, what in (("introduced_on", "introduced"), ("enacted_on", "enacted"), ("effective_on", "took effect"),
                            ("sunset_on", "sunsets"), ("repealed_on", "repealed")):
            day = getattr(inst, field)
            if day:
                moments.append(Moment(day, "law", f"{inst.citation} {what}", url.format(inst.pk)))
    for event in events:
        moments.append(Moment(event.occurred_on, "law", f"{event.instrument.citation}: {event.get_kind_display()}",
                              url.format(event.instrument_id)))
    return moments


def timeline(instruments: list[Instrument], events: list[InstrumentEvent], agencies: list[Agency],
             flags: list[Flag], until: datetime.date) -> list[Moment]:
    """Enactments, agreements and flags up to a date, newest first."""
    moments = _instrument_moments(instruments, events)
    for agency in agencies:
        for part in agency.partnership_list:  # type: ignore[attr-defined]  # the dossier's prefetched list
            start = part.signed_on or part.first_seen_on
            if start:
                verb = "applied to" if part.kind == PartnershipKind.APPLICATION else "joined"
                moments.append(Moment(start, "agreement", f"{agency.name} {verb} {part.program.name}",
                                      f"#agency-{agency.pk}"))
            if part.ended_on and part.ended_in_id:
                moments.append(Moment(part.ended_on, "agreement", f"{agency.name} absent from ICE's sheet for "
                                      f"{part.program.name}", f"#agency-{agency.pk}"))
            elif part.ended_on:
                end = "'s application closed for" if part.kind == PartnershipKind.APPLICATION else " left"
                moments.append(Moment(part.ended_on, "agreement", f"{agency.name}{end} {part.program.name}",
                                      f"#agency-{agency.pk}"))
    for flag in flags:
        moments.append(Moment(timezone.localdate(flag.first_seen_at), "flag", f"{flag.rule_id} flag raised",
                              reverse("web:flag", args=[flag.pk])))
    return sorted((m for m in moments if m.on <= until), key=lambda m: (m.on, m.kind), reverse=True)


def _find(ocd_id: str) -> Jurisdiction:
    found = Jurisdiction.objects.select_related("state").prefetch_related("counties").by_ocd_id(ocd_id).first()
    if found is None:
        raise Http404("No jurisdiction has this OCD id.")
    return found


def _describe(data: dict[str, Any]) -> None:
    """Why each agency is here, in words."""
    for agency in data["agencies"]:
        agency.basis_text = basis_words(agency.basis)


def _researched(jurisdiction: Jurisdiction, county_ids: list[int]) -> dict[str, list[Survey]]:
    """What research found at each level of law, so "none recorded" never hides "not researched"."""
    levels = {jurisdiction.pk: "own", **dict.fromkeys(county_ids, "county")}
    if jurisdiction.state_id:
        levels[jurisdiction.state_id] = "state"
    found: dict[str, list[Survey]] = {level: [] for level, _ in LEVELS}
    for survey in Survey.objects.filter(jurisdiction__in=levels).select_related("jurisdiction").order_by("topic"):
        found[levels[survey.jurisdiction_id]].append(survey)
    return found


def _judged_flags(jurisdiction: Jurisdiction, on: datetime.date) -> list[FlagRow]:
    """The rules' findings here on a past or future date (nothing stored)."""
    if jurisdiction.kind in STATE_LEVEL_KINDS:
        return flag_table(FlagFilter(state=jurisdiction.postal_code, status="all", as_of=on))
    return flag_table(FlagFilter(place=jurisdiction, status="all", as_of=on))


def dossier(request: HttpRequest, ocd_id: str) -> HttpResponse:
    """Everything known about one place, judged as of today or `?as_of=YYYY-MM-DD`.

    With a date, the law, the agreements and the flags are all judged on that day; without one, the
    flags are the stored ones as the last sweep left them (on the place, inside it, or of its agencies).
    """
    jurisdiction = _find(ocd_id)
    form = AsOfForm(request.GET or None)
    asked = form.cleaned_data["as_of"] if form.is_valid() else None
    on = asked or timezone.localdate()
    data = dossier_for(jurisdiction, as_of=on)
    for flag in data["flags"]:
        flag.remedies = flag_remedies(flag.rule_id, flag.evidence or {})
    county_ids = [c.pk for c in jurisdiction.counties.all()]
    _describe(data)
    events = list(InstrumentEvent.objects.filter(instrument__in=[i.pk for i in data["law"]])
                  .select_related("instrument"))
    law = {level: [i for i in data["law"] if i.level == level] for level, _ in LEVELS}
    researched = _researched(jurisdiction, county_ids)
    return render(request, "web/dossier.html", {
        **data,
        "form": form,
        "on": on,
        "levels": [(level, title, law[level], researched[level]) for level, title in LEVELS],
        "timeline": timeline(data["law"], events, data["agencies"], data["flags"], on),
        "judged": _judged_flags(jurisdiction, asked) if asked else None,
        "researched": researched,
        "private": can_see_private(request.user),
        "title": jurisdiction.name,
    })
