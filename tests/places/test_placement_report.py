"""`manage.py placement_report` and the selector under it, on synthetic agencies."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from tests.factories.partnerships import PartnershipFactory
from tests.factories.places import AgencyCoverageFactory, AgencyFactory, StateFactory
from tracker.partnerships.choices import PartnershipStatus
from tracker.places.selectors import placement

pytestmark = pytest.mark.django_db


@pytest.fixture
def agencies() -> None:
    """A located police department, one without home or coverage, and one whose agreement has ended."""
    state = StateFactory(name="Synthetic State 1", postal_code="Z1")
    lost = AgencyFactory(home=None, state=state, name="Synthetic Lost Constable", needs_review=True)
    lost.review_note = "Coverage: a constable: no place 'synthetic lost' in Synthetic State 1"
    lost.save()
    ended = AgencyFactory(home=None, state=state, name="Synthetic Ended Constable")
    located = AgencyCoverageFactory(agency=AgencyFactory(name="Synthetic Located Police Department")).agency
    for agency in (located, lost):
        PartnershipFactory(agency=agency, source_row={"TYPE": "Municipality", "COUNTY": "Synthetic County"})
    PartnershipFactory(agency=ended, status=PartnershipStatus.ENDED, ended_on=datetime.date(2025, 9, 1))


def test_the_report_counts_agencies_with_an_active_agreement_and_lists_the_unplaced(agencies: None) -> None:
    out = StringIO()
    call_command("placement_report", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "1 of 2 agencies with an active agreement located (50.0 %)"
    assert lines[1:] == [
        (
            "  Z1 Synthetic Lost Constable (TYPE Municipality, COUNTY Synthetic County): "
            "Coverage: a constable: no place 'synthetic lost' in Synthetic State 1"
        )
    ]


def test_the_placement_is_read_in_two_queries(agencies: None, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    # 1. the agencies with an active agreement, each with whether it has coverage
    # 2. the sheet rows of the unplaced ones
    with django_assert_num_queries(2):
        result = placement()
    assert (result.total, result.located) == (2, 1)
