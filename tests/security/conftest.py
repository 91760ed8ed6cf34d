"""Security test fixtures: the canary world, fresh throttles and lock-outs."""

import pytest
from django.core.cache import cache

from tests.security.world import CanaryWorld, build_canary_world


@pytest.fixture(autouse=True)
def _fresh_throttles() -> None:
    """Throttle counts live in the cache; each test starts with none."""
    cache.clear()


@pytest.fixture
def canary_world(db, django_user_model) -> CanaryWorld:  # type: ignore[no-untyped-def]
    """The synthetic world with the canary planted in every private field."""
    return build_canary_world(django_user_model)
