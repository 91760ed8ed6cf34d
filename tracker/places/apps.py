"""App configuration for tracker.places."""

from django.apps import AppConfig


class PlacesConfig(AppConfig):
    """The places app."""

    name = "tracker.places"
    label = "places"
