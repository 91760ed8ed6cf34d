"""Virginia: the 2021 citation, SB 783's conditions on 287(g), the Governor's directive, and the ALPR statute."""

import datetime

import pytest

from tracker.laws.models import Instrument, Provision, Survey
from tracker.sources.models import Source

pytestmark = pytest.mark.django_db
ON = datetime.date(2026, 12, 3)
D = datetime.date
OFFICIAL = ["primary_text", "official_record", "court_opinion"]




def survey(place: str, topic: str = "agreements_287g") -> Survey:
    return Survey.objects.get(jurisdiction__ocd_id=f"ocd-division/country:us/{place}", topic=topic)


def test_the_lis_page_is_named_as_the_introduced_ordinance_bill_not_the_enacted_chapter(seeded: None) -> None:
    source = Source.objects.get(key="lis-hb2031-2021-full")
    assert "introduced" in source.title and "not the enacted" in source.title
    assert "has adopted an ordinance" in source.quote
    v2021 = Instrument.objects.get(key="us-va-acts-2021-sp1-c537-hb2031")
    assert v2021.url != source.url
    # Its enacted words were read only in a Code copy, so the 2021 text is no longer marked verified.
    assert v2021.verified is False and "introduced" in v2021.doubt
    first = Provision.objects.get(key="us-va-2021-c537-fr-ban-2021-2022")
    assert not first.sources.filter(key="lis-hb2031-2021-full").exists()
    assert "expressly authorized by statute" in first.quote
    assert set(Source.objects.filter(key__startswith="lawserver-va").values_list("kind", flat=True)) == {"other"}


def test_sb783_puts_conditions_on_287g_agreements_until_june_2028(seeded: None) -> None:
    act = Instrument.objects.get(key="us-va-acts-2026-c1028-sb783")
    assert "c. 1028" in act.citation and act.effective_on == D(2026, 7, 1)
    assert act.verified is False and "CHAP1028" in act.doubt
    conditions = Provision.objects.get(key="us-va-acts-2026-c1028-287g-conditions")
    assert conditions.type == "conditions_287g" and conditions.binds == "all_law_enforcement"
    assert conditions.ends_on == D(2028, 6, 30)
    assert not Provision.objects.filter(
        instrument__jurisdiction__ocd_id="ocd-division/country:us/state:va",
        type="prohibits_287g",
        binds__in=["all_law_enforcement", "jail_operators", "local_enforcement"],
    ).exists()


def test_only_state_agencies_are_bound_to_end_287g_and_eo_47_is_gone(seeded: None) -> None:
    directive = Provision.objects.get(key="us-va-ed-1-2026-state-agencies-end-287g")
    assert (directive.type, directive.binds, directive.verified) == ("prohibits_287g", "own_government", False)
    assert directive.instrument.enacted_on == D(2026, 2, 4)
    eo47 = Instrument.objects.get(key="us-va-eo-47-2025")
    assert (eo47.status, eo47.repealed_on) == ("repealed", D(2026, 1, 17))
    assert not Instrument.objects.in_force(ON).filter(pk=eo47.pk).exists()


def test_alpr_statute_limits_retention_to_21_days_and_bars_federal_sharing(seeded: None) -> None:
    retention = Provision.objects.get(key="us-va-code-2-2-5517-retention-21-days")
    assert (retention.type, retention.retention_days, retention.technologies) == ("retention_limit", 21, ["alpr"])
    sharing = Provision.objects.get(key="us-va-code-2-2-5517-purposes-and-sharing")
    assert sharing.type == "data_sharing_limit" and sharing.federal_reach == "express"
    assert "§2.2-5517" in sharing.instrument.citation and sharing.instrument.effective_on == D(2025, 7, 1)


def test_virginia_surveys(seeded: None) -> None:
    assert survey("state:va").finding == "recorded"
    assert survey("state:va", "face_recognition").finding == "unresolved"
    assert survey("state:va", "data_sharing").finding == "recorded"
