"""Forms of the pages: filters in GET, reviewer actions in POST (each carrying the flag's version)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from tracker.common.ids import parse_id
from tracker.common.roles import REVIEWERS
from tracker.conflicts.choices import FlagStatus, Severity
from tracker.conflicts.reach import TOPIC_LABELS
from tracker.conflicts.registry import registry
from tracker.partnerships.choices import PartnershipStatus
from tracker.partnerships.models import FederalProgram
from tracker.partnerships.tables import ANY_STATUS
from tracker.places.models import Jurisdiction


def reviewers() -> QuerySet[Any]:
    """Users who may be assigned a flag: active reviewers and admins."""
    return (
        get_user_model().objects.filter(Q(groups__name=REVIEWERS) | Q(is_staff=True), is_active=True)
        .distinct().order_by("username")
    )


class UsernameChoiceField(forms.ModelChoiceField):
    """A user chosen by username."""

    def label_from_instance(self, obj: Any) -> str:
        """The username."""
        return str(obj.get_username())


def _set_choices(form: forms.BaseForm, **choices: list[tuple[str, str]]) -> None:
    """Give choice fields the choices read from the database when the form is built, not at import."""
    for name, values in choices.items():
        cast(forms.ChoiceField, form.fields[name]).choices = values


def _state_choices() -> list[tuple[str, str]]:
    states = Jurisdiction.objects.states().exclude(postal_code="").order_by("name").values_list("postal_code", "name")
    return [("", "All states"), *((code, f"{name} ({code})") for code, name in states)]


def _rule_choices() -> list[tuple[str, str]]:
    return [("", "All rules"), *((r.id, f"{r.id} — {r.title}") for r in registry)]


class SearchForm(forms.Form):
    """The one search box."""

    q = forms.CharField(label="Search", max_length=200, required=False, strip=True)
    kind = forms.ChoiceField(
        choices=[("", "Everything"), ("jurisdictions", "Places"), ("agencies", "Agencies"), ("instruments", "Laws"),
                 ("flags", "Flags")],
        required=False,
    )


class AsOfForm(forms.Form):
    """A date to judge law and agreements on."""

    as_of = forms.DateField(label="As of", required=False, widget=forms.DateInput(attrs={"type": "date"}))


class CollisionsFilterForm(AsOfForm):
    """The collisions page's filters."""

    state = forms.ChoiceField(label="State", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, state=_state_choices())


class QueueFilterForm(forms.Form):
    """The review queue's filters."""

    state = forms.ChoiceField(label="State", required=False)
    rule = forms.ChoiceField(label="Rule", required=False)
    severity = forms.TypedChoiceField(
        label="Severity", required=False, coerce=int, empty_value=None,
        choices=[("", "Any severity"), *Severity.choices],
    )
    status = forms.ChoiceField(
        label="Status", required=False,
        choices=[("", "Open (new, in review, confirmed)"), *FlagStatus.choices],
    )
    assignee = forms.ChoiceField(label="Assignee", required=False)

    def __init__(self, *args: Any, users: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, state=_state_choices(), rule=_rule_choices(), assignee=[
            ("", "Anyone or nobody"), ("none", "Unassigned"), *((str(u.pk), u.get_username()) for u in users)
        ])


class TransitionForm(forms.Form):
    """Move a flag to a new status; a dismissal needs a reason (the service enforces it too)."""

    to = forms.ChoiceField(choices=[c for c in FlagStatus.choices if c[0] != FlagStatus.STALE], widget=forms.HiddenInput)
    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    reason = forms.CharField(label="Reason", required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self) -> dict[str, Any]:
        """A dismissal without a reason is refused here, before the service is asked."""
        data = super().clean() or {}
        if data.get("to") == FlagStatus.DISMISSED and not (data.get("reason") or "").strip():
            self.add_error("reason", "A dismissal needs a reason.")
        return data


