"""FilterSets: every list filters by natural key (state=LA, jurisdiction=<OCD id>) and its own fields."""

from __future__ import annotations

from collections.abc import Callable
from functools import reduce
from operator import or_
from typing import Any

import django_filters as df
from django import forms
from django.core.exceptions import ValidationError as FormValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q, QuerySet
from rest_framework.exceptions import ValidationError

from tracker.conflicts.choices import OPEN_STATUSES, Severity
from tracker.conflicts.models import Flag
from tracker.laws.models import Instrument, Provision
from tracker.laws.querysets import InstrumentQuerySet
from tracker.partnerships.choices import Program287g
from tracker.partnerships.models import Approval, FederalProgram, Partnership, TechnologyDeployment
from tracker.places.choices import JurisdictionKind
from tracker.places.models import OCD_ID_REGEX, Agency, Jurisdiction
from tracker.sources.models import Source

#: The 287(g) models people name, and the program codes they stand for.
MODEL_CODES = {"JEM": Program287g.JAIL_ENFORCEMENT, "TFM": Program287g.TASK_FORCE, "WSO": Program287g.WARRANT_SERVICE}

ocd_id_validator = RegexValidator(OCD_ID_REGEX, "Not an OCD division id (e.g. ocd-division/country:us/state:la).")
state_code_validator = RegexValidator(r"^[A-Za-z]{2}$", "A two-letter USPS state code (e.g. LA).")

FilterMethod = Callable[[QuerySet[Any], str, Any], QuerySet[Any]]


def jurisdiction_by_ocd_id(ocd_id: str, param: str = "jurisdiction") -> Jurisdiction:
    """The jurisdiction with this OCD id (or alias), or a 400 naming the parameter."""
    found = Jurisdiction.objects.by_ocd_id(ocd_id).first()
    if found is None:
        raise ValidationError({param: [f"No jurisdiction has the OCD id {ocd_id!r}."]})
    return found


def within(jurisdiction: Jurisdiction) -> list[int] | None:
    """Ids of a jurisdiction and everything inside it (`Jurisdiction.objects.within`); None for the country.

    A list of ids, not a subquery: PostgreSQL then reads the filtered rows by index instead of joining every
    row first.
    """
    if jurisdiction.kind == JurisdictionKind.COUNTRY:
        return None
    return sorted(Jurisdiction.objects.ids_within([jurisdiction.pk]))


def _multi_valued(model: type[models.Model], path: str) -> bool:
    for name in path.split("__"):
        field = model._meta.get_field(name)
        if field.many_to_many or field.one_to_many:
            return True
        related = field.related_model
        if not isinstance(related, type):
            break
        model = related
    return False


def _restrict(queryset: QuerySet[Any], paths: tuple[str, ...], ids: list[int] | None) -> QuerySet[Any]:
    if ids is None:
        return queryset
    condition = reduce(or_, (Q(**{f"{path}__any": ids}) for path in paths))
    if any(_multi_valued(queryset.model, path) for path in paths):
        # A pk subquery keeps multi-valued paths (coverages) from duplicating rows.
        return queryset.filter(pk__in=queryset.model._base_manager.filter(condition).values("pk"))
    return queryset.filter(condition)


