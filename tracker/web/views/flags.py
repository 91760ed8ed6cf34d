"""A flag's page, and the reviewer actions on it (each calls tracker.conflicts.services)."""

from __future__ import annotations

import copy
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from tracker.common.roles import can_see_private, is_reviewer
from tracker.conflicts.choices import FlagStatus
from tracker.conflicts.models import Flag
from tracker.conflicts.registry import registry
from tracker.conflicts.selectors import flag_remedies, sibling_flags
from tracker.conflicts.services import (
    TRANSITIONS,
    FlagConflictError,
    FlagTransitionError,
    flag_assign,
    flag_note_add,
    flag_transition,
)
from tracker.sources.selectors import with_source_kinds
from tracker.web.forms import AssignForm, NoteForm, TransitionForm, reviewers
from tracker.web.views.access import reviewer_required

#: Button labels of the transitions a reviewer may make.
ACTIONS = {
    FlagStatus.IN_REVIEW: "Start review",
    FlagStatus.CONFIRMED: "Confirm",
    FlagStatus.DISMISSED: "Dismiss",
    FlagStatus.RESOLVED: "Resolve",
    FlagStatus.NEW: "Send back to new",
}
LOCAL_SIDE = (("provision", "The local or state provision"), ("state_provision", "The state provision"),
              ("preemption", "The preempting provision"))


def conflict_message(error: FlagConflictError) -> str:
    """What a reviewer reads when someone else changed the flag first."""
    now = error.current
    return (
        f"Not saved: this flag changed since you opened it (you had version {error.expected_version}, it is now "
        f"version {now['version']}, status “{FlagStatus(now['status']).label}”). Review its current state below "
        "and act again if you still need to."
    )


def _flag(pk: int) -> Flag:
    return get_object_or_404(
        Flag.objects.select_related("jurisdiction__state", "agency__home", "provision__instrument",
                                    "other_provision__instrument", "partnership__program", "partnership__ended_in",
                                    "deployment", "arrangement", "assignee"),
        pk=pk,
    )


def _actions(flag: Flag) -> list[tuple[str, str, TransitionForm]]:
    allowed = TRANSITIONS[flag.status]
    return [
        (to, label, TransitionForm(initial={"to": to, "version": flag.version}, auto_id=f"id_{to}_%s"))
        for to, label in ACTIONS.items() if to in allowed
    ]


def flag_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Rule, question and basis, the evidence of both sides with sources; the trail and forms for reviewers."""
    flag = _flag(pk)
    # A Rule is callable, and templates call callables: hand them its texts only.
    rule = registry.get(flag.rule_id) if flag.rule_id in registry else None
    rule_texts = {"title": rule.title, "legal_basis": rule.legal_basis, "question": rule.question} if rule else None
    evidence = copy.deepcopy(flag.evidence or {})
    with_source_kinds([evidence])
    context: dict[str, Any] = {
        "flag": flag,
        "rule": rule_texts,
        "local_side": [(title, evidence[key]) for key, title in LOCAL_SIDE if evidence.get(key)],
        "agency_evidence": evidence.get("agency"),
        "partnership_evidence": evidence.get("partnership"),
        "deployment_evidence": evidence.get("deployment"),
        "arrangement_evidence": evidence.get("arrangement"),
        "unmet": (evidence.get("unmet_conditions") or {}).get("gaps", []),
        "remedies": flag_remedies(flag.rule_id, evidence),
        "siblings": sibling_flags(flag),
        "private": can_see_private(request.user),
        "reviewer": is_reviewer(request.user),
    }
    if context["private"]:
        context["events"] = list(flag.events.select_related("by").order_by("at", "id"))
        context["notes"] = list(flag.notes.select_related("author").order_by("at", "id"))
    if context["reviewer"]:
        context["actions"] = _actions(flag)
        context["assign_form"] = AssignForm(initial={"assignee": flag.assignee_id, "version": flag.version},
                                            users=reviewers())
        context["note_form"] = NoteForm()
    return render(request, "web/flag.html", context)


def _back(flag_pk: int) -> HttpResponse:
    return redirect("web:flag", pk=flag_pk)


@require_POST
@reviewer_required
def flag_transition_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Apply a status change with the version the reviewer saw."""
    flag = get_object_or_404(Flag, pk=pk)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, f"Not saved: {error}")
        return _back(pk)
    data = form.cleaned_data
    try:
        flag_transition(flag=flag, to=data["to"], by=request.user, reason=data["reason"],
                        expected_version=data["version"])
    except FlagConflictError as error:
        messages.error(request, conflict_message(error))
    except FlagTransitionError as error:
        messages.error(request, f"Not saved: {error}")
    else:
        messages.success(request, f"Flag #{pk} is now “{FlagStatus(data['to']).label}”.")
    return _back(pk)


@require_POST
@reviewer_required
def flag_assign_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Assign the flag with the version the reviewer saw."""
    flag = get_object_or_404(Flag, pk=pk)
    form = AssignForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Not saved: choose a reviewer from the list.")
        return _back(pk)
    assignee = form.cleaned_data["assignee"]
    try:
        flag_assign(flag=flag, assignee=assignee, by=request.user, expected_version=form.cleaned_data["version"])
    except FlagConflictError as error:
        messages.error(request, conflict_message(error))
    else:
        messages.success(request, f"Flag #{pk} assigned to {assignee.get_username() if assignee else 'nobody'}.")
    return _back(pk)


@require_POST
@reviewer_required
def flag_note_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a private note (notes never conflict: they only append)."""
    flag = get_object_or_404(Flag, pk=pk)
    form = NoteForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Not saved: a note needs text.")
        return _back(pk)
    try:
        flag_note_add(flag=flag, author=request.user, text=form.cleaned_data["text"])
    except FlagTransitionError as error:
        messages.error(request, f"Not saved: {error}")
    else:
        messages.success(request, "Note added.")
    return _back(pk)
