"""Watch pages: signed-in only; list, add and remove your own watches."""

import pytest
from django.urls import reverse

from tests.factories.conflicts import city_case
from tracker.alerts.models import Watch
from tracker.alerts.services import watch_add

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.alerts.urls")]


def test_watch_pages_need_sign_in(client):
    watch_list = client.get(reverse("alerts:list"))
    add = client.post(reverse("alerts:add"), {"rule_id": "FR-FED-001"})
    remove = client.post(reverse("alerts:remove", args=[1]))
    for response in (watch_list, add, remove):
        assert response.status_code == 302 and "?next=/watch/" in response["Location"]
    assert not Watch.objects.exists()


def test_a_user_follows_a_jurisdiction_by_ocd_id_and_a_rule_and_sees_them_listed(client, follower):
    case = city_case()
    client.force_login(follower)
    assert client.post(reverse("alerts:add"), {"jurisdiction": case.city.ocd_id}).status_code == 302
    assert client.post(reverse("alerts:add"), {"rule_id": "FR-FED-001"}).status_code == 302
    page = client.get(reverse("alerts:list")).content.decode()
    assert case.city.name in page and "Rule FR-FED-001" in page
    assert Watch.objects.filter(user=follower).count() == 2


def test_an_unknown_place_or_both_targets_are_refused_with_the_reason(client, follower):
    client.force_login(follower)
    unknown = client.post(reverse("alerts:add"), {"jurisdiction": "ocd-division/country:us/state:zz"})
    both = client.post(reverse("alerts:add"), {"jurisdiction": city_case().city.ocd_id, "rule_id": "FR-FED-001"})
    assert unknown.status_code == both.status_code == 400
    assert b"No jurisdiction has this OCD id." in unknown.content
    assert not Watch.objects.exists()


def test_a_user_removes_their_own_watch_but_not_someone_elses(client, follower, django_user_model):
    other = django_user_model.objects.create_user("synthetic-other", email="other@example.org")
    case = city_case()
    mine = watch_add(user=follower, jurisdiction=case.city)
    theirs = watch_add(user=other, jurisdiction=case.city)
    client.force_login(follower)
    client.post(reverse("alerts:remove", args=[theirs.pk]))
    client.post(reverse("alerts:remove", args=[mine.pk]))
    assert list(Watch.objects.all()) == [theirs]


def test_imported_names_are_escaped_on_the_watch_page(client, follower):
    case = city_case()
    case.city.name = "Synthetic <script>alert(1)</script> City"
    case.city.save()
    watch_add(user=follower, jurisdiction=case.city)
    client.force_login(follower)
    page = client.get(reverse("alerts:list")).content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page
