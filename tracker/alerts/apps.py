"""App configuration for tracker.alerts."""

from django.apps import AppConfig


class AlertsConfig(AppConfig):
    """Watches on jurisdictions and rules, and the e-mail digests they produce."""

    name = "tracker.alerts"
    label = "alerts"
