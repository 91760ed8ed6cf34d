"""Alerts fixtures: a signed-in user with an e-mail address, and a time before everything in a test."""

import pytest


@pytest.fixture
def follower(django_user_model):  # type: ignore[no-untyped-def]
    """A signed-up user with an address: may follow places and rules, sees no private flag data."""
    return django_user_model.objects.create_user("synthetic-follower", email="follower@example.org")
