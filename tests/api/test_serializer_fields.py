"""Serializer fields are built once per class; every serializer binds its own copy."""

from tracker.api.dossier import DossierPartnershipSerializer
from tracker.api.serializers.common import SourceBriefSerializer
from tracker.api.serializers.partnerships import PartnershipSerializer


def test_each_serializer_binds_its_own_copy_of_its_class_fields() -> None:
    first, second = SourceBriefSerializer(), SourceBriefSerializer()
    assert list(first.fields) == list(second.fields) == SourceBriefSerializer.Meta.fields
    assert first.fields["key"] is not second.fields["key"]
    assert first.fields["key"].parent is first and second.fields["key"].parent is second


def test_a_subclass_keeps_its_own_fields_apart_from_its_parent() -> None:
    assert "active" not in PartnershipSerializer().fields
    assert "active" in DossierPartnershipSerializer().fields
    assert "active" not in PartnershipSerializer().fields
