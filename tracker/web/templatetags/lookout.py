"""Template helpers: safe links for imported URLs, vocabulary labels, verified markers."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlsplit

from django import template
from django.urls import reverse

from tracker.conflicts.choices import FlagStatus, Severity
from tracker.laws.choices import Binds, Condition, FederalReach, InstrumentStatus, ProvisionType, Technology
from tracker.partnerships.choices import (
    CapabilityKind,
    PartnershipStatus,
    Purpose,
    Recipient,
    SharingEventKind,
    SharingKind,
)
from tracker.sources.selectors import is_official, kind_label

register = template.Library()

LABELS: dict[str, dict[str, str]] = {
    "provision_type": dict(ProvisionType.choices),
    "federal_reach": dict(FederalReach.choices),
    "binds": dict(Binds.choices),
    "condition": dict(Condition.choices),
    "instrument_status": dict(InstrumentStatus.choices),
    "partnership_status": dict(PartnershipStatus.choices),
    "capability": dict(CapabilityKind.choices),
    "flag_status": dict(FlagStatus.choices),
    "technology": dict(Technology.choices),
    "sharing_kind": dict(SharingKind.choices),
    "recipient": dict(Recipient.choices),
    "purpose": dict(Purpose.choices),
    "sharing_event": dict(SharingEventKind.choices),
}


@register.filter
def http_url(value: Any) -> str:
    """The URL if it is http(s), else empty: an imported `javascript:` link never becomes a live href."""
    text = str(value or "").strip()
    return text if urlsplit(text).scheme in ("http", "https") else ""


@register.filter
def cell(value: Any) -> Any:
    """A table cell: dates as YYYY-MM-DD (as in the exports), None as empty."""
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else value


@register.filter
def official_first(sources: Any) -> list[Any]:
    """Sources (rows or evidence dicts) with the official ones first, each keeping its order otherwise."""
    items = list(sources or [])
    return sorted(items, key=lambda s: not is_official(_kind(s)))


@register.filter
def source_kind(source: Any) -> str:
    """'official: …' or 'secondary: …' for a cited source, so a news report is never read as the law."""
    return kind_label(_kind(source))


def _kind(source: Any) -> str | None:
    return source.get("kind") if isinstance(source, dict) else getattr(source, "kind", None)


@register.filter
def label(value: Any, vocabulary: str) -> str:
    """The human label of a stored code (the code itself if unknown)."""
    return LABELS.get(vocabulary, {}).get(str(value), str(value))


@register.filter
def labels(values: Any, vocabulary: str) -> str:
    """Codes of a list in words, joined ("Federal agencies, Agencies of other states")."""
    return ", ".join(label(value, vocabulary) for value in values or [])


@register.filter
def severity_label(value: Any) -> str:
    """S0–S4 with its name."""
    try:
        return str(Severity(int(value)).label)
    except (TypeError, ValueError):
        return str(value)


@register.simple_tag
def dossier_url(ocd_id: str) -> str:
    """The dossier page of an OCD id."""
    return reverse("web:dossier", kwargs={"ocd_id": ocd_id})


@register.inclusion_tag("web/_verified.html")
def verified(value: Any) -> dict[str, bool]:
    """✓ verified or ◐ unverified, in words (marks alone are lost on screen readers and some fonts)."""
    return {"ok": bool(value)}


@register.filter
def reviewer(user: Any) -> bool:
    """Whether the user may act on flags (tracker.common.roles decides)."""
    from tracker.common.roles import is_reviewer

    return is_reviewer(user)
