"""Review services: transitions, reasons, concurrent reviewers, notes, queued sweeps."""

from datetime import date

import pytest
from django.utils import timezone

from tests.factories.conflicts import city_case, join, task_force_program
from tracker.common import public_cache
from tracker.conflicts.choices import FlagStatus
from tracker.conflicts.engine import sweep
from tracker.conflicts.models import Flag
from tracker.conflicts.services import (
    FlagConflictError,
    FlagTransitionError,
    flag_assign,
    flag_note_add,
    flag_transition,
    sweep_request,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def flag() -> Flag:
    case = city_case()
    join(case.sheriff, task_force_program())
    sweep(as_of=date(2026, 6, 1))
    return Flag.objects.get(rule_id="FR-FED-001")


def test_review_moves_new_to_in_review_to_confirmed_and_records_each_step(flag, editor):
    flag = flag_transition(flag=flag, to=FlagStatus.IN_REVIEW, by=editor, expected_version=flag.version)
    flag = flag_transition(flag=flag, to=FlagStatus.CONFIRMED, by=editor, reason="Synthetic",
                           expected_version=flag.version)
    steps = list(flag.events.values_list("from_status", "to_status", "by"))
    assert steps[-2:] == [("new", "in_review", editor.pk), ("in_review", "confirmed", editor.pk)]


def test_a_new_flag_cannot_be_confirmed_without_review(flag, editor):
    with pytest.raises(FlagTransitionError):
        flag_transition(flag=flag, to=FlagStatus.CONFIRMED, by=editor, expected_version=flag.version)


def test_dismissal_requires_a_reason(flag, editor):
    flag = flag_transition(flag=flag, to=FlagStatus.IN_REVIEW, by=editor, expected_version=flag.version)
    with pytest.raises(FlagTransitionError, match="reason"):
        flag_transition(flag=flag, to=FlagStatus.DISMISSED, by=editor, reason="  ", expected_version=flag.version)


def test_reviewers_cannot_mark_a_flag_stale(flag, editor):
    with pytest.raises(FlagTransitionError):
        flag_transition(flag=flag, to=FlagStatus.STALE, by=editor, expected_version=flag.version)


def test_second_reviewer_with_an_old_version_gets_a_conflict_and_nothing_is_lost(flag, editor, django_user_model):
    other = django_user_model.objects.create_user("reviewer-b", password="synthetic-password-2")
    read_by_both = flag.version
    flag_transition(flag=flag, to=FlagStatus.IN_REVIEW, by=editor, expected_version=read_by_both)
    with pytest.raises(FlagConflictError) as caught:
        flag_assign(flag=flag, assignee=other, by=other, expected_version=read_by_both)
    assert caught.value.current["status"] == FlagStatus.IN_REVIEW
    assert caught.value.current["version"] == read_by_both + 1
    flag.refresh_from_db()
    assert (flag.status, flag.assignee) == (FlagStatus.IN_REVIEW, None)


def test_assignment_is_recorded(flag, editor):
    flag = flag_assign(flag=flag, assignee=editor, by=editor, expected_version=flag.version)
    assert flag.assignee == editor
    assert "Assigned to editor" in flag.events.last().reason


def test_notes_are_kept_with_author_and_time(flag, editor):
    note = flag_note_add(flag=flag, author=editor, text="Synthetic note")
    assert note.author == editor
    assert note.at <= timezone.now()


def test_sweep_request_runs_after_commit_for_the_touched_jurisdictions(django_capture_on_commit_callbacks):
    case = city_case()
    join(case.sheriff, task_force_program())
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        sweep_request(jurisdiction_ids=[case.city.id])
        assert not Flag.objects.exists()
    assert len([c for c in callbacks if c is not public_cache._renew]) == 1, "one hand-over to the broker"
    assert callbacks.count(public_cache._renew) == 1, "and the shared answers retired, once per transaction"
    assert Flag.objects.filter(jurisdiction=case.city, rule_id="FR-FED-001").exists()
