"""`__any`: the rows of `__in`, sent to PostgreSQL as one array parameter."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories.places import AgencyFactory, PlaceFactory, StateFactory
from tracker.places.models import Agency, Jurisdiction

pytestmark = pytest.mark.django_db


def test_any_finds_the_rows_in_finds_by_value_relation_subquery_and_none() -> None:
    state = StateFactory()
    places = PlaceFactory.create_batch(4, state=state)
    agencies = [AgencyFactory(state=state, home=place) for place in places]
    AgencyFactory(state=state, home=None)
    some = [places[0].pk, places[2].pk, places[3].pk, None]

    def same(**lookup: object) -> None:
        (name, value), = lookup.items()
        found = set(Agency.objects.filter(**{f"{name}__any": value}).values_list("pk", flat=True))
        assert found == set(Agency.objects.filter(**{f"{name}__in": value}).values_list("pk", flat=True))
        assert found

    same(home_id=some)
    same(home=[places[1], places[2]])
    same(pk=[agencies[1].pk, agencies[3].pk])
    same(home=Jurisdiction.objects.filter(pk__in=some[:2]).values("pk"))
    assert not Agency.objects.filter(home_id__any=[]).exists()
    assert not Agency.objects.filter(pk__any=[None]).exists()


def test_on_postgresql_the_list_is_one_parameter() -> None:
    ids = list(range(1, 501))
    with CaptureQueriesContext(connection) as queries:
        list(Agency.objects.filter(home_id__any=ids))
    sql = queries.captured_queries[0]["sql"]
    if connection.vendor == "postgresql":
        assert "= ANY(" in sql and sql.count(", ") < 100
    else:
        assert " IN (" in sql