def in_jurisdiction(*paths: str) -> FilterMethod:
    """`jurisdiction=<OCD id>`: rows whose jurisdiction path lies in that jurisdiction or inside it."""

    def apply(queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return _restrict(queryset, paths, within(jurisdiction_by_ocd_id(value, name)))

    return apply


def agencies_present(path: str) -> FilterMethod:
    """`jurisdiction=<OCD id>`: rows of agencies present in that jurisdiction or inside it (at home there,
    operating there or serving it: `Agency.objects.present_in`, the agencies its dossiers list)."""

    def apply(queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        found = jurisdiction_by_ocd_id(value, name)
        if found.kind == JurisdictionKind.COUNTRY:
            return queryset
        present = Agency.objects.present_in(Jurisdiction.objects.within([found.pk]).values("pk"))
        return queryset.filter(**{f"{path}__in": present.values("pk")})

    return apply


def in_state(*paths: str) -> FilterMethod:
    """`state=LA` (any case): rows whose jurisdiction path lies in that state."""

    def apply(queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        state = Jurisdiction.objects.states().filter(postal_code=value.upper()).first()
        if state is None:
            raise ValidationError({name: [f"No state has the code {value.upper()!r}."]})
        return _restrict(queryset, paths, within(state))

    return apply


class StrictBooleanField(forms.NullBooleanField):
    """true/false (or 1/0) only: anything else is an error, never silently "no filter"."""

    widget = forms.TextInput  # the select widget would turn an unknown value into None before parsing

    def to_python(self, value: Any) -> bool | None:  # type: ignore[override]  # the stubs drop NullBooleanField's None
        """Parse strictly."""
        if value in (None, ""):
            return None
        text = str(value).lower()
        if text in ("true", "1"):
            return True
        if text in ("false", "0"):
            return False
        raise FormValidationError("Use true or false.", code="invalid")

    def validate(self, value: Any) -> None:
        """Any parsed value is valid."""


class StrictBooleanFilter(df.BooleanFilter):
    """A boolean filter that refuses anything but true/false."""

    field_class = StrictBooleanField


class StrictFilterSet(df.FilterSet):
    """Boolean model fields get the strict boolean filter."""

    FILTER_DEFAULTS = {**df.FilterSet.FILTER_DEFAULTS, models.BooleanField: {"filter_class": StrictBooleanFilter}}


class IdFilter(df.Filter):
    """A database id: a whole number in the range of a 64-bit key (a float or a huge number is a 400)."""

    field_class = forms.IntegerField


def id_filter(path: str, what: str) -> IdFilter:
    """`<relation>=<id>`: rows linked to that id; an unknown id matches nothing."""
    return IdFilter(field_name=f"{path}_id", min_value=1, max_value=2**63 - 1, help_text=f"The {what}'s id.")


def jurisdiction_filter(*paths: str) -> df.CharFilter:
    """The `jurisdiction` filter over the given paths."""
    return df.CharFilter(
        method=in_jurisdiction(*paths), validators=[ocd_id_validator],
        help_text="OCD division id: that jurisdiction and everything inside it.",
    )


def state_filter(*paths: str) -> df.CharFilter:
    """The `state` filter over the given paths."""
    return df.CharFilter(
        method=in_state(*paths), validators=[state_code_validator], help_text="USPS state code, any case (e.g. LA)."
    )


def text_search(*fields: str) -> FilterMethod:
    """Case-insensitive substring search over a few fields."""

    def apply(queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return queryset.filter(reduce(or_, (Q(**{f"{field}__icontains": value}) for field in fields)))

    return apply


def ordering(*fields: str) -> df.OrderingFilter:
    """`ordering=field` or `-field`; an unknown field is a 400."""
    return df.OrderingFilter(fields=fields, help_text="Sort by a field; prefix with - to reverse.")


class JurisdictionFilterSet(StrictFilterSet):
    """Jurisdictions."""

    state = state_filter("id")
    jurisdiction = jurisdiction_filter("id")
    q = df.CharFilter(method=text_search("name", "ocd_id"), help_text="Name or OCD id contains.")
    ordering = ordering("ocd_id", "name", "population")

    class Meta:
        model = Jurisdiction
        fields = ["kind", "geoid"]


class AgencyFilterSet(StrictFilterSet):
    """Agencies: `jurisdiction` matches the agencies present there (the agencies its dossier lists)."""

    state = state_filter("state")
    jurisdiction = df.CharFilter(
        method=agencies_present("pk"), validators=[ocd_id_validator],
        help_text="OCD division id: agencies at home, operating or serving there or inside it.",
    )
    q = df.CharFilter(method=text_search("name"), help_text="Name contains.")
    ordering = ordering("name", "kind")

    class Meta:
        model = Agency
        fields = ["kind", "ori", "needs_review"]


def _full_text(queryset: InstrumentQuerySet, name: str, value: str) -> InstrumentQuerySet:
    return queryset.search(value)


class InstrumentFilterSet(StrictFilterSet):
    """Legal texts: by place, kind, status, dates, and full text."""

    state = state_filter("jurisdiction")
    jurisdiction = jurisdiction_filter("jurisdiction")
    q = df.CharFilter(method=_full_text, help_text="Full-text search over title, citation and text (PostgreSQL: words, web-search syntax), or citation contains.")
    in_force = StrictBooleanFilter(method="filter_in_force", help_text="In force today (true) or not (false).")
    enacted_after = df.DateFilter(field_name="enacted_on", lookup_expr="gte")
    enacted_before = df.DateFilter(field_name="enacted_on", lookup_expr="lte")
    effective_after = df.DateFilter(field_name="effective_on", lookup_expr="gte")
    effective_before = df.DateFilter(field_name="effective_on", lookup_expr="lte")
    ordering = ordering("citation", "title", "enacted_on", "effective_on", "status")

    class Meta:
        model = Instrument
        fields = ["kind", "status", "verified"]

    def filter_in_force(self, queryset: QuerySet[Instrument], name: str, value: bool) -> QuerySet[Instrument]:
        """Texts in force today, or the others."""
        in_force = Instrument.objects.in_force().values("pk")
        return queryset.filter(pk__in=in_force) if value else queryset.exclude(pk__in=in_force)


class ProvisionFilterSet(StrictFilterSet):
    """Operative rules."""

    state = state_filter("instrument__jurisdiction")
    jurisdiction = jurisdiction_filter("instrument__jurisdiction")
    instrument = df.CharFilter(field_name="instrument__key", help_text="The instrument's key.")
    ordering = ordering("key", "type", "section")

    class Meta:
        model = Provision
        fields = ["type", "binds", "federal_reach", "verified"]


class ProgramFilterSet(StrictFilterSet):
    """Federal programs."""

    ordering = ordering("code", "name")

    class Meta:
        model = FederalProgram
        fields = ["kind", "federal_agency"]


def agency_jurisdiction_filter() -> df.CharFilter:
    """The `jurisdiction` filter of agencies' facts: the facts of agencies present there or inside it."""
    return df.CharFilter(
        method=agencies_present("agency"), validators=[ocd_id_validator],
        help_text="OCD division id: facts of agencies at home, operating or serving there or inside it.",
    )


class PartnershipFilterSet(StrictFilterSet):
    """Agreements: by place, program (code or 287(g) model), status and signed date."""

    agency = id_filter("agency", "agency")
    state = state_filter("agency__state")
    jurisdiction = agency_jurisdiction_filter()
    program = df.CharFilter(field_name="program__code", help_text='Program code, e.g. "287g-tfm".')
    model = df.ChoiceFilter(
        field_name="program__code", choices=[(key, key) for key in MODEL_CODES], method="filter_model",
        help_text="287(g) model: JEM, TFM or WSO.",
    )
    active = StrictBooleanFilter(method="filter_active", help_text="In effect today (true) or not (false).")
    signed_after = df.DateFilter(field_name="signed_on", lookup_expr="gte")
    signed_before = df.DateFilter(field_name="signed_on", lookup_expr="lte")
    ordering = ordering("signed_on", "ended_on", "status", "agency__name")

    class Meta:
        model = Partnership
        fields = ["status", "needs_review"]

    def filter_model(self, queryset: QuerySet[Partnership], name: str, value: str) -> QuerySet[Partnership]:
        """The program code behind a 287(g) model name."""
        return queryset.filter(program__code=MODEL_CODES[value])

    def filter_active(self, queryset: QuerySet[Partnership], name: str, value: bool) -> QuerySet[Partnership]:
        """Agreements in effect today, or the others."""
        active = Partnership.objects.active().values("pk")
        return queryset.filter(pk__in=active) if value else queryset.exclude(pk__in=active)


class DeploymentFilterSet(StrictFilterSet):
    """Technology deployments."""

    agency = id_filter("agency", "agency")
    state = state_filter("agency__state")
    jurisdiction = agency_jurisdiction_filter()
    reported_after = df.DateFilter(field_name="reported_on", lookup_expr="gte")
    reported_before = df.DateFilter(field_name="reported_on", lookup_expr="lte")
    ordering = ordering("technology", "reported_on", "agency__name")

    class Meta:
        model = TechnologyDeployment
        fields = ["technology", "verified"]


class ApprovalFilterSet(StrictFilterSet):
    """Governing-body approvals."""

    partnership = id_filter("partnership", "partnership")
    deployment = id_filter("deployment", "deployment")
    arrangement = df.CharFilter(field_name="arrangement__key", help_text="The arrangement's key.")
    state = state_filter("jurisdiction")
    jurisdiction = jurisdiction_filter("jurisdiction")
    decided_after = df.DateFilter(field_name="decided_on", lookup_expr="gte")
    decided_before = df.DateFilter(field_name="decided_on", lookup_expr="lte")
    ordering = ordering("decided_on")

    class Meta:
        model = Approval
        fields = ["technology"]


class SourceFilterSet(StrictFilterSet):
    """Sources."""

    q = df.CharFilter(method=text_search("title", "publisher", "url"), help_text="Title, publisher or URL contains.")
    published_after = df.DateFilter(field_name="published_on", lookup_expr="gte")
    published_before = df.DateFilter(field_name="published_on", lookup_expr="lte")
    ordering = ordering("title", "published_on", "key")

    class Meta:
        model = Source
        fields = ["kind", "publisher"]


def _rule_choices() -> list[tuple[str, str]]:
    from tracker.api.views.rules import all_rules  # the registry fills when the rule package is imported

    return [(rule.id, rule.id) for rule in all_rules()]


class FlagFilterSet(StrictFilterSet):
    """Flags: by place, rule, status, severity, program, and when first flagged."""

    agency = id_filter("agency", "agency")
    state = state_filter("jurisdiction")
    jurisdiction = jurisdiction_filter("jurisdiction")
    rule = df.ChoiceFilter(field_name="rule_id", choices=_rule_choices, help_text="Rule id, e.g. FR-FED-001.")
    severity = df.ChoiceFilter(choices=Severity.choices)
    min_severity = df.ChoiceFilter(field_name="severity", lookup_expr="gte", choices=Severity.choices)
    program = df.CharFilter(field_name="partnership__program__code", help_text='Program code, e.g. "287g-tfm".')
    model = df.ChoiceFilter(
        choices=[(key, key) for key in MODEL_CODES], method="filter_model", help_text="287(g) model: JEM, TFM or WSO."
    )
    arrangement = df.CharFilter(field_name="arrangement__key", help_text="The data-sharing arrangement's key.")
    open = StrictBooleanFilter(method="filter_open", help_text="New, in review or confirmed (true), or the others.")
    flagged_after = df.DateFilter(field_name="first_seen_at", lookup_expr="date__gte")
    flagged_before = df.DateFilter(field_name="first_seen_at", lookup_expr="date__lte")
    ordering = ordering("severity", "rule_id", "status", "first_seen_at", "last_seen_at")

    class Meta:
        model = Flag
        fields = ["status", "verified"]

    def filter_model(self, queryset: QuerySet[Flag], name: str, value: str) -> QuerySet[Flag]:
        """Flags on a partnership in this 287(g) model."""
        return queryset.filter(partnership__program__code=MODEL_CODES[value])

    def filter_open(self, queryset: QuerySet[Flag], name: str, value: bool) -> QuerySet[Flag]:
        """Open flags, or closed ones."""
        return queryset.filter(status__in=OPEN_STATUSES) if value else queryset.exclude(status__in=OPEN_STATUSES)
