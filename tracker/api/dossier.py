"""The dossier's API shape: serializers over the read model of tracker.places.dossier."""

from __future__ import annotations

from rest_framework import serializers

from tracker.api.serializers.common import SourceBriefSerializer
from tracker.api.serializers.flags import FlagSerializer
from tracker.api.serializers.laws import InstrumentListSerializer, ProvisionBriefSerializer
from tracker.api.serializers.partnerships import DeploymentSerializer, PartnershipSerializer
from tracker.api.serializers.places import AgencySerializer, CoverageSerializer, JurisdictionSerializer


def _sources() -> SourceBriefSerializer:
    """The sources of a dossier's row, read from the list the read model gives (`source_list`)."""
    return SourceBriefSerializer(many=True, read_only=True, source="source_list")


class DossierInstrumentSerializer(InstrumentListSerializer):
    """A legal text in a dossier, with whose law it is."""

    level = serializers.ChoiceField(
        choices=["own", "county", "state"], read_only=True, help_text="The place's own, its county's or its state's."
    )
    in_force = serializers.BooleanField(source="in_force_then", read_only=True,
                                        help_text="In force on the dossier's as_of date.")
    provisions = ProvisionBriefSerializer(many=True, read_only=True, source="provision_list")
    sources = _sources()

    class Meta(InstrumentListSerializer.Meta):
        fields = ["level", *(f for f in InstrumentListSerializer.Meta.fields if f not in ("source_keys", "change_reason"))]


class DossierPartnershipSerializer(PartnershipSerializer):
    """An agreement in a dossier, judged on the dossier's date."""

    active = serializers.BooleanField(source="active_then", read_only=True,
                                      help_text="In effect on the dossier's as_of date.")
    sources = _sources()

    class Meta(PartnershipSerializer.Meta):
        fields = [*PartnershipSerializer.Meta.fields, "active"]


class DossierDeploymentSerializer(DeploymentSerializer):
    """A technology an agency in a dossier uses."""

    sources = _sources()


class DossierAgencySerializer(AgencySerializer):
    """An agency in a dossier: why it operates here, its partnerships and deployments."""

    basis = serializers.ListField(
        child=serializers.CharField(), read_only=True,
        help_text="How it is here: home, covers:<coverage> (of this place), county:<coverage>, statewide, or "
        "state:<coverage>; a jail_only row of the county or state serves the place without operating in it.",
    )
    coverages = CoverageSerializer(many=True, read_only=True, source="coverage_list")
    sources = _sources()
    partnerships = DossierPartnershipSerializer(many=True, read_only=True, source="partnership_list")
    deployments = DossierDeploymentSerializer(many=True, read_only=True, source="deployment_list")

    class Meta(AgencySerializer.Meta):
        fields = [*AgencySerializer.Meta.fields, "basis", "partnerships", "deployments"]
        read_only_fields = fields


class DossierSerializer(serializers.Serializer):
    """One place's law, agencies and flags."""

    jurisdiction = JurisdictionSerializer(read_only=True)
    as_of = serializers.DateField(read_only=True, help_text="The date texts and agreements are judged on.")
    law = DossierInstrumentSerializer(many=True, read_only=True)
    agencies = DossierAgencySerializer(many=True, read_only=True)
    flags = FlagSerializer(
        many=True, read_only=True,
        help_text="Flags on this place or inside it, and those its state's or county's law raises against an agency "
        "operating here or based inside it: what the map counts.",
    )

