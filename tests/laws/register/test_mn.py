"""Minnesota: the 287(g) position is unresolved (Attorney General's opinion, reported only)."""

import datetime

import pytest

from tests.factories.partnerships import PartnershipFactory
from tests.factories.places import AgencyCoverageFactory, CountyFactory
from tracker.conflicts.selectors import collisions
from tracker.laws.models import Instrument, Provision, Survey
from tracker.partnerships.models import FederalProgram
from tracker.places.models import Jurisdiction

pytestmark = pytest.mark.django_db
ON = datetime.date(2026, 12, 3)




def survey(state: str, topic: str = "agreements_287g") -> Survey:
    return Survey.objects.get(jurisdiction__ocd_id=f"ocd-division/country:us/state:{state}", topic=topic)


def test_minnesota_position_and_minneapolis_face_recognition(seeded: None) -> None:
    assert survey("mn").finding == "unresolved"
    assert survey("mn/place:minneapolis", "face_recognition").finding == "recorded"
    assert Provision.objects.get(key="us-mn-minneapolis-fr-ban").verified is False
    # News is its only source: the ordinance itself is no longer marked verified.
    ordinance = Instrument.objects.get(key="us-mn-minneapolis-fr-ordinance-2021")
    assert (ordinance.verified, ordinance.number) == (False, "2020-00681")
    assert not ordinance.sources.filter(kind__in=["primary_text", "official_record", "court_opinion"]).exists()


def test_the_attorney_generals_county_board_reading_names_sheriff_agreements_for_review(seeded: None) -> None:
    condition = Provision.objects.get(key="us-mn-ag-2025-12-12-county-board-approval")
    assert (condition.type, condition.binds, condition.verified) == ("conditions_287g", "jail_operators", False)
    assert condition.instrument.enacted_on == datetime.date(2025, 12, 12)
    assert condition.instrument.sources.filter(url__startswith="https://www.ag.state.mn.us/").exists()
    minnesota = Jurisdiction.objects.get(ocd_id="ocd-division/country:us/state:mn")
    coverage = AgencyCoverageFactory(
        agency__home=CountyFactory(state=minnesota),
        agency__kind="sheriff",
        agency__name="Synthetic County Sheriff's Office",
    )
    PartnershipFactory(agency=coverage.agency, program=FederalProgram.objects.get(code="287g-wso"))
    rules = {row.rule_id for row in collisions(as_of=ON, state="MN")}
    assert "STATE-004" in rules
    assert "STATE-001" not in rules  # no Minnesota ban
