"""Shared test fixtures: Celery forced eager, personas, test-only settings."""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache

from config.celery import app as celery_app
from tracker.common.roles import EDITORS, REVIEWERS

#: The longest files, first: pytest-xdist hands out whole files in collection order, so a long file collected late
#: would leave one process working alone at the end.
LONGEST_FIRST = (
    "tests/e2e/test_questions.py",
    "tests/hardening/test_mutations.py",
    "tests/common/test_locks.py",
    "tests/places/test_placement_real.py",
    "tests/test_fixtures.py",
    "tests/importers/test_demo_data.py",
    "tests/api/test_schemathesis.py",
    "tests/hardening/test_worker_crash.py",
    "tests/importers/test_ocd_divisions.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Start the longest files first; every other test keeps its place (the sort is stable)."""
    rank = {path: i for i, path in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::")[0], len(rank)))


@pytest.fixture(scope="session", autouse=True)
def _celery_eager() -> None:
    """Run tasks in-process even when a broker URL is set, so tests never reach a real worker."""
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True


@pytest.fixture(autouse=True)
def _fast_test_settings(settings: pytest.FixtureRequest) -> None:
    """A fast password hasher, and no shared answers unless a test turns them on (tests only)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.PUBLIC_CACHE_SECONDS = 0
    cache.clear()  # throttle counts live in the cache: each test starts with none


def _member(django_user_model, username: str, group: str):  # type: ignore[no-untyped-def]
    user = django_user_model.objects.create_user(username, password="synthetic-password-1")
    user.groups.add(Group.objects.get_or_create(name=group)[0])
    return user


@pytest.fixture
def editor(django_user_model):  # type: ignore[no-untyped-def]
    """In the editors group: may change facts (laws, agencies, partnerships), not review flags."""
    return _member(django_user_model, "editor", EDITORS)


@pytest.fixture
def reviewer(django_user_model):  # type: ignore[no-untyped-def]
    """In the reviewers group: sees private notes and acts on flags; may not change facts."""
    return _member(django_user_model, "reviewer", REVIEWERS)
