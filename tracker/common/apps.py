"""App configuration for tracker.common."""

import sqlite3

from django.apps import AppConfig


class CommonConfig(AppConfig):
    """Shared bases, seeding and roles."""

    name = "tracker.common"
    label = "common"

    def ready(self) -> None:
        """Let bulk writes on SQLite use the parameter limit the library really has.

        Django 5.2 assumes SQLite's historic limit of 999 bound parameters, so a bulk upsert of
        flags goes out 39 rows at a time; SQLite 3.32+ allows 32,766 (Django 6.0 reads the real
        limit itself).
        """
        if sqlite3.sqlite_version_info >= (3, 32):
            # Through base, not features: importing the features module first is circular.
            from django.db.backends.sqlite3.base import DatabaseWrapper

            DatabaseWrapper.features_class.max_query_params = 32766
