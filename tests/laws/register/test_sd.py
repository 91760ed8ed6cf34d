"""South Dakota: SB 7 (2025) bans sanctuary policies; no 287(g) law found."""

import datetime

import pytest

from tracker.laws.models import Instrument, Survey

pytestmark = pytest.mark.django_db
ON = datetime.date(2026, 12, 3)




def survey(state: str, topic: str = "agreements_287g") -> Survey:
    return Survey.objects.get(jurisdiction__ocd_id=f"ocd-division/country:us/state:{state}", topic=topic)


def test_sb_7_is_a_dateless_unverified_preemption(seeded: None) -> None:
    sb7 = Instrument.objects.get(key="us-sd-sb-7-2025-sanctuary-ban")
    assert (sb7.enacted_on, sb7.effective_on, sb7.verified) == (None, None, False)
    assert sb7.provisions.get().type == "preempts_local_immigration"
    assert survey("sd").finding == "none_found"
