"""Whether a partnership is active (or pending) on a date is judged the same way in SQL and in Python."""

import datetime
import itertools

import pytest

from tests.factories.partnerships import PartnershipFactory
from tracker.partnerships.choices import PartnershipKind, PartnershipStatus
from tracker.partnerships.models import Partnership
from tracker.partnerships.querysets import active_on, pending_on

pytestmark = pytest.mark.django_db
D = datetime.date
DATES = (None, D(2024, 1, 1), D(2025, 6, 1), D(2026, 6, 1))
STATUSES = {
    PartnershipKind.AGREEMENT: (PartnershipStatus.ACTIVE, PartnershipStatus.ENDED),
    PartnershipKind.APPLICATION: (PartnershipStatus.PENDING, PartnershipStatus.ENDED),
}


def _generated() -> list[Partnership]:
    """Every kind, status and order of signed, first-listed and ended dates the constraints allow."""
    made = []
    for kind, statuses in STATUSES.items():
        for status, signed, first, ended in itertools.product(statuses, DATES, DATES, DATES):
            if (status == PartnershipStatus.ENDED) != (ended is not None) or (signed and ended and ended < signed):
                continue
            made.append(
                PartnershipFactory(kind=kind, status=status, signed_on=signed, first_seen_on=first, ended_on=ended)
            )
    return made


@pytest.mark.parametrize("on", [D(2023, 1, 1), D(2024, 1, 1), D(2025, 6, 1), D(2025, 12, 31), D(2026, 6, 1)])
def test_active_and_pending_agree_between_the_queryset_and_the_twin(on: datetime.date) -> None:
    rows = _generated()
    assert {p.pk for p in rows if active_on(p, on)} == set(
        Partnership.objects.active(on=on).values_list("pk", flat=True)
    )
    assert {p.pk for p in rows if pending_on(p, on)} == set(
        Partnership.objects.pending(on=on).values_list("pk", flat=True)
    )


def test_an_ended_application_is_never_active_nor_pending_after_it_ended() -> None:
    application = PartnershipFactory(
        kind=PartnershipKind.APPLICATION,
        status=PartnershipStatus.ENDED,
        signed_on=None,
        first_seen_on=D(2025, 5, 15),
        ended_on=D(2026, 5, 18),
    )
    assert pending_on(application, D(2026, 1, 1)) and not pending_on(application, D(2026, 5, 18))
    assert not any(active_on(application, on) for on in (D(2025, 6, 1), D(2026, 6, 1)))
    assert not Partnership.objects.active(on=D(2025, 6, 1)).filter(pk=application.pk).exists()
