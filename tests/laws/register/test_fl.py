"""Florida: §908.11 mandate and §908.103 anti-sanctuary section, on flsenate.gov."""


import pytest

from tracker.laws.models import Instrument, Provision, Survey

pytestmark = pytest.mark.django_db




def survey(state: str, topic: str = "agreements_287g") -> Survey:
    return Survey.objects.get(jurisdiction__ocd_id=f"ocd-division/country:us/state:{state}", topic=topic)


def test_908_103_quotes_the_senate_text(seeded: None) -> None:
    ban = Provision.objects.get(key="us-fl-stat-908-103-sanctuary-ban")
    assert ban.quote.startswith("A state entity, law enforcement agency, or local governmental entity may not adopt")
    assert "flsenate-sb168-2019-amendment-418032" in set(ban.sources.values_list("key", flat=True))


def test_florida_287g_position_is_the_908_11_mandate(seeded: None) -> None:
    mandate = Provision.objects.get(key="us-fl-stat-908-11-287g-mandate")
    assert mandate.type == "mandates_287g" and mandate.verified is True
    assert Instrument.objects.get(key="us-fl-stat-908-11").url.startswith("https://www.flsenate.gov/")
    assert survey("fl").finding == "recorded"
