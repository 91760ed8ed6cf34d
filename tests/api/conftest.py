"""API personas and clients: anonymous, editor, reviewer, admin."""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from rest_framework.test import APIClient

from tracker.common.roles import EDITORS, REVIEWERS


@pytest.fixture(autouse=True)
def _fresh_throttles() -> None:
    """Throttle counts live in the cache; each test starts with none."""
    cache.clear()


def _member(django_user_model, username: str, group: str | None = None, **extra):  # type: ignore[no-untyped-def]
    user = django_user_model.objects.create_user(username, password="synthetic-password-1", **extra)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def api_editor(django_user_model):  # type: ignore[no-untyped-def]
    """In the editors group: may change facts, may not see review notes."""
    return _member(django_user_model, "synthetic-editor", EDITORS)


@pytest.fixture
def api_reviewer(django_user_model):  # type: ignore[no-untyped-def]
    """In the reviewers group: sees notes and acts on flags, may not change facts."""
    return _member(django_user_model, "synthetic-reviewer", REVIEWERS)


@pytest.fixture
def api_admin(django_user_model):  # type: ignore[no-untyped-def]
    """Staff: manages users; may do what editors and reviewers do."""
    return _member(django_user_model, "synthetic-admin", is_staff=True)


@pytest.fixture
def plain_user(django_user_model):  # type: ignore[no-untyped-def]
    """Signed in, in no group: reads like anonymous."""
    return _member(django_user_model, "synthetic-reader")


@pytest.fixture
def anon() -> APIClient:
    """Nobody signed in: reads public facts and rules."""
    return APIClient()


def client_for(user) -> APIClient:  # type: ignore[no-untyped-def]
    """A client signed in as the user."""
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def editor_client(api_editor) -> APIClient:  # type: ignore[no-untyped-def]
    """A client signed in as an editor."""
    return client_for(api_editor)


@pytest.fixture
def reviewer_client(api_reviewer) -> APIClient:  # type: ignore[no-untyped-def]
    """A client signed in as a reviewer."""
    return client_for(api_reviewer)


@pytest.fixture
def admin_api_client(api_admin) -> APIClient:  # type: ignore[no-untyped-def]
    """A client signed in as an admin."""
    return client_for(api_admin)
