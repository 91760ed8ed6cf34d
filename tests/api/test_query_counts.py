"""Every list endpoint and the dossier run a fixed number of queries, whatever the number of rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.builders import build_world

pytestmark = pytest.mark.django_db

CODES = ["ZA", "ZB", "ZC", "ZD", "ZE", "ZF", "ZG", "ZH", "ZI"]
# Each query set below is: (a) the page's COUNT, (b) the page's rows with their select_related joins,
# (c) one query per prefetch_related lookup; filters may add one lookup of the jurisdiction or state.
LISTS = [
    "jurisdictions/", "agencies/", "instruments/", "provisions/", "programs/", "partnerships/", "deployments/",
    "approvals/", "sharing-arrangements/", "sharing-events/", "sharing-arrangements/?format=csv", "sources/", "flags/", "rules/", "instruments/?state=ZA", "partnerships/?model=TFM",
    "flags/?rule=FR-FED-001", "agencies/?jurisdiction=ocd-division/country:us/state:za",
    "instruments/?format=csv", "partnerships/?format=csv", "flags/?format=xlsx",
]


def queries_for(client, url: str) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200, response.content
    return len(captured)


@pytest.mark.parametrize("url", LISTS)
def test_a_list_costs_the_same_for_n_and_3n_rows(anon, url) -> None:
    for code in CODES[:1]:
        build_world(code)
    one = queries_for(anon, f"/api/{url}")
    for code in CODES[1:3]:
        build_world(code)
    three = queries_for(anon, f"/api/{url}")
    assert one == three
    # Programs are shared between worlds (their capabilities grow instead); rules live in code.
    if "?" not in url and url not in ("rules/", "programs/"):
        assert anon.get(f"/api/{url}").json()["count"] >= 3


def test_the_dossier_costs_the_same_for_a_busy_place(anon) -> None:
    quiet = build_world("ZA")
    busy = build_world("ZB")
    from tests.api.builders import make_flag
    from tests.factories.laws import InstrumentFactory, ProvisionFactory
    from tests.factories.partnerships import PartnershipFactory

    for _ in range(3):
        ProvisionFactory(instrument=InstrumentFactory(jurisdiction=busy.city))
        make_flag(busy.city, rule_id="CCOPS-001")
        PartnershipFactory(agency=busy.objects["police"], status="ended", ended_on="2025-06-01")
    assert queries_for(anon, f"/api/jurisdictions/{quiet.city.ocd_id}/dossier/") == queries_for(
        anon, f"/api/jurisdictions/{busy.city.ocd_id}/dossier/"
    )


def test_the_instrument_list_query_budget(anon) -> None:
    build_world("ZA")
    # COUNT, instruments+jurisdiction, provisions, sources.
    assert queries_for(anon, "/api/instruments/") == 4
