"""App configuration for tracker.conflicts."""

from django.apps import AppConfig
from django.core import checks


class ConflictsConfig(AppConfig):
    """The conflicts app: rules are imported (and registered) here, then the registry is frozen."""

    name = "tracker.conflicts"
    label = "conflicts"
    verbose_name = "Conflicts"

    def ready(self) -> None:
        """Register every rule, freeze the registry, and register the rule checks."""
        from tracker.conflicts import rules  # noqa: F401 - importing registers the rules
        from tracker.conflicts.checks import check_rules
        from tracker.conflicts.registry import registry

        registry.freeze()
        checks.register(check_rules, "conflicts")
