"""Iowa: chapter 27A bars sanctuary policies; it is not a 287(g) mandate."""

import datetime

import pytest

from tracker.laws.models import Instrument, Provision, Survey

pytestmark = pytest.mark.django_db
ON = datetime.date(2026, 12, 3)




def survey(state: str, topic: str = "agreements_287g") -> Survey:
    return Survey.objects.get(jurisdiction__ocd_id=f"ocd-division/country:us/state:{state}", topic=topic)


def test_chapter_27a_is_a_preemption_of_local_limits_and_no_287g_mandate(seeded: None) -> None:
    chapter = Instrument.objects.get(key="us-ia-code-ch-27a")
    assert (chapter.enacted_on, chapter.effective_on) == (datetime.date(2018, 4, 10), datetime.date(2018, 7, 1))
    assert chapter.verified is False  # read on a copy of the Code
    assert set(chapter.provisions.values_list("type", flat=True)) == {"preempts_local_immigration"}
    assert not Provision.objects.filter(
        type="mandates_287g", instrument__jurisdiction__ocd_id__contains="state:ia"
    ).exists()
    assert survey("ia").finding == "none_found"
