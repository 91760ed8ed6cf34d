"""An instrument's force is judged from its dates, the same way in SQL and in Python."""

import datetime

import pytest

from tests.factories.laws import InstrumentFactory
from tracker.laws.models import Instrument

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.mark.parametrize(
    ("fields", "on", "expected"),
    [
        ({}, D(2020, 1, 15), False),  # enacted, not yet effective
        ({}, D(2020, 2, 1), True),
        ({"repealed_on": D(2022, 7, 28)}, D(2022, 7, 28), False),
        ({"repealed_on": D(2022, 7, 28)}, D(2022, 7, 27), True),
        ({"sunset_on": D(2023, 1, 1)}, D(2023, 1, 1), False),
        ({"status": "proposed"}, D(2024, 1, 1), False),
        ({"status": "enjoined"}, D(2024, 1, 1), False),
        ({"effective_on": None}, D(2020, 1, 1), True),  # no effective date: the enactment date counts
        ({"effective_on": None, "enacted_on": None}, D(2020, 1, 1), True),  # no dates: status in_force counts
        ({"effective_on": None, "enacted_on": None, "status": "enacted"}, D(2020, 1, 1), False),
        ({"status": "repealed"}, D(2024, 1, 1), False),  # repealed on an unknown date
        ({"status": "expired"}, D(2020, 6, 1), False),
        ({"status": "repealed", "repealed_on": D(2022, 7, 28)}, D(2021, 1, 1), True),
    ],
)
def test_in_force_agrees_between_the_queryset_and_the_model(fields: dict, on: datetime.date, expected: bool) -> None:
    instrument = InstrumentFactory(**fields)
    assert instrument.is_in_force_on(on) is expected
    assert Instrument.objects.in_force(on=on).filter(pk=instrument.pk).exists() is expected
