"""App configuration for tracker.conflicts."""

from django.apps import AppConfig


class ConflictsConfig(AppConfig):
    """The conflicts app."""

    name = "tracker.conflicts"
    label = "conflicts"
