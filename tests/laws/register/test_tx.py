"""Texas: SB 8 (89th Leg.), Gov't Code ch. 753, read in the official enrolled text."""

import datetime

import pytest

from tracker.laws.models import Instrument, Provision, Survey

pytestmark = pytest.mark.django_db




def survey(state: str, topic: str = "agreements_287g") -> Survey:
    return Survey.objects.get(jurisdiction__ocd_id=f"ocd-division/country:us/state:{state}", topic=topic)


def test_sb8_mandate_quotes_the_enrolled_text_and_binds_jail_operators(seeded: None) -> None:
    mandate = Provision.objects.get(key="us-tx-gov-code-753-287g-mandate")
    assert mandate.type == "mandates_287g"
    assert mandate.binds == "jail_operators"
    assert mandate.section == "§753.051(a)"
    assert "operates a jail or contracts with a private vendor to operate a jail" in mandate.quote
    assert "or a similar federal program" in mandate.federal_reach_quote
    assert mandate.verified is True
    assert "tx-capitol-sb8-89r-enrolled" in set(mandate.sources.values_list("key", flat=True))


def test_sb8_dates_come_from_trackers_so_the_act_stays_unverified(seeded: None) -> None:
    act = Instrument.objects.get(key="us-tx-sb8-2025-gov-code-ch-753")
    assert act.url == "https://capitol.texas.gov/tlodocs/89R/billtext/html/SB00008F.htm"
    assert act.effective_on == datetime.date(2026, 1, 1)
    assert act.enacted_on == datetime.date(2025, 6, 20)
    assert act.verified is False
    assert "100,000" in act.doubt and "1 Dec 2026" in act.doubt
    assert Provision.objects.get(key="us-tx-gov-code-753-287g-mandate").effective_on == datetime.date(2026, 12, 1)
    enrolled = act.sources.get(key="tx-capitol-sb8-89r-enrolled")
    assert enrolled.kind == "primary_text"


def test_texas_287g_position_is_a_mandate(seeded: None) -> None:
    assert survey("tx").finding == "recorded"


def test_anti_sanctuary_section_read_only_on_copies_is_unverified(seeded: None) -> None:
    sb4 = Instrument.objects.get(key="us-tx-gov-code-752-053")
    assert sb4.verified is False and "El Cenizo" in sb4.doubt
    # The enrolled SB 4 record (official) is cited, but §752.053's words were read only on copies.
    assert set(sb4.sources.values_list("kind", flat=True)) == {"other", "official_record"}
    assert sb4.sources.get(key="tx-legis-sb4-85r-enrolled").kind == "official_record"
