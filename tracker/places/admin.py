"""Admin for jurisdictions and agencies."""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html_join

from tracker.conflicts.fact_admin import FactAdmin
from tracker.places.choices import OriMatch
from tracker.places.models import Agency, AgencyAlias, AgencyCoverage, CountyMember, Jurisdiction, JurisdictionAlias


class AliasInline(admin.TabularInline):
    """Other OCD ids of the same government."""

    model = JurisdictionAlias
    extra = 0


class CountyInline(admin.TabularInline):
    """The counties a place lies in."""

    model = CountyMember
    fk_name = "member"
    extra = 0
    autocomplete_fields = ("county", "source")


class CoverageInline(admin.TabularInline):
    """Where an agency polices."""

    model = AgencyCoverage
    extra = 0
    autocomplete_fields = ("jurisdiction", "source")


class AgencyAliasInline(admin.TabularInline):
    """Every spelling of the agency's name, with the sheets that printed it."""

    model = AgencyAlias
    fk_name = "agency"
    extra = 0
    fields = ("name", "match", "score", "first_seen_on", "first_seen_in", "last_seen_on", "last_seen_in")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        """Spellings come from the sheets."""
        return False


class OriReviewFilter(admin.SimpleListFilter):
    """The review list: agencies whose ORI a person must choose, or that the national list lacks."""

    title = "ORI review"
    parameter_name = "ori_review"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        """Doubtful first, then unmatched."""
        return [(OriMatch.DOUBTFUL, "Candidates to choose from"), (OriMatch.NONE, "Not in the national list")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Agency]) -> QuerySet[Agency]:
        """Agencies with that ORI outcome and no ORI set."""
        if self.value() in (OriMatch.DOUBTFUL, OriMatch.NONE):
            return queryset.filter(ori_match=self.value(), ori="")
        return queryset


@admin.register(Jurisdiction)
class JurisdictionAdmin(FactAdmin):
    """States, counties, places: searchable by name, OCD id and GEOID."""

    list_display = ("name", "kind", "state", "ocd_id", "geoid", "population")
    list_filter = ("kind", "county_membership", ("state", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("state",)
    search_fields = ("name", "ocd_id", "geoid", "aliases__ocd_id")
    autocomplete_fields = ("sources", "state")
    inlines = (AliasInline, CountyInline)
    ordering = ("ocd_id",)


@admin.register(Agency)
class AgencyAdmin(FactAdmin):
    """Agencies: those needing review first."""

    list_display = ("name", "kind", "state", "home", "ori", "ori_match", "candidates", "needs_review")
    list_filter = (
        "needs_review",
        OriReviewFilter,
        "ori_match",
        "kind",
        ("state", admin.RelatedOnlyFieldListFilter),
    )
    list_select_related = ("state", "home")
    search_fields = ("name", "ori", "home__name", "aliases__name")
    autocomplete_fields = ("sources", "state", "home")
    readonly_fields = ("candidates",)
    inlines = (AgencyAliasInline, CoverageInline)
    ordering = ("-needs_review", "name")

    @admin.display(description="ORI candidates")
    def candidates(self, obj: Agency) -> str:
        """The national list's agencies that could be this one: set the ORI (and "Set by a person") to choose."""
        return format_html_join(
            ", ",
            "{} {} ({}, {}; {})",
            ((c["ori"], c["name"], c["type"], c["county"], c["score"]) for c in obj.ori_candidates or []),
        )
