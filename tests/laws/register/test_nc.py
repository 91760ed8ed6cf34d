"""North Carolina: HB 318 (2025) is a detainer-and-notice law, not a 287(g) mandate."""

import datetime

import pytest

from tracker.laws.models import Instrument, Survey

pytestmark = pytest.mark.django_db




def survey(state: str, topic: str = "agreements_287g") -> Survey:
    return Survey.objects.get(jurisdiction__ocd_id=f"ocd-division/country:us/state:{state}", topic=topic)


def test_hb318_is_modelled_as_detainer_law_not_287g_mandate(seeded: None) -> None:
    act = Instrument.objects.get(key="us-nc-hb318-2025-criminal-illegal-alien-enforcement-act")
    assert act.effective_on == datetime.date(2025, 10, 1)
    assert set(act.provisions.values_list("type", flat=True)) == {"preempts_local_immigration"}
    assert survey("nc").finding == "none_found"
