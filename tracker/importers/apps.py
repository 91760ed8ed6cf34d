"""App configuration for tracker.importers."""

from django.apps import AppConfig


class ImportersConfig(AppConfig):
    """The importers app."""

    name = "tracker.importers"
    label = "importers"
