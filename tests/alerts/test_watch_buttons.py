"""Watch buttons on the flag, state and rule pages: a form for signed-in users, a sign-in link for others."""

import pytest
from django.test import Client

from tests.api.builders import build_world
from tracker.alerts.models import Watch

pytestmark = pytest.mark.django_db


def test_a_signed_in_user_follows_a_state_from_its_page_and_comes_back_to_it(follower):
    world = build_world()
    world.state.geoid = "56"
    world.state.save()
    client = Client()
    client.force_login(follower)
    page = client.get("/map/56/").content.decode()
    assert 'action="/watch/add/"' in page and f'value="{world.state.ocd_id}"' in page
    response = client.post("/watch/add/", {"jurisdiction": world.state.ocd_id, "next": "/map/56/"})
    assert response.status_code == 302 and response["Location"] == "/map/56/"
    assert Watch.objects.get(user=follower).jurisdiction == world.state


def test_a_watch_button_never_sends_anyone_to_another_site(follower):
    client = Client()
    client.force_login(follower)
    response = client.post("/watch/add/", {"rule_id": "FR-FED-001", "next": "https://example.org/elsewhere"})
    assert response["Location"] == "/watch/"
    assert Watch.objects.get(user=follower).rule_id == "FR-FED-001"


def test_anonymous_visitors_get_a_sign_in_link_and_no_csrf_cookie(client: Client):
    world = build_world()
    flag = world.objects["flag"]
    response = client.get(f"/flags/{flag.pk}/")
    body = response.content.decode()
    assert "Sign in to watch rule FR-FED-001" in body and 'action="/watch/add/"' not in body
    assert not response.cookies
    assert f'href="/feeds/rule/{flag.rule_id}/"' in body


def test_the_rule_pages_offer_a_watch_and_a_feed_for_each_rule(client: Client):
    body = client.get("/method/").content.decode()
    assert 'id="rule-FR-FED-001"' in body and 'href="/feeds/rule/FR-FED-001/"' in body
    assert "Sign in to watch FR-FED-001" in body
