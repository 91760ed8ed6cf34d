"""A GIN index on the instrument full-text vector (PostgreSQL only).

The expression is written out, not imported: a migration is frozen, and
tests/common/test_search_indexes.py fails if `search_vector()` drifts from it.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

from tracker.common.indexes import postgres_indexes

VECTOR = SearchVector("title", "citation", weight="A", config="english") + SearchVector(
    "text", weight="B", config="english"
)


class Migration(migrations.Migration):
    dependencies = [("laws", "0002_binds_local_enforcement_jail_operators")]

    operations = [postgres_indexes("laws", "Instrument", GinIndex(VECTOR, name="laws_instrument_search"))]
