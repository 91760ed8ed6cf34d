"""A page per law and per agency: everything recorded about it, its sources, and the flags it is part of."""

from __future__ import annotations

from django.db.models import Count, Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from tracker.common.roles import can_see_private
from tracker.conflicts.choices import OPEN_STATUSES
from tracker.conflicts.models import Flag
from tracker.laws.models import Instrument, InstrumentEvent, Provision
from tracker.partnerships.models import Partnership, SharingArrangement, SharingEvent
from tracker.partnerships.querysets import access_on
from tracker.places.models import Agency

FLAG_LIMIT = 200


def law(request: HttpRequest, key: str) -> HttpResponse:
    """A legal text: citation, official text, status and dates, provisions with reach, events, doubts, flags."""
    instrument = (
        Instrument.objects.select_related("jurisdiction__state")
        .prefetch_related(
            "sources",
            Prefetch("provisions", Provision.objects.order_by("section", "key").prefetch_related("sources", "exceptions")),
            Prefetch("events", InstrumentEvent.objects.order_by("occurred_on").prefetch_related("sources")),
        )
        .filter(key=key).first()
    )
    if instrument is None:
        raise Http404("No law has this key.")
    flags = Flag.objects.filter(provision__instrument=instrument)
    today = timezone.localdate()
    return render(request, "web/law.html", {
        "instrument": instrument, "in_force": instrument.is_in_force_on(today), "today": today,
        "flag_counts": dict(flags.values_list("status").annotate(n=Count("id")).values_list("status", "n")),
        "open_flags": list(flags.filter(status__in=OPEN_STATUSES).select_related("jurisdiction", "agency")
                           .order_by("-severity", "rule_id", "id")[:FLAG_LIMIT]),
        "changes": list(instrument.history.order_by("-history_date").values(
            "history_date", "history_change_reason", "history_type")[:50]),
        "siblings": list(Instrument.objects.filter(jurisdiction=instrument.jurisdiction).exclude(pk=instrument.pk)
                         .order_by("citation").only("key", "citation", "title", "status")),
    })


def agency(request: HttpRequest, pk: int) -> HttpResponse:
    """An agency: where it polices, every agreement across ICE's sheets on a timeline, its MOAs, its data-sharing
    arrangements with their dated events, and its flags."""
    events = Prefetch("events", SharingEvent.objects.prefetch_related("sources").order_by("occurred_on", "kind"))
    found = (
        Agency.objects.select_related("state", "home")
        .prefetch_related(
            "coverages__jurisdiction", "sources", "deployments",
            Prefetch("partnerships", Partnership.objects.select_related(
                "program", "first_seen_in", "last_seen_in", "ended_in").prefetch_related("sources")
                .order_by("first_seen_on", "signed_on", "id")),
            Prefetch("sharing_arrangements", SharingArrangement.objects.with_evidence_from()
                     .prefetch_related("sources", events).order_by("evidence_from", "key")),
        )
        .filter(pk=pk).first()
    )
    if found is None:
        raise Http404("No agency has this id.")
    today = timezone.localdate()
    reaches = [(a, access_on(a, today)) for a in found.sharing_arrangements.all()]
    sharing = [(a, reach is not None, reach) for a, reach in reaches]
    return render(request, "web/agency.html", {
        "agency": found, "private": can_see_private(request.user), "sharing": sharing, "today": today,
        "flags": list(Flag.objects.filter(agency=found).select_related("jurisdiction", "provision__instrument")
                      .order_by("-severity", "rule_id", "id")[:FLAG_LIMIT]),
    })
