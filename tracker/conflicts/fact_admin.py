"""Admin base for facts: history, a required reason for each change, sources attached inline, and the
re-evaluation each change owes (the admin is one more writer of facts, above the domain apps)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from tracker.conflicts.services import fact_saved, fact_scope


class ReasonForm(forms.ModelForm):
    """A model form with the reason for the change, stored on the history row."""

    change_reason = forms.CharField(
        max_length=100,
        required=True,
        help_text="Why you are making this change (kept in the history with your name and the time).",
    )


class ReasonedAdmin(SimpleHistoryAdmin):
    """History view, and a required reason for every change, written to the history row."""

    form = ReasonForm

    def save_model(self, request: HttpRequest, obj: Model, form: forms.ModelForm, change: bool) -> None:
        """Attach the form's reason to the history row the save writes; remember what the fact touched before."""
        obj._change_reason = form.cleaned_data.get("change_reason", "")  # type: ignore[attr-defined]
        if change and obj.pk:
            obj._touched_before = fact_scope(obj)  # type: ignore[attr-defined]
        super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form: forms.ModelForm, formsets: Any, change: bool) -> None:
        """Inline rows and source links get the same reason."""
        reason = form.cleaned_data.get("change_reason", "")
        form.instance._change_reason = reason
        for formset in formsets:
            for inline_form in formset.forms:
                inline_form.instance._change_reason = reason
        super().save_related(request, form, formsets, change)
        fact_saved(fact=form.instance, before=getattr(form.instance, "_touched_before", ()))


class FactAdmin(ReasonedAdmin):
    """Admin for sourced facts: sources picked with autocomplete, timestamps shown."""

    autocomplete_fields: tuple[str, ...] = ("sources",)
    readonly_fields: tuple[str, ...] = ("created_at", "updated_at")


admin.site.site_header = "Lookout administration"
admin.site.site_title = "Lookout"
admin.site.index_title = "Facts, sources and imports"
