"""App configuration for tracker.api."""

from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The api app."""

    name = "tracker.api"
    label = "api"
