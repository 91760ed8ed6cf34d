"""Memo and watch URLs resolve through the site's own URL configuration, wherever the pages mount them."""

import pytest

from tests.factories.places import PlaceFactory
from tracker.alerts.links import site_reverse

pytestmark = pytest.mark.django_db


def test_memo_and_watch_pages_are_reachable_through_the_site_urls(client):
    city = PlaceFactory()
    assert client.get(site_reverse("memo-jurisdiction", city.ocd_id)).status_code == 200
    assert client.get(site_reverse("memo-flags-pdf") + "?flags=x").status_code == 400
    response = client.get(site_reverse("alerts:list"))
    assert response.status_code == 302 and "next=" in response["Location"]
