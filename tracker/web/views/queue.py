"""The review queue (reviewers only): filters and bulk assignment."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from tracker.conflicts.models import Flag
from tracker.conflicts.services import FlagConflictError, flag_assign
from tracker.places.models import Jurisdiction
from tracker.web import selectors
from tracker.web.forms import BulkAssignForm, QueueFilterForm, reviewers
from tracker.web.views.access import reviewer_required

PAGE_SIZE = 50


def _filters(form: QueueFilterForm, users: list[Any]) -> dict[str, Any]:
    if not form.is_valid():
        return {}
    data = form.cleaned_data
    by_pk = {str(u.pk): u for u in users}
    state = None
    if data["state"]:
        state = Jurisdiction.objects.states().filter(postal_code=data["state"]).first()
    return {
        "state": state,
        "rule_id": data["rule"],
        "severity": data["severity"],
        "statuses": [data["status"]] if data["status"] else None,
        "assignee": by_pk.get(data["assignee"]),
        "unassigned": data["assignee"] == "none",
    }


@reviewer_required
def review_queue(request: HttpRequest) -> HttpResponse:
    """Flags to review, most severe first, 50 a page."""
    if request.method == "POST":
        return _bulk_assign(request)
    users = list(reviewers())
    form = QueueFilterForm(request.GET or None, users=users)
    page = Paginator(selectors.queue(**_filters(form, users)), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "web/queue.html", {
        "form": form, "page": page, "query": query.urlencode(),
        "bulk_form": BulkAssignForm(users=reviewers()),
    })


def _bulk_assign(request: HttpRequest) -> HttpResponse:
    form = BulkAssignForm(request.POST)
    back = redirect(f"{request.path}?{request.GET.urlencode()}" if request.GET else request.path)
    if not form.is_valid():
        messages.error(request, "Not saved: select at least one flag and a reviewer from the list.")
        return back
    assignee = form.cleaned_data["assignee"]
    pairs = dict(form.cleaned_data["flags"])
    done, stale = [], []
    for flag in Flag.objects.filter(pk__in=pairs).order_by("pk"):
        try:
            flag_assign(flag=flag, assignee=assignee, by=request.user, expected_version=pairs[flag.pk])
            done.append(flag.pk)
        except FlagConflictError:
            stale.append(flag.pk)
    who = assignee.get_username() if assignee else "nobody"
    if done:
        messages.success(request, f"Assigned {len(done)} flag(s) to {who}.")
    if stale:
        listed = ", ".join(f"#{pk}" for pk in stale)
        messages.error(request, f"Not assigned, changed since you loaded the queue: {listed}. Review them and retry.")
    return back
