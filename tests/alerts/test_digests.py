"""Digests: one e-mail per user and period, whatever the number of runs; one-click unsubscribe."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tests.factories.conflicts import city_case, join, task_force_program
from tests.factories.laws import InstrumentFactory
from tracker.alerts.models import Digest, Watch, WatchHit
from tracker.alerts.services import digest_period, digests_send, hits_collect, unsubscribe_token, watch_add
from tracker.alerts.tasks import send_digests
from tracker.conflicts.engine import sweep

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.alerts.urls")]
NOON = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


def watched_city_with_news(user):  # type: ignore[no-untyped-def]
    case = city_case()
    watch = watch_add(user=user, jurisdiction=case.city)
    join(case.sheriff, task_force_program())
    sweep(as_of=date(2026, 6, 1))
    hits_collect()
    return case, watch


def test_a_digest_lists_the_unsent_hits_with_memo_and_unsubscribe_links(follower):
    case, watch = watched_city_with_news(follower)
    assert digests_send(now=NOON) == 1
    message = mail.outbox[0]
    assert message.to == ["follower@example.org"]
    assert "2026-11-24" in message.subject
    assert case.sheriff.name in message.body and "/memo/flags/?flags=" in message.body
    assert "/watch/unsubscribe/" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert not WatchHit.objects.filter(digest__isnull=True).exists()
    assert Digest.objects.get().hit_count == watch.hits.count()


def test_running_twice_in_a_period_sends_one_digest_and_later_hits_wait_for_the_next(follower):
    case, _ = watched_city_with_news(follower)
    assert digests_send(now=NOON) == 1
    InstrumentFactory(jurisdiction=case.city, title="Synthetic Ordinance Later")
    hits_collect()
    assert digests_send(now=NOON + timedelta(hours=3)) == 0
    assert len(mail.outbox) == 1
    assert digests_send(now=NOON + timedelta(days=1)) == 1
    assert "Synthetic Ordinance Later" in mail.outbox[1].body
    assert Digest.objects.count() == 2


def test_a_period_already_claimed_by_another_run_sends_nothing(follower):
    watched_city_with_news(follower)
    Digest.objects.create(user=follower, period=digest_period(now=NOON))
    assert digests_send(now=NOON) == 0
    assert mail.outbox == []
    assert WatchHit.objects.filter(digest__isnull=True).exists()  # still waiting, not lost


def test_a_failed_send_leaves_no_claim_so_the_next_run_retries(follower, monkeypatch):
    watched_city_with_news(follower)

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise ConnectionError("synthetic SMTP failure")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", broken)
    assert digests_send(now=NOON) == 0
    monkeypatch.undo()
    assert not Digest.objects.exists()
    assert digests_send(now=NOON) == 1


def test_weekly_periods_are_iso_weeks():
    assert digest_period(now=NOON, period="weekly") == "2026-W48"
    assert digest_period(now=NOON, period="daily") == "2026-11-24"


def test_the_task_and_the_command_collect_and_send_once(follower, settings):
    settings.ALERTS_DIGEST_PERIOD = "weekly"
    case = city_case()
    watch = watch_add(user=follower, jurisdiction=case.city)
    Watch.objects.filter(pk=watch.pk).update(created_at=timezone.now() - timedelta(days=1))
    join(case.sheriff, task_force_program())
    sweep(as_of=date(2026, 6, 1))
    assert send_digests.delay().get()["digests"] == 1
    call_command("send_digests", stdout=None)
    assert len(mail.outbox) == 1


def test_unsubscribe_link_asks_first_then_removes_the_watch_without_signing_in(client, follower):
    case = city_case()
    watch = watch_add(user=follower, jurisdiction=case.city)
    url = reverse("alerts:unsubscribe", args=[unsubscribe_token(user=follower, watch=watch)])
    assert client.get(url).status_code == 200
    assert Watch.objects.filter(pk=watch.pk).exists()  # a link scanner's GET changes nothing
    response = client.post(url)
    assert response.status_code == 200 and b"1 watch removed" in response.content
    assert not Watch.objects.filter(pk=watch.pk).exists()


def test_one_click_unsubscribe_of_everything_takes_a_post_without_csrf_token(follower):
    from django.test import Client

    watch_add(user=follower, jurisdiction=city_case().city)
    watch_add(user=follower, rule_id="FR-FED-001")
    url = reverse("alerts:unsubscribe", args=[unsubscribe_token(user=follower)])
    response = Client(enforce_csrf_checks=True).post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not Watch.objects.filter(user=follower).exists()


def test_an_altered_unsubscribe_token_is_refused(client, follower):
    watch = watch_add(user=follower, jurisdiction=city_case().city)
    token = unsubscribe_token(user=follower, watch=watch)
    response = client.post(reverse("alerts:unsubscribe", args=[token[:-2] + "xx"]))
    assert response.status_code == 400
    assert Watch.objects.filter(pk=watch.pk).exists()


def test_an_unsubscribe_link_expires_after_ninety_days(client, follower):
    import time
    from unittest import mock

    watch = watch_add(user=follower, jurisdiction=city_case().city)
    with mock.patch("django.core.signing.time.time", return_value=time.time() - 91 * 86400):
        old = unsubscribe_token(user=follower, watch=watch)
    response = client.post(reverse("alerts:unsubscribe", args=[old]))
    assert response.status_code == 400 and b"has expired" in response.content
    assert Watch.objects.filter(pk=watch.pk).exists()
    fresh = unsubscribe_token(user=follower, watch=watch)
    assert client.post(reverse("alerts:unsubscribe", args=[fresh])).status_code == 200
