"""A trigram index behind the search of citations (PostgreSQL only)."""

from django.db import migrations

from tracker.common.indexes import postgres_indexes, substring_index


class Migration(migrations.Migration):
    dependencies = [("laws", "0005_provision_barred_recipients_purposes")]

    operations = [postgres_indexes("laws", "Instrument", substring_index("citation", "laws_instrument_citation_trgm"))]
