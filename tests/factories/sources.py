"""Synthetic sources: every name says it is synthetic."""

import factory

from tracker.sources.choices import SourceKind
from tracker.sources.models import Source


class SourceFactory(factory.django.DjangoModelFactory):
    """A synthetic citation on the reserved example.org domain."""

    class Meta:
        model = Source
        django_get_or_create = ("key",)

    key = factory.Sequence(lambda n: f"synthetic-source-{n}")
    url = factory.Sequence(lambda n: f"https://example.org/synthetic/{n}")
    title = factory.Sequence(lambda n: f"Synthetic Source {n}")
    publisher = "Synthetic Publisher"
    kind = SourceKind.OTHER
