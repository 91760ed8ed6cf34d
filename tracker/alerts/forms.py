"""The form that adds a watch: a jurisdiction by OCD id, or a rule from the registry."""

from __future__ import annotations

from typing import Any

from django import forms

from tracker.conflicts.choices import RuleStatus
from tracker.conflicts.registry import registry
from tracker.places.models import Jurisdiction


def rule_choices() -> list[tuple[str, str]]:
    """Active rules, by id and title."""
    return [("", "—")] + [(r.id, f"{r.id} — {r.title}") for r in registry if r.status == RuleStatus.ACTIVE]


class WatchForm(forms.Form):
    """Follow one jurisdiction or one rule."""

    jurisdiction = forms.CharField(
        required=False, max_length=255, label="Jurisdiction (OCD id)",
        help_text="e.g. ocd-division/country:us/state:ma/place:boston",
    )
    rule_id = forms.ChoiceField(required=False, label="Rule", choices=rule_choices)

    def clean_jurisdiction(self) -> Jurisdiction | None:
        """Resolve the OCD id (or an alias) to a jurisdiction."""
        ocd_id = self.cleaned_data["jurisdiction"].strip()
        if not ocd_id:
            return None
        match = Jurisdiction.objects.by_ocd_id(ocd_id).first()
        if match is None:
            raise forms.ValidationError("No jurisdiction has this OCD id.")
        return match

    def clean(self) -> dict[str, Any]:
        """Exactly one of the two."""
        data = super().clean() or {}
        if bool(data.get("jurisdiction")) == bool(data.get("rule_id")):
            raise forms.ValidationError("Choose a jurisdiction or a rule, not both.")
        return data
