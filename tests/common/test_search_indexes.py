"""The searches use their indexes on PostgreSQL: the queries and the migrated index expressions must agree.

With sequential scans and whole-index walks priced out, a query whose expression no longer matches its index would plan
a scan; the test then names the index that went unused. SQLite has none of these indexes.
"""

from __future__ import annotations

import pytest
from django.db import connection, transaction

from tests.factories.laws import InstrumentFactory
from tracker.conflicts.models import Flag
from tracker.laws.models import Instrument
from tracker.places.models import Agency, Jurisdiction

pytestmark = pytest.mark.django_db

INDEXES = {
    "laws_instrument_search": lambda: Instrument.objects.filter(pk__in=Instrument.objects.search("surveillance")),
    "laws_instrument_citation_trgm": lambda: Instrument.objects.filter(pk__in=Instrument.objects.search("19B.2")),
    "places_jurisdiction_name_trgm": lambda: Jurisdiction.objects.filter(name__icontains="springfield"),
    "places_jurisdiction_ocd_trgm": lambda: Jurisdiction.objects.filter(ocd_id__icontains="place:springfield"),
    "places_agency_name_trgm": lambda: Agency.objects.filter(name__icontains="sheriff"),
    "conflicts_flag_explanation_trgm": lambda: Flag.objects.filter(explanation__icontains="mobile fortify"),
}


def _index_names() -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()")
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
        return {row[0] for row in cursor.fetchall()}


@pytest.mark.parametrize("index", sorted(INDEXES))
def test_each_search_plans_on_its_index_on_postgresql_and_sqlite_has_none(index: str) -> None:
    if connection.vendor != "postgresql":
        assert index not in _index_names()
        return
    assert index in _index_names()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # and whole-index walks: GIN answers by bitmap
        cursor.execute("SET LOCAL enable_indexscan = off")
        plan = INDEXES[index]().explain()
    assert index in plan, plan


def test_instrument_search_matches_words_on_postgresql_and_substrings_everywhere() -> None:
    ordinance = InstrumentFactory(title="An ordinance banning face surveillance technology", citation="Code § 19B.2")
    InstrumentFactory(title="An unrelated budget ordinance", citation="Res. 7")
    assert list(Instrument.objects.search("19B.2")) == [ordinance]
    assert list(Instrument.objects.search("face surveillance")) == [ordinance]
    stemmed = list(Instrument.objects.search("bans"))  # "banning" and "bans" share the English stem "ban"
    assert stemmed == ([ordinance] if connection.vendor == "postgresql" else [])
