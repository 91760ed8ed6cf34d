"""Admin base for facts: history, a required reason for each change, sources attached inline, and the
re-evaluation each change owes (the admin is one more writer of facts, above the domain apps)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from tracker.conflicts.services import fact_write


class ReasonForm(forms.ModelForm):
    """A model form with the reason for the change, stored on the history row."""

    change_reason = forms.CharField(
        max_length=100,
        required=True,
        help_text="Why you are making this change (kept in the history with your name and the time).",
    )


class ReasonedAdmin(SimpleHistoryAdmin):
    """History view, and a required reason for every change: the row, its inline rows and its source links
    are saved together as one recorded write (`fact_write`)."""

    form = ReasonForm

    def save_model(self, request: HttpRequest, obj: Model, form: forms.ModelForm, change: bool) -> None:
        """Nothing yet: `save_related` saves the row with its related rows, in one write."""

    def save_related(self, request: HttpRequest, form: forms.ModelForm, formsets: Any, change: bool) -> None:
        """Save the row, its inline rows and its source links, each history row with the form's reason."""
        reason = form.cleaned_data.get("change_reason", "")

        def save() -> None:
            super(ReasonedAdmin, self).save_model(request, form.instance, form, change)
            for formset in formsets:
                for inline_form in formset.forms:
                    inline_form.instance._change_reason = reason
            super(ReasonedAdmin, self).save_related(request, form, formsets, change)

        fact_write(form.instance, by=request.user, reason=reason, save=save)


class FactAdmin(ReasonedAdmin):
    """Admin for sourced facts: sources picked with autocomplete, timestamps shown."""

    autocomplete_fields: tuple[str, ...] = ("sources",)
    readonly_fields: tuple[str, ...] = ("created_at", "updated_at")


admin.site.site_header = "Lookout administration"
admin.site.site_title = "Lookout"
admin.site.index_title = "Facts, sources and imports"
