"""Oklahoma: 22 O.S. §171.3 detainer law; SB 868 (2025) not enacted."""

import datetime

import pytest

from tracker.laws.models import Instrument, Survey

pytestmark = pytest.mark.django_db




def survey(state: str, topic: str = "agreements_287g") -> Survey:
    return Survey.objects.get(jurisdiction__ocd_id=f"ocd-division/country:us/state:{state}", topic=topic)


def test_detainer_law_is_not_a_287g_mandate(seeded: None) -> None:
    act = Instrument.objects.get(key="us-ok-22-os-171-3")
    assert act.effective_on == datetime.date(2021, 11, 1) and act.verified is False
    assert set(act.provisions.values_list("type", flat=True)) == {"preempts_local_immigration"}
    assert not Instrument.objects.filter(number__contains="SB 868").exists()
    assert survey("ok").finding == "none_found"
