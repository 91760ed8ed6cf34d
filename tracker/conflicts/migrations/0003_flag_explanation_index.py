"""A trigram index behind the search of flag explanations (PostgreSQL only)."""

from django.db import migrations

from tracker.common.indexes import postgres_indexes, substring_index


class Migration(migrations.Migration):
    dependencies = [("conflicts", "0002_pendingsweep"), ("places", "0002_name_search_indexes")]

    operations = [postgres_indexes("conflicts", "Flag", substring_index("explanation", "conflicts_flag_explanation_trgm"))]
