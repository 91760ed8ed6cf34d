"""A watch on a state or place also gets ICE's sheet changes there: applications signed, agreements gone."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from tests.factories.conflicts import city_case, jail_program, join, task_force_program
from tests.factories.sources import SourceFactory
from tracker.alerts.choices import HitKind
from tracker.alerts.models import Watch
from tracker.alerts.services import digests_send, hits_collect, watch_add
from tracker.partnerships.choices import PartnershipKind, PartnershipStatus

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.alerts.urls")]
NOON = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)


def backdate(watch: Watch) -> None:
    Watch.objects.filter(pk=watch.pk).update(created_at=timezone.now() - timedelta(days=1))


def sheet(kind: str, on: date):  # type: ignore[no-untyped-def]
    return SourceFactory(key=f"ice-287g-{kind}-synthetic-{on:%Y%m%d}", published_on=on)


def test_an_agreement_gone_from_a_sheet_imported_after_the_watch_is_a_hit(follower):
    case = city_case()
    agreement = join(case.sheriff, task_force_program(), first_seen_in=sheet("participating", date(2026, 10, 1)))
    watch = watch_add(user=follower, jurisdiction=case.state)
    backdate(watch)
    agreement.status, agreement.ended_on = PartnershipStatus.ENDED, date(2026, 12, 1)
    agreement.ended_in = sheet("participating", date(2026, 12, 1))
    agreement.save()
    hits_collect()
    [hit] = watch.hits.filter(kind=HitKind.ENDED)
    assert hit.object_id == agreement.pk
    assert "not on the sheet of 2026-12-01" in hit.title


def test_an_agreement_ended_by_a_sheet_imported_before_the_watch_is_not_news(follower):
    case = city_case()
    join(
        case.sheriff,
        task_force_program(),
        status=PartnershipStatus.ENDED,
        ended_on=date(2026, 12, 1),
        ended_in=sheet("participating", date(2026, 12, 1)),
    )
    watch = watch_add(user=follower, jurisdiction=case.city)
    hits_collect()
    assert not watch.hits.exists()


def test_an_application_leaving_the_pending_sheet_is_not_reported_as_an_agreement_gone(follower):
    case = city_case()
    watch = watch_add(user=follower, jurisdiction=case.city)
    backdate(watch)
    join(
        case.sheriff,
        jail_program(),
        status=PartnershipStatus.ENDED,
        kind=PartnershipKind.APPLICATION,
        signed_on=None,
        ended_on=date(2026, 12, 1),
        first_seen_in=sheet("pending", date(2026, 11, 1)),
        ended_in=sheet("participating", date(2026, 12, 1)),
    )
    hits_collect()
    assert not watch.hits.filter(kind=HitKind.ENDED).exists()


def test_a_signed_application_is_reported_as_signed_and_linked_to_the_sheet_changes(follower):
    case = city_case()
    application = join(
        case.sheriff,
        jail_program(),
        status=PartnershipStatus.PENDING,
        signed_on=None,
        first_seen_in=sheet("pending", date(2026, 11, 1)),
    )
    watch = watch_add(user=follower, jurisdiction=case.city)
    backdate(watch)
    signed = join(
        case.sheriff, jail_program(), application=application, first_seen_in=sheet("participating", date(2026, 12, 1))
    )
    hits_collect()
    kinds = {(h.kind, h.object_id) for h in watch.hits.all()}
    assert (HitKind.SIGNED, signed.pk) in kinds
    assert (HitKind.AGREEMENT, signed.pk) not in kinds
    assert digests_send(now=NOON) == 1
    body = mail.outbox[0].body
    assert "Pending application signed: " in body
    assert "/agreements/changes/" in body
