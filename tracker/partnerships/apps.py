"""App configuration for tracker.partnerships."""

from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    """The partnerships app."""

    name = "tracker.partnerships"
    label = "partnerships"
