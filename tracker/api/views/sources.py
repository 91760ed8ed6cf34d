"""Sources: anyone reads, editors add and correct."""

from django.db.models import QuerySet

from tracker.api.filters import SourceFilterSet
from tracker.api.serializers.sources import SourceSerializer
from tracker.api.views.base import FactViewSet
from tracker.sources.models import Source


class SourceViewSet(FactViewSet):
    """Citations, by key."""

    serializer_class = SourceSerializer
    filterset_class = SourceFilterSet
    lookup_field = "key"

    def get_queryset(self) -> QuerySet[Source]:
        """All sources."""
        return Source.objects.all()
