"""Watches store intent: facts added after a watch become hit rows, once per watch and fact."""

from datetime import date, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from tests.factories.conflicts import city_case, join, task_force_program
from tests.factories.laws import InstrumentFactory
from tracker.alerts.choices import HitKind
from tracker.alerts.models import Watch, WatchHit
from tracker.alerts.services import hits_collect, watch_add
from tracker.conflicts.engine import sweep

pytestmark = pytest.mark.django_db
SWEEP_DAY = date(2026, 6, 1)


def backdate(watch: Watch, days: int = 1) -> None:
    Watch.objects.filter(pk=watch.pk).update(created_at=timezone.now() - timedelta(days=days))


def test_jurisdiction_watch_reports_a_new_flag_agreement_and_law_added_after_it(follower):
    case = city_case()
    watch = watch_add(user=follower, jurisdiction=case.city)
    partnership = join(case.sheriff, task_force_program())
    state_law = InstrumentFactory(jurisdiction=case.state, title="Synthetic State Act 1")
    sweep(as_of=SWEEP_DAY)
    assert hits_collect() >= 3
    hits = {(h.kind, h.object_id) for h in watch.hits.all()}
    assert (HitKind.AGREEMENT, partnership.pk) in hits
    assert (HitKind.LAW, state_law.pk) in hits
    assert any(kind == HitKind.FLAG for kind, _ in hits)


def test_facts_recorded_before_the_watch_are_not_news(follower):
    case = city_case()
    join(case.sheriff, task_force_program())
    sweep(as_of=SWEEP_DAY)
    watch = watch_add(user=follower, jurisdiction=case.city)
    Watch.objects.filter(pk=watch.pk).update(created_at=timezone.now() + timedelta(seconds=5))
    assert hits_collect() == 0


def test_a_watch_on_another_place_sees_nothing(follower):
    case = city_case()
    elsewhere = city_case()
    watch_add(user=follower, jurisdiction=elsewhere.city)
    join(case.sheriff, task_force_program())
    sweep(as_of=SWEEP_DAY)
    assert hits_collect() == 0


def test_rule_watch_reports_new_flags_of_that_rule_only(follower):
    watch = watch_add(user=follower, rule_id="FR-FED-001")
    other = watch_add(user=follower, rule_id="IMM-001")
    backdate(watch)
    backdate(other)
    case = city_case()
    join(case.sheriff, task_force_program())
    sweep(as_of=SWEEP_DAY)
    hits_collect()
    assert watch.hits.filter(kind=HitKind.FLAG).count() >= 1
    assert "FR-FED-001" in watch.hits.first().title
    assert not other.hits.exists()


def test_collecting_twice_adds_no_second_hit(follower):
    case = city_case()
    watch_add(user=follower, jurisdiction=case.city)
    join(case.sheriff, task_force_program())
    sweep(as_of=SWEEP_DAY)
    first = hits_collect()
    assert first > 0
    assert hits_collect() == 0
    assert WatchHit.objects.count() == first


def test_the_database_refuses_a_second_hit_for_the_same_watch_and_fact(follower):
    case = city_case()
    watch = watch_add(user=follower, jurisdiction=case.city)
    WatchHit.objects.create(watch=watch, kind=HitKind.LAW, object_id=1, title="Synthetic")
    with pytest.raises(IntegrityError), transaction.atomic():
        WatchHit.objects.create(watch=watch, kind=HitKind.LAW, object_id=1, title="Synthetic again")


def test_following_twice_keeps_one_watch_and_unknown_rules_are_refused(follower):
    case = city_case()
    assert watch_add(user=follower, jurisdiction=case.city) == watch_add(user=follower, jurisdiction=case.city)
    with pytest.raises(Exception, match="Unknown rule"):
        watch_add(user=follower, rule_id="NOPE-000")
    with pytest.raises(IntegrityError), transaction.atomic():
        Watch.objects.create(user=follower, kind="rule", jurisdiction=case.city, rule_id="FR-FED-001")
