"""Jurisdictions and agencies."""

from rest_framework import serializers

from tracker.api.serializers.common import PrivateTextField, SourceBriefSerializer
from tracker.places.models import Agency, AgencyCoverage, Jurisdiction

OCD_ID = {"slug_field": "ocd_id", "read_only": True}


class JurisdictionSerializer(serializers.ModelSerializer):
    """A jurisdiction, its state and counties by OCD id, and its sources."""

    state = serializers.SlugRelatedField(allow_null=True, **OCD_ID)
    counties = serializers.SlugRelatedField(many=True, **OCD_ID)
    aliases = serializers.SlugRelatedField(many=True, **OCD_ID)
    sources = SourceBriefSerializer(many=True, read_only=True)

    class Meta:
        model = Jurisdiction
        fields = [
            "ocd_id", "name", "kind", "state", "postal_code", "counties", "county_membership", "aliases",
            "geoid", "population", "population_year", "sources",
        ]
        read_only_fields = fields


class AgencyBriefSerializer(serializers.ModelSerializer):
    """An agency named inside another record."""

    state = serializers.SlugRelatedField(**OCD_ID)

    class Meta:
        model = Agency
        fields = ["id", "name", "kind", "state"]
        read_only_fields = fields


class CoverageSerializer(serializers.ModelSerializer):
    """Where an agency polices, and how."""

    jurisdiction = serializers.SlugRelatedField(**OCD_ID)

    class Meta:
        model = AgencyCoverage
        fields = ["jurisdiction", "coverage", "basis"]
        read_only_fields = fields


class AgencySerializer(serializers.ModelSerializer):
    """An agency, where it operates, and its sources; the review note is for reviewers only."""

    state = serializers.SlugRelatedField(**OCD_ID)
    home = serializers.SlugRelatedField(allow_null=True, **OCD_ID)
    coverages = CoverageSerializer(many=True, read_only=True)
    review_note = PrivateTextField()
    sources = SourceBriefSerializer(many=True, read_only=True)

    class Meta:
        model = Agency
        fields = ["id", "name", "kind", "state", "home", "ori", "coverages", "needs_review", "review_note", "sources"]
        read_only_fields = fields
