"""Sharing arrangements on the agency page, and sharing flags on the pages, exports, watches and memos that show
every other flag: the same pages, no special case."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.api.builders import World
from tests.factories.laws import InstrumentFactory, ProvisionFactory
from tests.factories.partnerships import SharingArrangementFactory, SharingEventFactory
from tests.factories.sources import SourceFactory
from tracker.alerts.choices import HitKind
from tracker.alerts.services import hits_collect, watch_add
from tracker.conflicts.engine import sweep
from tracker.conflicts.models import Flag

TODAY = datetime.date(2026, 6, 1)


def _share_flag(world: World) -> Flag:
    """A state statute barring federal sharing; the city police's network (from the world) reaches ICE."""
    instrument = InstrumentFactory(jurisdiction=world.state, kind="statute", title="Synthetic Plate Data Act")
    instrument.sources.add(SourceFactory())
    ProvisionFactory(
        instrument=instrument, type="data_sharing_limit", binds="all_law_enforcement", acts=["share"],
        technologies=["alpr"], barred_recipients=["federal"], federal_reach="express",
        summary="Synthetic: plate data may not be shared with federal agencies.",
    )
    sweep(as_of=TODAY)
    return Flag.objects.get(rule_id="SHARE-001")


def test_the_agency_page_lists_its_arrangements_with_dated_events_and_marks(client: Client, world: World) -> None:
    arrangement = world.objects["arrangement"]
    SharingEventFactory(arrangement=arrangement, kind="federal_lookup_disabled", occurred_on=datetime.date(2025, 3, 2),
                        description="Synthetic: national lookup turned off.", verified=True)
    html = client.get(f"/agency/{world.objects['police'].pk}/").content.decode()
    assert f'id="sharing-{arrangement.key}"' in html
    assert "A vendor&#x27;s network (national or federal lookup) (Synthetic Vendor)" in html
    assert "Could search it: Federal immigration agencies (ICE, HSI, CBP, U.S. Border Patrol)" in html
    assert "◐ reported" in html and "since 2025-01-01" in html
    assert "access ended or switched off (see the timeline)" in html  # its only recipients were federal
    turned_off, searches = html.index("national lookup turned off"), html.index("searches labelled immigration")
    assert turned_off < searches  # 2 March before 25 August: the timeline runs in date order
    assert world.objects["source"].title in html


def test_the_agency_page_says_who_can_search_the_data_today(client: Client, world: World) -> None:
    arrangement = world.objects["arrangement"]
    arrangement.recipients = ["federal_immigration", "out_of_state"]
    arrangement.save()
    SharingEventFactory(arrangement=arrangement, kind="federal_lookup_disabled", occurred_on=datetime.date(2025, 3, 2))
    html = client.get(f"/agency/{world.objects['police'].pk}/").content.decode()
    assert "in effect, searchable by Agencies of other states</p>" in html


def test_an_agency_with_no_arrangement_says_none_is_recorded(client: Client, world: World) -> None:
    html = client.get(f"/agency/{world.objects['sheriff'].pk}/").content.decode()
    assert "No data-sharing arrangement recorded" in html


def test_the_agency_page_costs_the_same_for_many_arrangements(client: Client, world: World) -> None:
    police = world.objects["police"]
    with CaptureQueriesContext(connection) as one:
        client.get(f"/agency/{police.pk}/")
    for i in range(5):
        extra = SharingArrangementFactory(agency=police, key=f"synthetic-extra-{i}")
        extra.sources.add(SourceFactory())
        SharingEventFactory(arrangement=extra).sources.add(SourceFactory())
    with CaptureQueriesContext(connection) as many:
        client.get(f"/agency/{police.pk}/")
    assert len(one) == len(many)


def test_a_sharing_flag_page_shows_the_arrangement_as_the_other_side(client: Client, world: World) -> None:
    flag = _share_flag(world)
    html = client.get(f"/flags/{flag.pk}/").content.decode()
    assert "Data sharing: A vendor&#x27;s network (national or federal lookup) (Synthetic Vendor)" in html
    assert "What the law bars:</strong> sharing with Federal agencies" in html
    assert "◐ reported" in html and "No federal fact recorded" not in html
    assert f'/agency/{world.objects["police"].pk}/#sharing-{world.objects["arrangement"].key}' in html


def test_a_sharing_flag_is_in_the_memo_with_its_arrangement_side(client: Client, world: World) -> None:
    flag = _share_flag(world)
    html = client.get(f"/memo/flags/?flags={flag.pk}").content.decode()
    assert "Data sharing:</strong> A vendor&#x27;s network (national or federal lookup) (Synthetic Vendor)" in html
    assert "reported, unverified" in html and "searchable by federal immigration agencies" in html


def _text(response) -> str:  # type: ignore[no-untyped-def]
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return body.decode()


def test_the_flags_table_and_exports_carry_a_flag_without_a_287g_partnership(client: Client, world: World) -> None:
    _share_flag(world)
    rows = list(csv.DictReader(io.StringIO(_text(client.get("/tables/flags/?format=csv&rule=SHARE-001")))))
    network = "A vendor's network (national or federal lookup) (Synthetic Vendor): Automated license plate readers"
    assert [(r["Rule"], r["Program"], r["Data sharing"]) for r in rows] == [("SHARE-001", "", network)]
    judged = _text(client.get("/tables/flags/?format=csv&rule=SHARE-001&as_of=2026-06-01"))
    assert "Synthetic Vendor" in judged
    assert world.objects["arrangement"].key in _text(client.get("/api/flags/?format=csv&rule=SHARE-001"))
    assert client.get(f"/api/flags/?arrangement={world.objects['arrangement'].key}").json()["count"] == 1


@pytest.mark.django_db
def test_a_rule_watch_on_share_001_reports_the_new_flag(world: World, django_user_model) -> None:
    follower = django_user_model.objects.create_user("synthetic-follower", email="follower@example.org")
    watch = watch_add(user=follower, rule_id="SHARE-001")
    watch.created_at = watch.created_at - datetime.timedelta(days=1)
    watch.save()
    flag = _share_flag(world)
    hits_collect()
    assert list(watch.hits.values_list("kind", "object_id")) == [(HitKind.FLAG, flag.pk)]


def test_the_rule_feed_announces_a_new_sharing_flag(client: Client, world: World) -> None:
    flag = _share_flag(world)
    body = client.get("/feeds/rule/SHARE-001/").content.decode()
    assert f"New flag: SHARE-001 #{flag.pk}" in body and f"/flags/{flag.pk}/" in body


def test_the_dossier_and_the_review_queue_list_the_sharing_flag(client: Client, reviewer_client: Client,
                                                                 world: World) -> None:
    flag = _share_flag(world)
    assert f'href="/flags/{flag.pk}/"' in client.get(f"/j/{world.state.ocd_id}/").content.decode()
    assert f'href="/flags/{flag.pk}/"' in reviewer_client.get("/review/?rule=SHARE-001").content.decode()
