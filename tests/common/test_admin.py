"""The admin's list pages run a fixed number of queries, and every fact page shows its history."""

import datetime
from collections.abc import Callable

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories.laws import InstrumentFactory, ProvisionFactory
from tests.factories.partnerships import CapabilityFactory, PartnershipFactory, TechnologyDeploymentFactory
from tests.factories.places import AgencyFactory, PlaceFactory
from tests.factories.sources import SourceFactory
from tracker.partnerships.models import Approval

pytestmark = pytest.mark.django_db


def make_approval() -> Approval:
    """A synthetic council approval of a synthetic agreement."""
    partnership = PartnershipFactory()
    return Approval.objects.create(
        jurisdiction=partnership.agency.home, body="Synthetic Council", partnership=partnership,
        decided_on=datetime.date(2025, 1, 1),
    )


CHANGELISTS: list[tuple[str, Callable[[], object]]] = [
    ("sources/source", SourceFactory),
    ("places/jurisdiction", PlaceFactory),
    ("places/agency", AgencyFactory),
    ("laws/instrument", InstrumentFactory),
    ("laws/provision", ProvisionFactory),
    ("partnerships/capability", CapabilityFactory),
    ("partnerships/partnership", PartnershipFactory),
    ("partnerships/technologydeployment", TechnologyDeploymentFactory),
    ("partnerships/approval", make_approval),
]


def changelist_queries(client, url: str) -> int:  # type: ignore[no-untyped-def]
    """Queries to render one list page."""
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(("path", "factory"), CHANGELISTS)
def test_a_list_page_costs_the_same_for_two_rows_and_for_eight(admin_client, path, factory) -> None:  # type: ignore[no-untyped-def]
    url = f"/admin/{path}/"
    for _ in range(2):
        factory()
    few = changelist_queries(admin_client, url)
    for _ in range(6):
        factory()
    assert changelist_queries(admin_client, url) == few


def test_an_instrument_page_shows_its_provisions_and_its_history_link(admin_client) -> None:  # type: ignore[no-untyped-def]
    provision = ProvisionFactory(summary="Synthetic: bars face recognition.")
    page = admin_client.get(f"/admin/laws/instrument/{provision.instrument_id}/change/").content.decode()
    assert "Synthetic: bars face recognition." in page
    assert f"/admin/laws/instrument/{provision.instrument_id}/history/" in page


def test_a_change_without_a_reason_is_refused(admin_client) -> None:  # type: ignore[no-untyped-def]
    source = SourceFactory()
    response = admin_client.post(
        f"/admin/sources/source/{source.pk}/change/",
        {"key": source.key, "url": source.url, "title": "Changed", "publisher": source.publisher, "kind": source.kind},
    )
    assert response.status_code == 200
    source.refresh_from_db()
    assert source.title != "Changed"
