"""Trigram indexes behind the name searches of jurisdictions and agencies (PostgreSQL only)."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

from tracker.common.indexes import postgres_indexes, substring_index


class Migration(migrations.Migration):
    dependencies = [("places", "0001_initial")]

    operations = [
        TrigramExtension(),
        postgres_indexes("places", "Jurisdiction", substring_index("name", "places_jurisdiction_name_trgm"),
                         substring_index("ocd_id", "places_jurisdiction_ocd_trgm")),
        postgres_indexes("places", "Agency", substring_index("name", "places_agency_name_trgm")),
    ]
