"""Vermont: 20 V.S.A. §4652 from the Legislature's own text, with its emergency exception."""

import pytest

from tracker.laws.models import Instrument, Provision, Survey

pytestmark = pytest.mark.django_db




def test_4652_cites_the_official_text_and_its_2017_act(seeded: None) -> None:
    law = Instrument.objects.get(key="us-vt-20-vsa-4652")
    assert law.url == "https://legislature.vermont.gov/statutes/section/20/207/04652"
    assert str(law.effective_on) == "2017-03-28"
    assert "No. 5" in law.number
    assert law.verified is True
    kinds = set(law.sources.values_list("kind", flat=True))
    assert "primary_text" in kinds


def test_4652_bars_local_agreements_but_keeps_the_emergency_exception(seeded: None) -> None:
    ban = Provision.objects.get(key="us-vt-20-vsa-4652-governor-only")
    assert ban.type == "prohibits_287g"
    assert ban.verified is True
    emergency = ban.exceptions.get(kind="other")
    assert "declaration of a State or national emergency" in emergency.quote


def test_vermont_287g_position_is_recorded(seeded: None) -> None:
    survey = Survey.objects.get(jurisdiction__ocd_id="ocd-division/country:us/state:vt", topic="agreements_287g")
    assert survey.finding == "recorded"
