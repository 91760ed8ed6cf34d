"""Saving a fact through the API or the admin re-evaluates the jurisdictions it touches."""

import datetime

import pytest
from rest_framework.test import APIClient

from tests.factories.laws import InstrumentFactory, ProvisionFactory
from tests.factories.partnerships import CapabilityFactory, FederalProgramFactory, PartnershipFactory
from tests.factories.places import AgencyCoverageFactory, CountyFactory
from tracker.conflicts.models import Flag, PendingSweep
from tracker.conflicts.services import fact_scope, fact_write

pytestmark = pytest.mark.django_db


@pytest.fixture
def ban_city_police():  # type: ignore[no-untyped-def]
    """A synthetic city's own police, under the city's face-recognition ban, in no federal program yet."""
    coverage = AgencyCoverageFactory()
    ProvisionFactory(instrument__jurisdiction=coverage.jurisdiction, type="fr_ban")
    tfm = FederalProgramFactory(code="287g-tfm", name="Synthetic Task Force Model")
    CapabilityFactory(program=tfm, kind="face_recognition")
    return coverage.agency


def test_a_partnership_created_through_the_api_raises_its_flag_after_commit(
    ban_city_police, editor, django_capture_on_commit_callbacks  # type: ignore[no-untyped-def]
) -> None:
    client = APIClient()
    client.force_authenticate(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/api/partnerships/", {
            "agency_id": ban_city_police.pk, "program": "287g-tfm", "status": "active", "signed_on": "2025-03-01",
            "change_reason": "Synthetic agreement",
        }, format="json")
    assert response.status_code == 201, response.content
    assert Flag.objects.filter(rule_id="FR-FED-001", agency=ban_city_police).exists()


def test_an_approval_added_in_the_admin_owes_a_sweep_of_its_jurisdiction(admin_client) -> None:  # type: ignore[no-untyped-def]
    county = CountyFactory()
    response = admin_client.post("/admin/partnerships/approval/add/", {
        "jurisdiction": county.pk, "body": "Synthetic Board", "technology": "face_recognition",
        "decided_on": "2025-01-15", "vote": "", "url": "", "locked_fields": "[]", "change_reason": "Synthetic vote",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    assert PendingSweep.objects.filter(jurisdiction_ids=[county.pk]).exists()


def test_an_agreement_touches_where_its_agency_polices_and_its_state() -> None:
    partnership = PartnershipFactory(signed_on=datetime.date(2025, 1, 1))
    AgencyCoverageFactory(agency=partnership.agency)
    expected = {partnership.agency.home_id, partnership.agency.state_id}
    assert fact_scope(partnership) == expected
    assert fact_scope(partnership.program) == expected


def test_a_person_moving_a_fact_owes_where_it_was_and_where_it_is_with_their_name_and_reason(editor) -> None:  # type: ignore[no-untyped-def]
    provision = ProvisionFactory()
    old, new = provision.instrument, InstrumentFactory()

    def save() -> None:
        provision.instrument = new
        provision.save()

    fact_write(provision, by=editor, reason="Synthetic move", save=save)
    owed = {i for row in PendingSweep.objects.all() for i in row.jurisdiction_ids}
    assert {old.jurisdiction_id, new.jurisdiction_id} <= owed
    last = provision.history.first()
    assert (last.history_user, last.history_change_reason) == (editor, "Synthetic move")


def test_a_write_that_fails_changes_nothing_and_owes_nothing(editor) -> None:  # type: ignore[no-untyped-def]
    provision = ProvisionFactory()
    summary = provision.summary

    def save() -> None:
        provision.summary = "Synthetic half-written summary"
        provision.save()
        raise RuntimeError("synthetic failure after the row was written")

    with pytest.raises(RuntimeError):
        fact_write(provision, by=editor, reason="Synthetic failure", save=save)
    provision.refresh_from_db()
    assert provision.summary == summary
    assert not PendingSweep.objects.exists()
