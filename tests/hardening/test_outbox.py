"""The sweep outbox on the embedded default (eager tasks): owed, run, marked done; stuck rows sent again."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from tests.factories.conflicts import city_case, join, task_force_program
from tracker.conflicts import outbox
from tracker.conflicts.engine import sweep
from tracker.conflicts.models import Flag, PendingSweep
from tracker.conflicts.services import sweep_request
from tracker.conflicts.tasks import dispatch_pending_sweeps, sweep_jurisdictions

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_backoff() -> Iterator[None]:
    outbox._broker_down_until = 0.0
    yield
    outbox._broker_down_until = 0.0


def test_a_write_owes_a_sweep_that_runs_after_commit_and_is_marked_done(django_capture_on_commit_callbacks) -> None:
    case = city_case()
    join(case.sheriff, task_force_program())
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        sweep_request(jurisdiction_ids=[case.city.pk])
        assert PendingSweep.objects.get().done_at is None
    owed = PendingSweep.objects.get()
    assert owed.dispatched_at is not None and owed.done_at is not None
    assert Flag.objects.filter(jurisdiction=case.city).exists()


def test_a_rolled_back_write_owes_nothing() -> None:
    case = city_case()
    with pytest.raises(RuntimeError), transaction.atomic():
        sweep_request(jurisdiction_ids=[case.city.pk])
        raise RuntimeError("synthetic failure after the write")
    assert not PendingSweep.objects.exists()


def test_sweeps_owed_while_held_wait_and_the_next_full_sweep_covers_them(django_capture_on_commit_callbacks) -> None:
    case = city_case()
    join(case.sheriff, task_force_program())
    with django_capture_on_commit_callbacks(execute=True), outbox.sweeps_held(), transaction.atomic():
        sweep_request(jurisdiction_ids=[case.city.pk])
    owed = PendingSweep.objects.get()
    assert owed.dispatched_at is None and owed.done_at is None
    assert not Flag.objects.exists()
    sweep(jurisdiction_ids=[case.city.pk])  # a partial sweep covers only what it names
    sweep(as_of=timezone.localdate() - timedelta(days=1))  # a sweep of another day covers nothing owed today
    owed.refresh_from_db()
    assert owed.done_at is None
    sweep()
    owed.refresh_from_db()
    assert owed.done_at is not None and owed.dispatched_at is None
    assert Flag.objects.filter(jurisdiction=case.city).exists()


def test_a_full_sweep_leaves_what_is_owed_after_it_began() -> None:
    case = city_case()
    before = PendingSweep.objects.create(jurisdiction_ids=[case.city.pk], created=timezone.now())
    owed_at_start = outbox.pending_sweeps_owed()
    after = PendingSweep.objects.create(jurisdiction_ids=[case.city.pk], created=timezone.now())
    outbox.pending_sweeps_covered(owed_at_start)
    before.refresh_from_db()
    after.refresh_from_db()
    assert before.done_at is not None and after.done_at is None


def test_relay_sends_a_row_dispatched_long_ago_but_never_done_and_leaves_a_recent_one() -> None:
    case = city_case()
    long_ago = timezone.now() - outbox.REDISPATCH_AFTER - timedelta(minutes=1)
    stuck = PendingSweep.objects.create(jurisdiction_ids=[case.city.pk], created=long_ago, dispatched_at=long_ago)
    recent = PendingSweep.objects.create(jurisdiction_ids=[case.city.pk], created=timezone.now(),
                                         dispatched_at=timezone.now())
    assert dispatch_pending_sweeps()["sent"] == 1
    stuck.refresh_from_db()
    recent.refresh_from_db()
    assert stuck.done_at is not None and recent.done_at is None


def test_relay_prunes_rows_done_more_than_a_week_ago() -> None:
    old = timezone.now() - outbox.KEEP_DONE - timedelta(days=1)
    PendingSweep.objects.create(jurisdiction_ids=[1], created=old, dispatched_at=old, done_at=old)
    PendingSweep.objects.create(jurisdiction_ids=[1], created=old, dispatched_at=old, done_at=timezone.now())
    assert dispatch_pending_sweeps() == {"sent": 0, "gave_up": 0, "pruned": 1}
    assert PendingSweep.objects.count() == 1


def test_a_failed_hand_over_keeps_the_row_counts_the_try_and_backs_off(monkeypatch) -> None:
    case = city_case()
    row = PendingSweep.objects.create(jurisdiction_ids=[case.city.pk], created=timezone.now())

    def broker_down(*args: object, **kwargs: object) -> None:
        raise ConnectionRefusedError("synthetic: broker down")

    monkeypatch.setattr("tracker.conflicts.tasks.sweep_jurisdictions.apply_async", broker_down)
    assert outbox.pending_sweeps_dispatch() == 0
    row.refresh_from_db()
    assert (row.dispatched_at, row.attempts) == (None, 1) and "broker down" in row.last_error
    assert outbox.pending_sweeps_dispatch(respect_backoff=True) == 0
    row.refresh_from_db()
    assert row.attempts == 1, "within the backoff a request does not try the broker again"


def test_a_sweep_that_keeps_failing_is_recorded_then_given_up_once_and_sent_again_on_request(  # type: ignore[no-untyped-def]
    monkeypatch, caplog
) -> None:
    case = city_case()
    row = PendingSweep.objects.create(jurisdiction_ids=[case.city.pk], created=timezone.now())

    def broken_sweep(*args: object, **kwargs: object) -> None:
        raise ValueError("synthetic: a fact the rules cannot read")

    monkeypatch.setattr("tracker.conflicts.tasks.sweep", broken_sweep)
    long_ago = timezone.now() - outbox.REDISPATCH_AFTER - timedelta(minutes=1)
    for delivery in range(1, outbox.MAX_DISPATCHES + 1):
        assert PendingSweep.objects.filter(outbox.due()).exists()
        # What a worker does with each delivery the broker hands it; the relay counted the delivery.
        with pytest.raises(ValueError):
            sweep_jurisdictions(row.jurisdiction_ids, pending_id=row.pk)
        PendingSweep.objects.filter(pk=row.pk).update(dispatches=delivery, dispatched_at=long_ago)
        row.refresh_from_db()
        assert row.done_at is None and row.last_error == "sweep: ValueError: synthetic: a fact the rules cannot read"
    assert not PendingSweep.objects.filter(outbox.due()).exists(), "no sixth delivery"
    with caplog.at_level("ERROR", logger="tracker.conflicts.outbox"):
        assert dispatch_pending_sweeps() == {"sent": 0, "gave_up": 1, "pruned": 0}
        assert dispatch_pending_sweeps() == {"sent": 0, "gave_up": 0, "pruned": 0}
    assert [r.getMessage() for r in caplog.records] == [
        f"Gave up on owed sweeps [{row.pk}] after {outbox.MAX_DISPATCHES} deliveries; see the admin's Outbox"
    ]
    row.refresh_from_db()
    assert row.gave_up_at is not None and row.done_at is None

    monkeypatch.undo()  # the cause is fixed
    assert outbox.pending_sweeps_retry(PendingSweep.objects.all()) == 1
    assert dispatch_pending_sweeps()["sent"] == 1
    row.refresh_from_db()
    assert row.done_at is not None and (row.dispatches, row.gave_up_at) == (1, None)


def test_the_admin_lists_the_outbox_read_only_and_sends_a_given_up_row_again(admin_client) -> None:  # type: ignore[no-untyped-def]
    gave_up = PendingSweep.objects.create(jurisdiction_ids=[1], created=timezone.now(), dispatches=5,
                                          dispatched_at=timezone.now(), gave_up_at=timezone.now(),
                                          last_error="sweep: ValueError: synthetic")
    listing = admin_client.get("/admin/conflicts/pendingsweep/")
    assert listing.status_code == 200 and "sweep: ValueError: synthetic" in listing.content.decode()
    assert admin_client.get("/admin/conflicts/pendingsweep/add/").status_code == 403
    admin_client.post("/admin/conflicts/pendingsweep/", {"action": "send_again", "_selected_action": [gave_up.pk]})
    gave_up.refresh_from_db()
    assert (gave_up.gave_up_at, gave_up.dispatches, gave_up.dispatched_at) == (None, 0, None)
    assert PendingSweep.objects.filter(outbox.due()).get() == gave_up
