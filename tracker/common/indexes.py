"""Search indexes that exist on PostgreSQL only: SQLite scans, which is fast enough for one city or county.

They stay out of the models' Meta (SQLite could not build them), so migrations add them with
`postgres_indexes`, and queries must use the very expressions they are built on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db import migrations
from django.db.models import Index
from django.db.models.functions import Upper

if TYPE_CHECKING:
    from django.db.backends.base.schema import BaseDatabaseSchemaEditor
    from django.db.migrations.state import StateApps


def substring_index(field: str, name: str) -> GinIndex:
    """A trigram index serving Django's `field__icontains`, which PostgreSQL runs as UPPER(field::text) LIKE."""
    return GinIndex(OpClass(Upper(field), name="gin_trgm_ops"), name=name)


def postgres_indexes(app_label: str, model_name: str, *indexes: Index) -> migrations.RunPython:
    """A migration step that builds (or, reversed, drops) the indexes on PostgreSQL and does nothing elsewhere."""

    def create(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
        if schema_editor.connection.vendor == "postgresql":
            for index in indexes:
                schema_editor.add_index(apps.get_model(app_label, model_name), index)

    def drop(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
        if schema_editor.connection.vendor == "postgresql":
            for index in indexes:
                schema_editor.remove_index(apps.get_model(app_label, model_name), index)

    return migrations.RunPython(create, drop)
