"""App configuration for tracker.sources."""

from django.apps import AppConfig


class SourcesConfig(AppConfig):
    """The sources app."""

    name = "tracker.sources"
    label = "sources"
