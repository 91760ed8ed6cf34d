"""Page-test fixtures: a synthetic world placed on real map shapes, and clients for each role."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.api.builders import World, build_world


@pytest.fixture
def world(db: None) -> World:
    """Synthetic State ZQ drawn on Wyoming's shape (GEOID 56), its county on Albany County's (56001)."""
    built = build_world()
    built.state.geoid = "56"
    built.state.save()
    built.county.geoid = "56001"
    built.county.save()
    return built


@pytest.fixture
def reviewer_client(reviewer) -> Client:  # type: ignore[no-untyped-def]
    """Signed in as a reviewer."""
    client = Client()
    client.force_login(reviewer)
    return client


@pytest.fixture
def editor_client(editor) -> Client:  # type: ignore[no-untyped-def]
    """Signed in as an editor (not a reviewer)."""
    client = Client()
    client.force_login(editor)
    return client
