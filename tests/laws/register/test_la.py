"""Louisiana: R.S. 33:81-83 (Acts 2024, No. 314) on legis.la.gov."""

import datetime

import pytest

from tracker.laws.models import Instrument, Provision, Survey

pytestmark = pytest.mark.django_db




def survey(state: str, topic: str = "agreements_287g") -> Survey:
    return Survey.objects.get(jurisdiction__ocd_id=f"ocd-division/country:us/state:{state}", topic=topic)


def test_anti_sanctuary_part_is_title_33_and_verified(seeded: None) -> None:
    act = Instrument.objects.get(key="us-la-rs-33-81-83-sanctuary-ban")
    assert act.citation.startswith("La. R.S. 33:81")
    assert act.effective_on == datetime.date(2024, 5, 28)
    assert act.verified is True
    assert act.url.startswith("https://legis.la.gov/")
    best = Provision.objects.get(key="us-la-rs-33-83-best-efforts")
    assert best.quote == "A law enforcement agency shall use best efforts to support the enforcement of federal immigration law."


def test_louisiana_requires_no_287g_agreement(seeded: None) -> None:
    assert not Provision.objects.filter(instrument__jurisdiction__ocd_id="ocd-division/country:us/state:la",
                                        type="mandates_287g").exists()
    assert survey("la").finding == "none_found"
    assert survey("la", "immigration").finding == "recorded"


def test_new_orleans_2022_amendment_conditions_fr_on_a_crime_list(seeded: None) -> None:
    rule = Provision.objects.get(key="us-la-new-orleans-code-147-2-fr-crime-list")
    assert rule.type == "fr_conditions" and rule.conditions == ["crime_list"] and rule.verified is False
    assert rule.instrument.enacted_on == datetime.date(2022, 7, 28)
    assert Instrument.objects.get(key="us-la-new-orleans-surveillance-ordinance-2020").status == "repealed"


def test_new_orleans_2020_ban_resting_on_news_is_unverified(seeded: None) -> None:
    ban = Instrument.objects.get(key="us-la-new-orleans-surveillance-ordinance-2020")
    assert ban.verified is False
    assert set(ban.sources.values_list("kind", flat=True)) == {"news"}
