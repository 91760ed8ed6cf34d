"""What a change touches: the sweep scope every writer owes agrees with its twin and holds every finding the
change can alter; an edit of an agreement re-checks its state's rules at once and no more of the state."""

from __future__ import annotations

import datetime
import functools
import io
import shutil

import pytest
from django.core.management import call_command
from django.utils import timezone
from rest_framework.test import APIClient

from tests.factories.conflicts import task_force_program
from tests.factories.laws import InstrumentFactory, ProvisionFactory
from tests.factories.partnerships import PartnershipFactory
from tests.factories.places import Edges, edge_world
from tracker.common.seeding import FIXTURES_DIR, seed_all
from tracker.conflicts.engine import evaluate
from tracker.conflicts.loader import build_snapshot
from tracker.conflicts.models import Flag, PendingSweep
from tracker.conflicts.registry import registry
from tracker.conflicts.scope import Touched, sweep_scope, touched_in, written_since
from tracker.importers.management.commands import seed as seed_command
from tracker.laws.choices import Binds, InstrumentKind, ProvisionType
from tracker.places.models import Agency, Jurisdiction

pytestmark = pytest.mark.django_db
ON = datetime.date(2026, 6, 1)


def _lawful_world() -> Edges:
    """The edge world with a city ban, a county limit naming the regional jail, a state prohibition of 287(g),
    and task-force agreements for every named agency."""
    world = edge_world()
    ProvisionFactory(instrument=InstrumentFactory(jurisdiction=world.city), binds=Binds.ALL_LAW_ENFORCEMENT)
    county_limit = ProvisionFactory(
        instrument=InstrumentFactory(jurisdiction=world.county_b),
        type=ProvisionType.IMMIGRATION_LIMIT,
        binds=Binds.NAMED_AGENCIES,
    )
    county_limit.bound_agencies.add(world.regional_jail)
    ProvisionFactory(
        instrument=InstrumentFactory(jurisdiction=world.state, kind=InstrumentKind.STATUTE),
        type=ProvisionType.PROHIBITS_287G,
        binds=Binds.ALL_LAW_ENFORCEMENT,
    )
    program = task_force_program()
    for agency in (
        world.sheriff,
        world.patrol,
        world.corrections,
        world.regional_jail,
        world.police,
        world.independent_sheriff,
    ):
        PartnershipFactory(agency=agency, program=program)
    return world


def test_the_sweep_scope_agrees_with_its_twin_for_every_agency_and_place() -> None:
    _lawful_world()
    snap = build_snapshot(None, ON)
    for agency_id in Agency.objects.values_list("pk", flat=True):
        touched = Touched(agencies={agency_id})
        assert set(sweep_scope(touched)) == touched_in(snap, touched), agency_id
    for place_id in Jurisdiction.objects.values_list("pk", flat=True):
        touched = Touched(places={place_id})
        assert set(sweep_scope(touched)) == touched_in(snap, touched), place_id


def test_every_finding_lies_in_the_scope_of_each_fact_it_rests_on() -> None:
    _lawful_world()
    snap = build_snapshot(None, ON)
    findings = list(evaluate(snap, registry.selected(None)).values())
    assert {f.rule_id for f in findings} >= {"FR-FED-001", "STATE-001", "IMM-001"}
    for item in findings:
        lawmakers = {
            snap.jurisdiction_of(snap.provisions[p]).id
            for p in (item.provision_id, item.other_provision_id)
            if p is not None
        }
        for place in lawmakers:
            assert item.jurisdiction_id in sweep_scope(Touched(places={place})), item
        if item.agency_id is not None:
            assert item.jurisdiction_id in sweep_scope(Touched(agencies={item.agency_id})), item


def test_an_agreement_touches_its_state_but_not_the_rest_of_the_state() -> None:
    world = _lawful_world()
    scope = set(sweep_scope(Touched(agencies={world.police.pk})))
    assert scope == {world.city.pk, world.state.pk}
    assert world.both.pk not in scope and world.independent_city.pk not in scope


def test_an_agreement_entered_through_the_api_raises_its_state_flag_at_once(
    editor,
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    world = _lawful_world()
    police = world.police
    police.partnerships.all().delete()
    client = APIClient()
    client.force_authenticate(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/api/partnerships/",
            {
                "agency_id": police.pk,
                "program": "287g-tfm",
                "status": "active",
                "signed_on": "2025-03-01",
                "change_reason": "Synthetic agreement",
            },
            format="json",
        )
    assert response.status_code == 201, response.content
    owed = PendingSweep.objects.order_by("-pk").first()
    assert owed is not None and set(owed.jurisdiction_ids) == {world.city.pk, world.state.pk}
    assert Flag.objects.filter(rule_id="STATE-001", agency=police, jurisdiction=world.state).exists()


def test_facts_written_since_a_moment_touch_their_agencies_and_places() -> None:
    world = edge_world()
    start = timezone.now()
    InstrumentFactory(jurisdiction=world.county)
    PartnershipFactory(agency=world.sheriff, program=task_force_program())
    assert written_since(start) == Touched(agencies={world.sheriff.pk}, places={world.county.pk})


def test_a_seed_owes_a_sweep_of_what_it_changed_and_a_second_seed_owes_none(
    monkeypatch,
    tmp_path,
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    for name in ("sources.json", "places.json"):  # the states and their sources keep the test short
        shutil.copy(FIXTURES_DIR / name, tmp_path / name)
    monkeypatch.setattr(seed_command, "seed_all", functools.partial(seed_all, fixtures_dir=tmp_path))
    with django_capture_on_commit_callbacks(execute=False):
        call_command("seed", stdout=io.StringIO())
    owed = PendingSweep.objects.get()
    assert Jurisdiction.objects.states().first().pk in owed.jurisdiction_ids
    with django_capture_on_commit_callbacks(execute=False):
        call_command("seed", stdout=io.StringIO())
    assert PendingSweep.objects.count() == 1
