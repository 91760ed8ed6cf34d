"""App configuration for tracker.web."""

from django.apps import AppConfig


class WebConfig(AppConfig):
    """The web app."""

    name = "tracker.web"
    label = "web"
