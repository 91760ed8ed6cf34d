"""Shared test fixtures: Celery forced eager, personas, test-only settings."""

import pytest

from config.celery import app as celery_app


@pytest.fixture(scope="session", autouse=True)
def _celery_eager() -> None:
    """Run tasks in-process even when a broker URL is set, so tests never reach a real worker."""
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True


@pytest.fixture(autouse=True)
def _fast_test_settings(settings: pytest.FixtureRequest) -> None:
    """A fast password hasher (tests only)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def editor(django_user_model):  # type: ignore[no-untyped-def]
    """May change facts (laws, agencies, partnerships), not review flags."""
    user = django_user_model.objects.create_user("editor", password="synthetic-password-1")
    return user
