"""A synthetic world with a unique canary string planted in every kind of private data."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import Group

from tests.api.builders import build_world
from tracker.alerts.models import Watch
from tracker.common.roles import EDITORS, REVIEWERS
from tracker.conflicts import services
from tracker.conflicts.choices import FlagStatus


@dataclass
class CanaryWorld:
    """The synthetic world, the canary, and the people who use it."""

    canary: str
    objects: dict[str, Any]
    users: dict[str, Any]


def _user(django_user_model: Any, username: str, group: str | None = None, **extra: Any) -> Any:
    user = django_user_model.objects.create_user(username, password="synthetic-password-1", **extra)
    if group:
        user.groups.add(Group.objects.get_or_create(name=group)[0])
    return user


def build_canary_world(django_user_model: Any) -> CanaryWorld:
    """Plant CANARY-<uuid> in a flag note, a review reason, a reviewer's name, agency and partnership review notes."""
    canary = f"CANARY-{uuid.uuid4().hex}"
    world = build_world()
    users = {
        "editor": _user(django_user_model, "synthetic-editor", EDITORS),
        "reviewer": _user(django_user_model, "synthetic-reviewer", REVIEWERS),
        # The assignee's name is private too: the canary is the name itself.
        "assignee": _user(django_user_model, canary.lower(), REVIEWERS),
        "admin": _user(django_user_model, "synthetic-admin", is_staff=True),
    }
    objects = dict(world.objects, state=world.state, county=world.county, city=world.city)
    flag = objects["flag"]
    services.flag_note_add(flag=flag, author=users["reviewer"], text=f"Privileged: {canary}")
    flag = services.flag_transition(flag=flag, to=FlagStatus.IN_REVIEW, by=users["reviewer"],
                                    reason=f"Reason {canary}", expected_version=flag.version)
    flag = services.flag_assign(flag=flag, assignee=users["assignee"], by=users["reviewer"],
                                expected_version=flag.version)
    objects["flag"] = flag
    for key in ("sheriff", "sheriff_tfm"):
        objects[key].needs_review = True
        objects[key].review_note = f"Check {canary}"
        objects[key].save()
    objects["provision"] = objects["city_ban"].provisions.get()
    objects["rule"] = flag.rule_id
    objects["watch"] = Watch.objects.create(user=users["reviewer"], kind="jurisdiction", jurisdiction=world.city)
    if not objects["state"].geoid:
        objects["state"].geoid = "99"
        objects["state"].save()
    return CanaryWorld(canary=canary, objects=objects, users=users)
