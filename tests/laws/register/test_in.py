"""Indiana: the 2011 ban on local immigration limits and the 2025 executive order, both from secondary sources."""

import datetime

import pytest

from tracker.laws.models import Instrument, Provision, Survey

pytestmark = pytest.mark.django_db
ON = datetime.date(2026, 12, 3)




def survey(state: str, topic: str = "agreements_287g") -> Survey:
    return Survey.objects.get(jurisdiction__ocd_id=f"ocd-division/country:us/state:{state}", topic=topic)


def test_indiana_laws_are_stored_unverified_with_their_doubts(seeded: None) -> None:
    chapter = Instrument.objects.get(key="us-in-ic-5-2-18-2")
    assert (chapter.effective_on, chapter.verified) == (datetime.date(2011, 7, 1), False) and chapter.doubt
    assert Provision.objects.get(key="us-in-ic-5-2-18-2-no-limits").type == "preempts_local_immigration"
    order = Provision.objects.get(key="us-in-eo-25-29-287g")
    assert (order.type, order.binds, order.verified) == ("mandates_287g", "named_agencies", False)
    assert order.instrument.enacted_on == datetime.date(2025, 1, 28)
    assert survey("in").finding == "recorded"
