"""Admin for jurisdictions and agencies."""

from django.contrib import admin

from tracker.common.admin import FactAdmin
from tracker.places.models import Agency, AgencyCoverage, CountyMember, Jurisdiction, JurisdictionAlias


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

    list_display = ("name", "kind", "state", "home", "ori", "needs_review")
    list_filter = ("needs_review", "kind", ("state", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("state", "home")
    search_fields = ("name", "ori", "home__name")
    autocomplete_fields = ("sources", "state", "home")
    inlines = (CoverageInline,)
    ordering = ("-needs_review", "name")
