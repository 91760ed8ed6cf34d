"""Jurisdictions and agencies."""


from tracker.api.serializers.common import ModelSerializer, PrivateTextField, SourceBriefSerializer, related_slug
from tracker.places.models import Agency, AgencyCoverage, Jurisdiction


class JurisdictionSerializer(ModelSerializer):
    """A jurisdiction, its state and counties by OCD id, and its sources."""

    state = related_slug("ocd_id", allow_null=True)
    counties = related_slug("ocd_id", many=True)
    aliases = related_slug("ocd_id", many=True)
    sources = SourceBriefSerializer(many=True, read_only=True)

    class Meta:
        model = Jurisdiction
        fields = [
            "ocd_id", "name", "kind", "state", "postal_code", "counties", "county_membership", "aliases",
            "geoid", "population", "population_year", "sources",
        ]
        read_only_fields = fields


class AgencyBriefSerializer(ModelSerializer):
    """An agency named inside another record."""

    state = related_slug("ocd_id")

    class Meta:
        model = Agency
        fields = ["id", "name", "kind", "state"]
        read_only_fields = fields


class CoverageSerializer(ModelSerializer):
    """Where an agency polices, and how."""

    jurisdiction = related_slug("ocd_id")

    class Meta:
        model = AgencyCoverage
        fields = ["jurisdiction", "coverage", "basis"]
        read_only_fields = fields


class AgencySerializer(ModelSerializer):
    """An agency, where it operates, and its sources; the review note is for reviewers only."""

    state = related_slug("ocd_id")
    home = related_slug("ocd_id", allow_null=True)
    coverages = CoverageSerializer(many=True, read_only=True)
    review_note = PrivateTextField()
    sources = SourceBriefSerializer(many=True, read_only=True)

    class Meta:
        model = Agency
        fields = ["id", "name", "kind", "state", "home", "ori", "coverages", "needs_review", "review_note", "sources"]
        read_only_fields = fields
