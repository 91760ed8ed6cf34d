"""App configuration for tracker.laws."""

from django.apps import AppConfig


class LawsConfig(AppConfig):
    """The laws app."""

    name = "tracker.laws"
    label = "laws"
