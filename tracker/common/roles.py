"""Roles, and the one place that decides who may see reviewer notes and non-public flag data.

Editors (group "editors") change facts; reviewers (group "reviewers") read notes and act on flags;
admins (`is_staff`) manage users. Serializers, querysets, exports and pages ask these functions
and never test group names themselves, so a leak cannot come from a side view with its own rule.
"""

from __future__ import annotations

from typing import Any

EDITORS = "editors"
REVIEWERS = "reviewers"


def _in_group(user: Any, group: str) -> bool:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    # Cache the names on the user object: one query per request, not one per serialized row.
    names = getattr(user, "_lookout_group_names", None)
    if names is None:
        names = frozenset(user.groups.values_list("name", flat=True))
        user._lookout_group_names = names
    return group in names


def is_admin(user: Any) -> bool:
    """Admins manage users; they may also do everything editors and reviewers do."""
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active and user.is_staff)


def is_editor(user: Any) -> bool:
    """Whether the user may change facts."""
    return is_admin(user) or _in_group(user, EDITORS)


def is_reviewer(user: Any) -> bool:
    """Whether the user may act on flags."""
    return is_admin(user) or _in_group(user, REVIEWERS)


def can_see_private(user: Any) -> bool:
    """Whether the user may see reviewer notes, review trails and other non-public flag data."""
    return is_reviewer(user)
