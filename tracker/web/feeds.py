"""Atom feeds of flag changes per state, rule and place: new, reopened, stale and other status changes.

An entry is one status change of a flag (a `FlagEvent` whose status moved), newest first, at most
`LIMIT` per feed, in two queries. Entries carry the flag's public face only (rule, severity in words,
place, agency, question); never the reviewer who acted, their reason or their notes, so the same
feed can be shared with everyone through the public cache.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.db.models import F, QuerySet
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from tracker.conflicts.choices import FlagStatus, Severity
from tracker.conflicts.models import Flag, FlagEvent
from tracker.conflicts.registry import registry
from tracker.places.models import Jurisdiction

#: Entries per feed: enough for a reader polling daily, small enough to answer fast.
LIMIT = 50
#: A flag that comes back from these statuses is reopened.
CLOSED = (FlagStatus.DISMISSED, FlagStatus.RESOLVED, FlagStatus.STALE)
STATUS_WORDS = dict(FlagStatus.choices)


@dataclass(frozen=True)
class Target:
    """What a feed follows: its name, the page it stands for, and the flags it covers."""

    name: str
    link: str
    flags: QuerySet[Flag]


def status_changes(flags: QuerySet[Flag], limit: int = LIMIT) -> list[FlagEvent]:
    """The latest status changes of these flags, newest first (one query)."""
    return list(
        FlagEvent.objects.filter(flag__in=flags.values("pk"))
        .exclude(from_status=F("to_status"))
        .select_related("flag__jurisdiction", "flag__agency")
        .only(
            "at",
            "from_status",
            "to_status",
            "flag__rule_id",
            "flag__severity",
            "flag__question",
            "flag__jurisdiction__name",
            "flag__agency__name",
        )
        .order_by("-at", "-id")[:limit]
    )


def change_label(event: FlagEvent) -> str:
    """What happened, in words: new, reopened, stale, or from one status to another."""
    if not event.from_status:
        return "New flag"
    if event.to_status == FlagStatus.NEW and event.from_status in CLOSED:
        return "Reopened"
    if event.to_status == FlagStatus.STALE:
        return "Went stale (its facts no longer hold)"
    return f"{STATUS_WORDS.get(event.from_status, event.from_status)} → {STATUS_WORDS.get(event.to_status, event.to_status)}"


def severity_words(severity: int) -> str:
    """'Critical (S4)' from the stored level."""
    code, _, words = Severity(severity).label.partition(" ")
    return f"{words} ({code})"


class FlagChangesFeed(Feed):
    """The common feed: subclasses only find their target."""

    feed_type = Atom1Feed

    def target(self, request: HttpRequest, **kwargs: str) -> Target:
        """The followed thing, or Http404."""
        raise NotImplementedError

    def get_object(self, request: HttpRequest, **kwargs: str) -> Target:
        """The target named by the URL."""
        return self.target(request, **kwargs)

    def title(self, obj: Target) -> str:
        """Feed title."""
        return f"Lookout: flag changes — {obj.name}"

    def link(self, obj: Target) -> str:
        """The page the feed stands for."""
        return obj.link

    def subtitle(self, obj: Target) -> str:
        """What an entry is."""
        return (
            f"New and reopened flags, and flags that changed status or went stale, for {obj.name}; "
            f"newest first, the latest {LIMIT}."
        )

    def items(self, obj: Target) -> list[FlagEvent]:
        """The latest status changes."""
        return status_changes(obj.flags)

    def item_title(self, item: FlagEvent) -> str:
        """'Reopened: FR-FED-001 #12 in Synthetic City (Critical (S4))'."""
        flag = item.flag
        return f"{change_label(item)}: {flag.rule_id} #{flag.pk} in {flag.jurisdiction.name} — {severity_words(flag.severity)}"

    def item_description(self, item: FlagEvent) -> str:
        """Rule, severity, place, agency and the legal question (plain text; the generator escapes it)."""
        flag = item.flag
        rule = registry.get(flag.rule_id).title if flag.rule_id in registry else flag.rule_id
        agency = flag.agency.name if flag.agency else "no single agency"
        return (
            f"{change_label(item)}. Rule {flag.rule_id}: {rule}. Severity: {severity_words(flag.severity)}. "
            f"Jurisdiction: {flag.jurisdiction.name}. Agency: {agency}. Question: {flag.question}"
        )

    def item_link(self, item: FlagEvent) -> str:
        """The flag's page."""
        return reverse("web:flag", args=[item.flag_id])

    def item_guid(self, item: FlagEvent) -> str:
        """One id per change, not per flag."""
        return f"{reverse('web:flag', args=[item.flag_id])}#change-{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: FlagEvent) -> datetime.datetime:
        """When the change happened."""
        return item.at

    def item_updateddate(self, item: FlagEvent) -> datetime.datetime:
        """When the change happened."""
        return item.at

    def item_categories(self, item: FlagEvent) -> tuple[str, ...]:
        """The rule id and severity, for readers that filter."""
        return (item.flag.rule_id, severity_words(item.flag.severity))


class StateFeed(FlagChangesFeed):
    """Every flag in a state (by its Census GEOID, as the map's state page)."""

    def target(self, request: HttpRequest, **kwargs: str) -> Target:
        """The state, or 404."""
        state = Jurisdiction.objects.states().filter(geoid=kwargs["geoid"]).first()
        if state is None:
            raise Http404("No state has this GEOID.")
        return Target(state.name, reverse("web:state", args=[state.geoid]), Flag.objects.concerning(state))


class PlaceFeed(FlagChangesFeed):
    """The flags a place's dossier lists (`Flag.objects.concerning`)."""

    def target(self, request: HttpRequest, **kwargs: str) -> Target:
        """The jurisdiction (by OCD id or alias), or 404."""
        place = Jurisdiction.objects.by_ocd_id(kwargs["ocd_id"]).first()
        if place is None:
            raise Http404("No jurisdiction has this OCD id.")
        return Target(place.name, reverse("web:dossier", args=[place.ocd_id]), Flag.objects.concerning(place))


class RuleFeed(FlagChangesFeed):
    """Every flag a rule raised."""

    def target(self, request: HttpRequest, **kwargs: str) -> Target:
        """The rule, or 404 (retired rules keep their feed: their flags still change)."""
        rule_id = kwargs["rule_id"]
        if rule_id not in registry:
            raise Http404("No rule has this id.")
        name = f"rule {rule_id} ({registry.get(rule_id).title})"
        return Target(name, reverse("web:method") + f"#rule-{rule_id}", Flag.objects.for_rule(rule_id))
