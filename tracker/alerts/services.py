"""Writes of the alerts app: watches, hit collection, digests and unsubscribing."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from tracker.alerts.choices import DigestPeriod, WatchKind
from tracker.alerts.links import site_reverse
from tracker.alerts.models import Digest, Watch, WatchHit
from tracker.alerts.querysets import touches
from tracker.conflicts.registry import registry
from tracker.places.models import Jurisdiction

logger = logging.getLogger(__name__)
UNSUBSCRIBE_SALT = "tracker.alerts.unsubscribe"
#: An unsubscribe link works this long after its digest was sent; later, signing in manages watches.
UNSUBSCRIBE_MAX_AGE = timedelta(days=90)


def watch_add(*, user: Any, jurisdiction: Jurisdiction | None = None, rule_id: str = "") -> Watch:
    """Follow a jurisdiction or a rule; following it again returns the existing watch."""
    if (jurisdiction is None) == (not rule_id):
        raise ValidationError("Follow either a jurisdiction or a rule.")
    if rule_id and rule_id not in registry:
        raise ValidationError(f"Unknown rule {rule_id}.")
    kind = WatchKind.RULE if rule_id else WatchKind.JURISDICTION
    watch, _ = Watch.objects.get_or_create(user=user, kind=kind, jurisdiction=jurisdiction, rule_id=rule_id)
    return watch


def watch_remove(*, user: Any, watch_id: int) -> bool:
    """Stop following; only the owner's watch is removed."""
    deleted, _ = Watch.objects.filter(user=user, pk=watch_id).delete()
    return bool(deleted)


def hits_collect() -> int:
    """Record a hit for each new fact that touches a watch; the unique constraint makes reruns add nothing."""
    created = 0
    for watch in Watch.objects.select_related("jurisdiction"):
        rows = [WatchHit(watch=watch, kind=t.kind, object_id=t.object_id, title=t.title) for t in touches(watch)]
        if not rows:
            continue
        before = WatchHit.objects.filter(watch=watch).count()
        WatchHit.objects.bulk_create(rows, ignore_conflicts=True)
        created += WatchHit.objects.filter(watch=watch).count() - before
    return created


def digest_period(*, now: datetime | None = None, period: str | None = None) -> str:
    """The key of the period a moment falls in: the day ("2026-11-24") or the ISO week ("2026-W48")."""
    day = timezone.localdate(now or timezone.now())
    period = period or getattr(settings, "ALERTS_DIGEST_PERIOD", DigestPeriod.DAILY)
    if period == DigestPeriod.WEEKLY:
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    if period == DigestPeriod.DAILY:
        return day.isoformat()
    raise ValueError(f"ALERTS_DIGEST_PERIOD must be daily or weekly, not {period!r}.")


def digests_send(*, now: datetime | None = None, period: str | None = None) -> int:
    """E-mail each user their unsent hits, at most once per period; return how many digests were sent."""
    key = digest_period(now=now, period=period)
    user_ids = WatchHit.objects.filter(digest__isnull=True).values_list("watch__user_id", flat=True).distinct()
    sent = 0
    for user in get_user_model().objects.filter(pk__in=list(user_ids), is_active=True).exclude(email=""):
        try:
            # The claim, the mail and the marking commit together: a failed send leaves nothing claimed,
            # and a second run (even a concurrent one) meets the unique (user, period) row and stops.
            with transaction.atomic():
                digest = Digest.objects.create(user=user, period=key)
                hits = list(
                    WatchHit.objects.select_for_update(of=("self",))
                    .filter(watch__user=user, digest__isnull=True)
                    .select_related("watch__jurisdiction")
                    .order_by("watch_id", "kind", "object_id")
                )
                if not hits:
                    raise _NothingToSend
                _send(user=user, digest=digest, hits=hits)
                WatchHit.objects.filter(pk__in=[h.pk for h in hits]).update(digest=digest)
                Digest.objects.filter(pk=digest.pk).update(hit_count=len(hits))
                sent += 1
        except (IntegrityError, _NothingToSend):
            continue
        except Exception:
            # One bad address or a mail server hiccup must not stop everyone else's digest; nothing was
            # claimed, so the next run retries this user.
            logger.exception("Digest for user %s in %s not sent", user.pk, key)
    return sent


class _NothingToSend(Exception):
    """Another run sent these hits first; undo the claim."""


def base_url() -> str:
    """Where links in e-mails point (settings.LOOKOUT_BASE_URL)."""
    return str(getattr(settings, "LOOKOUT_BASE_URL", "http://127.0.0.1:8000")).rstrip("/")


def unsubscribe_token(*, user: Any, watch: Watch | None = None) -> str:
    """A signed token that stops one watch, or all of a user's watches, without signing in."""
    return signing.dumps({"u": user.pk, "w": watch.pk if watch else None}, salt=UNSUBSCRIBE_SALT)


def unsubscribe_url(*, user: Any, watch: Watch | None = None) -> str:
    """The absolute one-click unsubscribe link."""
    return base_url() + site_reverse("alerts:unsubscribe", unsubscribe_token(user=user, watch=watch))


def unsubscribe_target(*, token: str) -> dict[str, Any]:
    """What a token names; signing.SignatureExpired past its age, signing.BadSignature if forged or altered."""
    data: dict[str, Any] = signing.loads(token, salt=UNSUBSCRIBE_SALT, max_age=UNSUBSCRIBE_MAX_AGE)
    return data


def watch_unsubscribe(*, token: str) -> int:
    """Remove what the token names (see `unsubscribe_target` for the refusals)."""
    data = unsubscribe_target(token=token)
    watches = Watch.objects.filter(user_id=data["u"])
    if data.get("w") is not None:
        watches = watches.filter(pk=data["w"])
    _, per_model = watches.delete()
    return per_model.get(Watch._meta.label, 0)


def _send(*, user: Any, digest: Digest, hits: list[WatchHit]) -> None:
    by_watch: dict[int, dict[str, Any]] = {}
    for hit in hits:
        group = by_watch.setdefault(
            hit.watch_id,
            {"watch": hit.watch, "hits": [], "unsubscribe": unsubscribe_url(user=user, watch=hit.watch)},
        )
        group["hits"].append(hit)
    everything = unsubscribe_url(user=user)
    context = {
        "user": user, "digest": digest, "groups": list(by_watch.values()), "count": len(hits),
        "base_url": base_url(), "unsubscribe_all": everything, "memo_flags_url": base_url() + site_reverse("memo-flags"),
    }
    message = EmailMultiAlternatives(
        subject=f"Lookout digest {digest.period}: {len(hits)} new item{'s' if len(hits) != 1 else ''}",
        body=render_to_string("alerts/digest.txt", context),
        to=[user.email],
        headers={"List-Unsubscribe": f"<{everything}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    )
    message.attach_alternative(render_to_string("alerts/digest_email.html", context), "text/html")
    message.send()
