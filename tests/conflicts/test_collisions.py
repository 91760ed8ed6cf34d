"""`collisions` groups open conflicts by state and rule, from stored flags or as of a date."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import call_command

from tests.factories.laws import ProvisionFactory
from tests.factories.partnerships import CapabilityFactory, FederalProgramFactory, PartnershipFactory
from tests.factories.places import AgencyCoverageFactory, StateFactory
from tracker.conflicts.engine import sweep
from tracker.conflicts.selectors import collisions

pytestmark = pytest.mark.django_db


@pytest.fixture
def city_police_in_tfm_under_a_ban():  # type: ignore[no-untyped-def]
    """A synthetic city banning face recognition (effective 2020-02-01) whose own police joined the TFM in 2025."""
    tfm = FederalProgramFactory(code="287g-tfm", name="Synthetic Task Force Model")
    CapabilityFactory(program=tfm, kind="face_recognition")
    coverage = AgencyCoverageFactory(agency__home__state=StateFactory(postal_code="ZQ"))
    ProvisionFactory(instrument__jurisdiction=coverage.jurisdiction, type="fr_ban")
    return PartnershipFactory(agency=coverage.agency, program=tfm, signed_on=datetime.date(2025, 3, 1))


def test_stored_open_flags_are_grouped_by_state_and_rule(city_police_in_tfm_under_a_ban) -> None:  # type: ignore[no-untyped-def]
    sweep()
    rows = collisions()
    assert [(r.state, r.rule_id, r.flags) for r in rows] == [("ZQ", "FR-FED-001", 1)]
    assert rows[0].agencies == (city_police_in_tfm_under_a_ban.agency.name,)


def test_as_of_a_date_before_the_agreement_there_is_no_collision(city_police_in_tfm_under_a_ban) -> None:  # type: ignore[no-untyped-def]
    assert collisions(as_of=datetime.date(2024, 12, 31)) == []
    assert [r.rule_id for r in collisions(as_of=datetime.date(2025, 3, 1))] == ["FR-FED-001"]


def test_the_state_filter_and_json_format(city_police_in_tfm_under_a_ban) -> None:  # type: ignore[no-untyped-def]
    sweep()
    assert collisions(state="zz") == []
    out = StringIO()
    call_command("collisions", "--state", "zq", "--format", "json", stdout=out)
    assert json.loads(out.getvalue())[0]["rule_id"] == "FR-FED-001"


def test_as_of_one_state_evaluates_that_state_alone_and_agrees_with_the_nation(  # type: ignore[no-untyped-def]
    city_police_in_tfm_under_a_ban,
) -> None:
    tfm = city_police_in_tfm_under_a_ban.program
    elsewhere = AgencyCoverageFactory(agency__home__state=StateFactory(postal_code="ZR"))
    ProvisionFactory(instrument__jurisdiction=elsewhere.jurisdiction, type="fr_ban")
    PartnershipFactory(agency=elsewhere.agency, program=tfm, signed_on=datetime.date(2025, 6, 1))
    day = datetime.date(2025, 7, 1)
    nation = collisions(as_of=day)
    assert [(r.state, r.rule_id) for r in nation] == [("ZQ", "FR-FED-001"), ("ZR", "FR-FED-001")]
    for code in ("ZQ", "zr"):
        assert collisions(as_of=day, state=code) == [r for r in nation if r.state == code.upper()]
    assert collisions(as_of=day, state="ZZ") == []
