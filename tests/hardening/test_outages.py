"""Redis stopped or hung: reads neither fail nor wait, writes commit, and every owed sweep is queued on recovery."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator

import pytest
from django.db import transaction

from config.cache import FailOpenRedisCache
from config.celery import app as celery_app
from tests.factories.places import StateFactory
from tests.hardening.figures import record
from tests.hardening.redis_server import RedisServer
from tracker.common.public_cache import HEADER
from tracker.conflicts import outbox
from tracker.conflicts.models import PendingSweep
from tracker.conflicts.services import sweep_request
from tracker.conflicts.tasks import dispatch_pending_sweeps

READS = ["/api/jurisdictions/", "/api/agencies/", "/api/partnerships/", "/api/flags/"]
SLOW = 2.0
OWED = 20


def _reset_celery_pools() -> None:
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def redis_cache(settings: pytest.FixtureRequest, redis_server: RedisServer) -> Iterator[RedisServer]:
    """The fail-open Redis cache (throttle counters, shared anonymous answers) on the test's own Redis."""
    FailOpenRedisCache._skip_until.clear()
    settings.PUBLIC_CACHE_SECONDS = 300
    settings.CACHES = {"default": {"BACKEND": "config.cache.FailOpenRedisCache", "LOCATION": redis_server.url,
                                   "KEY_PREFIX": "hardening"}}
    yield redis_server
    FailOpenRedisCache._skip_until.clear()


@pytest.fixture
def broker(redis_server: RedisServer) -> Iterator[RedisServer]:
    """Celery publishing for real to the test's own Redis (tests are otherwise eager)."""
    conf = celery_app.conf
    saved = conf.broker_url, conf.task_always_eager
    conf.broker_url, conf.task_always_eager = redis_server.url, False
    _reset_celery_pools()
    outbox._broker_down_until = 0.0
    yield redis_server
    conf.broker_url, conf.task_always_eager = saved
    _reset_celery_pools()
    outbox._broker_down_until = 0.0


def _read_all(client: object) -> list[tuple[str, int, float, str]]:
    out = []
    for url in READS * 3:
        started = time.perf_counter()
        response = client.get(url)  # type: ignore[attr-defined]
        out.append((url, response.status_code, time.perf_counter() - started, response.get(HEADER, "")))
    return out


@pytest.mark.django_db
def test_reads_neither_fail_nor_wait_while_redis_is_stopped_or_hung(client, redis_cache: RedisServer) -> None:
    StateFactory()
    up = _read_all(client)
    assert redis_cache.client().dbsize() > 0, "the throttles must really count in Redis while it is up"
    assert [hit for *_, hit in up] == ["miss"] * len(READS) + ["hit"] * 2 * len(READS)
    redis_cache.stop()
    stopped = _read_all(client)
    redis_cache.start()
    redis_cache.pause(15_000)
    FailOpenRedisCache._skip_until.clear()  # so the hung phase meets the hung socket, not the skip window
    hung = _read_all(client)
    redis_cache.stop()
    for name, phase in (("up", up), ("stopped", stopped), ("hung", hung)):
        record(f"read_seconds_max_redis_{name}", round(max(s for _url, _status, s, _hit in phase), 3))
        assert [status for _url, status, _s, _hit in phase if status >= 500] == []
        assert [(url, round(s, 2)) for url, _status, s, _hit in phase if s > SLOW] == []
    assert {status for _url, status, _s, _hit in up + stopped + hung} == {200}
    assert {hit for *_, hit in stopped + hung} == {"miss"}, "without Redis every answer is computed afresh"


def _owe(ids: list[int]) -> None:
    """A write that owes a re-evaluation, committed as a request would commit it."""
    with transaction.atomic():
        sweep_request(jurisdiction_ids=ids)


@pytest.mark.django_db(transaction=True)
def test_writes_during_an_outage_commit_and_every_owed_sweep_is_queued_after_recovery(broker: RedisServer) -> None:
    state = StateFactory()
    broker.stop()
    for _ in range(OWED):
        _owe([state.pk])  # no exception: the write is committed whatever the broker does
    outbox._broker_down_until = 0.0  # the backoff has run out
    broker.start()
    broker.pause(4_000)
    started = time.perf_counter()
    _owe([state.pk])
    record("write_commit_seconds_redis_hung", round(time.perf_counter() - started, 2))
    owed = PendingSweep.objects.filter(dispatched_at__isnull=True)
    assert owed.count() == OWED + 1
    tries = list(PendingSweep.objects.values_list("attempts", flat=True))
    assert tries == [2] + [0] * OWED, "the oldest is tried first: once while down, once while hung"
    time.sleep(4.5)  # the pause ends: Redis is back
    started = time.perf_counter()
    sent = dispatch_pending_sweeps()["sent"]  # what beat runs every 15 s
    record("relay_seconds_after_recovery", {"owed": OWED + 1, "seconds": round(time.perf_counter() - started, 3)})
    assert sent == OWED + 1 and not owed.exists()
    queued = [json.loads(m) for m in broker.client().lrange("celery", 0, -1)]
    assert len(queued) == OWED + 1
    assert {m["headers"]["task"] for m in queued} == {"tracker.conflicts.tasks.sweep_jurisdictions"}
    assert sorted(json.loads(m["headers"]["kwargsrepr"].replace("'", '"'))["pending_id"] for m in queued) == sorted(
        PendingSweep.objects.values_list("pk", flat=True))


@pytest.mark.django_db(transaction=True)
def test_next_write_after_recovery_also_sends_what_was_owed(broker: RedisServer) -> None:
    state = StateFactory()
    broker.stop()
    _owe([state.pk])
    broker.start()
    outbox._broker_down_until = 0.0
    _owe([state.pk])
    assert not PendingSweep.objects.filter(dispatched_at__isnull=True).exists()
    assert broker.client().llen("celery") == 2
