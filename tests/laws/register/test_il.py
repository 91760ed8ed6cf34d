"""Illinois: the 2019 ban on 287(g) agreements, the TRUST Act, the Way Forward Act and its court test, ALPR
sharing, and the Chicago, Oak Park and Evanston ordinances, as the real fixtures hold them."""

import datetime

import pytest

from tests.factories.partnerships import PartnershipFactory
from tests.factories.places import AgencyCoverageFactory, CountyFactory
from tracker.conflicts.selectors import collisions
from tracker.laws.models import Instrument, InstrumentEvent, Provision, Survey
from tracker.partnerships.models import FederalProgram
from tracker.places.models import Jurisdiction

pytestmark = pytest.mark.django_db
ON = datetime.date(2026, 12, 3)




def survey(state: str, topic: str = "agreements_287g") -> Survey:
    return Survey.objects.get(jurisdiction__ocd_id=f"ocd-division/country:us/state:{state}", topic=topic)


def test_the_2019_act_bans_every_287g_agreement_in_illinois(seeded: None) -> None:
    ban = Provision.objects.get(key="us-il-pa-101-0019-no-287g")
    assert (ban.type, ban.binds, ban.federal_reach, ban.verified) == (
        "prohibits_287g",
        "all_law_enforcement",
        "express",
        True,
    )
    assert "enter into or remain in an agreement with U.S. Immigration and Customs Enforcement" in ban.quote
    act = ban.instrument
    assert act.jurisdiction.ocd_id == "ocd-division/country:us/state:il"
    assert (act.citation, act.enacted_on, act.verified) == (
        "Public Act 101-0019 (HB 1637), Sec. 5",
        datetime.date(2019, 6, 21),
        True,
    )
    assert act.is_in_force_on(ON)
    assert act.sources.filter(kind="primary_text", url__startswith="https://ilga.gov/").exists()


def test_an_illinois_sheriff_with_a_287g_agreement_collides_with_the_state_ban(seeded: None) -> None:
    illinois = Jurisdiction.objects.get(ocd_id="ocd-division/country:us/state:il")
    coverage = AgencyCoverageFactory(
        agency__home=CountyFactory(state=illinois),
        agency__kind="sheriff",
        agency__name="Synthetic County Sheriff's Office",
    )
    PartnershipFactory(
        agency=coverage.agency, program=FederalProgram.objects.get(code="287g-jem"), signed_on=datetime.date(2025, 3, 1)
    )
    assert "STATE-001" in {row.rule_id for row in collisions(as_of=ON, state="IL")}


def test_the_trust_act_limits_detainers_and_status_questions_from_its_own_dates(seeded: None) -> None:
    trust = Instrument.objects.get(key="us-il-5-ilcs-805-trust-act")
    assert (trust.citation, trust.effective_on, trust.verified) == ("5 ILCS 805", datetime.date(2017, 8, 28), True)
    detainers = Provision.objects.get(key="us-il-5-ilcs-805-15-detainers")
    assert detainers.type == "immigration_limit" and detainers.verified
    assert "solely on the basis of any immigration detainer" in detainers.quote
    inquiry = Provision.objects.get(key="us-il-5-ilcs-805-15e-no-inquiry")
    assert inquiry.effective_on == datetime.date(2021, 8, 2)
    kinds = set(InstrumentEvent.objects.filter(instrument=trust).values_list("kind", "occurred_on"))
    assert kinds == {("amended", datetime.date(2021, 8, 2)), ("upheld", datetime.date(2025, 7, 25))}


def test_the_way_forward_act_and_mchenry_county_v_raoul(seeded: None) -> None:
    act = Instrument.objects.get(key="us-il-pa-102-0234-way-forward-act")
    assert (act.number, act.effective_on) == ("P.A. 102-0234", datetime.date(2021, 8, 2))
    (ruling,) = InstrumentEvent.objects.filter(instrument=act, kind="upheld")
    assert ruling.occurred_on == datetime.date(2022, 8, 9) and "44 F.4th 581" in ruling.description
    # Read only on copies of the opinion: stored, but not verified.
    decision = Instrument.objects.get(key="us-il-mchenry-county-v-raoul-7th-cir-2022")
    assert (decision.kind, decision.verified) == ("court_decision", False)
    assert Provision.objects.get(key="us-il-pa-102-0234-detention-contracts").verified is False


def test_the_alpr_law_limits_sharing_for_immigration_enforcement(seeded: None) -> None:
    limit = Provision.objects.get(key="us-il-625-ilcs-5-2-130-no-immigration-sharing")
    assert (limit.type, limit.technologies, limit.federal_reach) == ("data_sharing_limit", ["alpr"], "silent")
    assert "based on the person's immigration status" in limit.quote
    assert (limit.instrument.number, limit.instrument.enacted_on) == (
        "P.A. 103-0540 (HB 3326)",
        datetime.date(2023, 8, 11),
    )


def test_local_laws_of_chicago_oak_park_and_evanston(seeded: None) -> None:
    chicago = Provision.objects.get(key="us-il-chicago-mc-2-173-020-no-287g")
    assert (chicago.type, chicago.binds, chicago.verified) == ("prohibits_287g", "own_government", True)
    assert "Section 1357(g)" in chicago.quote
    assert chicago.instrument.enacted_on == datetime.date(2012, 9, 12)
    oak_park = Instrument.objects.get(key="us-il-oak-park-ord-24-127-surveillance-oversight")
    assert (oak_park.number, oak_park.enacted_on) == ("ORD 24-127", datetime.date(2024, 6, 4))
    assert oak_park.provisions.get().type == "ccops_approval"
    for key in ("us-il-oak-park-13-7-welcoming", "us-il-evanston-1-22-welcoming", "us-il-oak-park-19-6-ccops-approval"):
        assert Provision.objects.get(key=key).verified is False  # operative words not read


def test_illinois_287g_position_is_a_ban(seeded: None) -> None:
    assert survey("il").finding == "recorded"
    assert survey("il", "data_sharing").finding == "recorded"


def test_cook_county_declines_ice_detainers_since_2011(seeded: None) -> None:
    detainers = Provision.objects.get(key="us-il-cook-county-46-37-detainers")
    assert (detainers.type, detainers.verified) == ("immigration_limit", True)
    assert detainers.quote.startswith("(a) The Sheriff of Cook County shall decline ICE detainer requests")
    county = detainers.instrument
    assert (county.jurisdiction.ocd_id, county.enacted_on) == (
        "ocd-division/country:us/state:il/county:cook",
        datetime.date(2011, 9, 7),
    )