class AssignForm(forms.Form):
    """Assign a flag to a reviewer, or to nobody."""

    assignee = UsernameChoiceField(label="Assign to", queryset=reviewers(), required=False, empty_label="Nobody")
    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args: Any, users: QuerySet[Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(UsernameChoiceField, self.fields["assignee"]).queryset = users if users is not None else reviewers()


class NoteForm(forms.Form):
    """A reviewer's private note."""

    text = forms.CharField(label="Note (reviewers only)", max_length=10000, widget=forms.Textarea(attrs={"rows": 3}))


class PairsField(forms.MultipleChoiceField):
    """Checkbox values built by the page (`id:version`); checked in `clean_flags`, not against fixed choices."""

    def valid_value(self, value: str) -> bool:
        """Any value; the form parses it."""
        return True


class BulkAssignForm(forms.Form):
    """Assign several flags at once; each box carries `id:version` so a changed flag is reported, not overwritten."""

    flags = PairsField(label="Flags", required=True, widget=forms.CheckboxSelectMultiple)
    assignee = UsernameChoiceField(label="Assign selected to", queryset=reviewers(), required=False,
                                   empty_label="Nobody")

    def __init__(self, *args: Any, users: QuerySet[Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(UsernameChoiceField, self.fields["assignee"]).queryset = users if users is not None else reviewers()

    def clean_flags(self) -> list[tuple[int, int]]:
        """Pairs of (flag id, version read)."""
        pairs = []
        for value in self.cleaned_data["flags"]:
            pk_text, _, version_text = value.partition(":")
            pk, version = parse_id(pk_text), parse_id(version_text)
            if pk is None or version is None:
                raise forms.ValidationError("Malformed selection; reload the queue.")
            pairs.append((pk, version))
        return pairs


class _PlaceField(forms.CharField):
    """An OCD id of a state, county or place (or one of its aliases)."""

    def clean(self, value: Any) -> Jurisdiction | None:
        text = super().clean(value)
        if not text:
            return None
        found = Jurisdiction.objects.by_ocd_id(text).first()
        if found is None:
            raise forms.ValidationError(f"No place has the OCD id {text!r}.")
        return found


class FlagTableForm(AsOfForm):
    """The flags table's filters; `as_of` judges law, agreements and flags on that day."""

    state = forms.ChoiceField(label="State", required=False)
    place = _PlaceField(label="Place (OCD id)", required=False, max_length=300)
    rule = forms.ChoiceField(label="Rule", required=False)
    severity = forms.TypedChoiceField(
        label="At least", required=False, coerce=int, empty_value=None, choices=[("", "Any severity"), *Severity.choices],
    )
    status = forms.ChoiceField(
        label="Status", required=False,
        choices=[("open", "Open (new, in review, confirmed)"), ("all", "Any status"), *FlagStatus.choices],
    )
    model = forms.ChoiceField(label="Program", required=False)
    sort = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, state=_state_choices(), rule=_rule_choices(), model=_program_choices())


class AgreementTableForm(forms.Form):
    """The agreements table's filters; `active_on` judges "active" on that day."""

    state = forms.ChoiceField(label="State", required=False)
    place = _PlaceField(label="Place (OCD id)", required=False, max_length=300)
    model = forms.ChoiceField(label="Program", required=False)
    status = forms.ChoiceField(label="Status", required=False, choices=[
        (PartnershipStatus.ACTIVE, "Active agreements"), (PartnershipStatus.PENDING, "Pending applications"),
        (PartnershipStatus.ENDED, "Ended or gone from the sheet"), (ANY_STATUS, "All"),
    ])
    active_on = forms.DateField(label="Active on", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    sort = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, state=_state_choices(), model=_program_choices())


def _program_choices() -> list[tuple[str, str]]:
    return [("", "Any program"), *FederalProgram.objects.order_by("name").values_list("code", "name")]


class ReachForm(AsOfForm):
    """Which state or place, which kind of limit, on which day."""

    state = forms.ChoiceField(label="State", required=False)
    place = _PlaceField(label="Place (OCD id)", required=False, max_length=300)
    topic = forms.ChoiceField(label="Kind of limit", required=False,
                              choices=[("", "Every kind"), *TOPIC_LABELS.items()])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, state=_state_choices())
