"""The real fixtures, seeded once for every register test and rolled back after them."""

import pytest
from django.db import transaction

from tracker.common.seeding import seed_all


@pytest.fixture(scope="package")
def _seeded_register(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    """Seeding the whole register takes seconds: once for the package, not once per state."""
    with django_db_blocker.unblock(), transaction.atomic():
        seed_all()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def seeded(_seeded_register, db) -> None:  # type: ignore[no-untyped-def]
    """Each test runs inside the package's seeded transaction (a savepoint of it)."""
