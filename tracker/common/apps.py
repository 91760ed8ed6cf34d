"""App configuration for tracker.common."""

from django.apps import AppConfig


class CommonConfig(AppConfig):
    """The common app."""

    name = "tracker.common"
    label = "common"
