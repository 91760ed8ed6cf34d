"""What lies inside a jurisdiction, and which agencies operate there, judged the same way in SQL, by the pure
twins and by the engine's snapshot, on a synthetic world holding every edge case plus generated coverage."""

from __future__ import annotations

from datetime import date

import pytest

from tests.factories.places import edge_world as _world
from tracker.conflicts.loader import build_snapshot
from tracker.places.models import Agency, CountyMember, Jurisdiction
from tracker.places.querysets import Place, lies_in, operates_in, presences

pytestmark = pytest.mark.django_db


def _places() -> dict[int, Place]:
    counties: dict[int, list[int]] = {}
    for member, county in CountyMember.objects.values_list("member_id", "county_id"):
        counties.setdefault(member, []).append(county)
    return {
        pk: Place(pk, kind, state_id, tuple(sorted(counties.get(pk, ()))))
        for pk, kind, state_id in Jurisdiction.objects.values_list("pk", "kind", "state_id")
    }


def test_what_lies_inside_agrees_between_the_queryset_and_the_twin() -> None:
    _world()
    places = _places()
    for container in places.values():
        sql = set(Jurisdiction.objects.within([container.id]).values_list("pk", flat=True))
        as_subquery = Jurisdiction.objects.within(Jurisdiction.objects.filter(pk=container.id).values("pk"))
        ids = Jurisdiction.objects.ids_within([container.id])
        assert len(ids) == len(set(ids)), container
        assert sql == set(as_subquery.values_list("pk", flat=True)) == set(ids), container
        assert sql == {p.id for p in places.values() if lies_in(p, container)}, container


def test_which_agencies_operate_agrees_between_the_querysets_the_twin_and_the_engine() -> None:
    _world()
    places = _places()
    agencies = list(Agency.objects.prefetch_related("coverages"))
    snap = build_snapshot(None, date(2026, 6, 1))
    for place in places.values():
        for serving in (False, True):
            sql = set(Agency.objects.operating_in([place.id], serving=serving).values_list("pk", flat=True))
            twin = {a.pk for a in agencies if operates_in(place, a.coverages.all(), serving=serving)}
            assert sql == twin, (place, serving)
            # A Place brings its counties and state: the same answer, without reading them.
            given = set(Agency.objects.operating_in(place, serving=serving).values_list("pk", flat=True))
            assert given == twin, (place, serving)
        assert set(snap.operating_in(place.id)) == twin_policing(place, agencies)
        present = {a.pk for a in agencies if presences(place, a.coverages.all(), a.home_id)}
        assert set(Agency.objects.present_in([place.id]).values_list("pk", flat=True)) == present
        assert set(Agency.objects.present_in(place).values_list("pk", flat=True)) == present
    for agency in agencies:
        for serving in (False, True):
            sql = set(Jurisdiction.objects.operated_in_by([agency.pk], serving=serving).values_list("pk", flat=True))
            assert sql == {p.id for p in places.values() if operates_in(p, agency.coverages.all(), serving=serving)}


def twin_policing(place: Place, agencies: list[Agency]) -> set[int]:
    """The agencies the twin says operate in a place (jails serving it left out)."""
    return {a.pk for a in agencies if operates_in(place, a.coverages.all())}


def _operating(jurisdiction: Jurisdiction, *, serving: bool = False) -> set[Agency]:
    return set(Agency.objects.operating_in([jurisdiction.pk], serving=serving))


def test_a_sheriff_operates_in_the_cities_of_its_county_and_never_in_an_independent_city() -> None:
    world = _world()
    assert world.sheriff in _operating(world.city)
    assert world.sheriff not in _operating(world.independent_city)
    assert world.independent_sheriff in _operating(world.independent_city)


def test_state_prisons_serve_every_city_of_the_state_and_police_none() -> None:
    world = _world()
    assert world.corrections not in _operating(world.city)
    assert world.corrections in _operating(world.city, serving=True)
    assert world.corrections in _operating(world.state)  # its own coverage row: the state itself


def test_a_regional_jail_serves_the_cities_of_its_counties_and_operates_in_the_counties() -> None:
    world = _world()
    assert world.regional_jail in _operating(world.county)
    assert world.regional_jail not in _operating(world.city)
    assert world.regional_jail in _operating(world.city, serving=True)


def test_a_state_agency_operates_everywhere_in_its_state_only() -> None:
    world = _world()
    assert world.patrol in _operating(world.city) and world.patrol in _operating(world.independent_city)
    assert (
        not Jurisdiction.objects.operated_in_by([world.patrol.pk])
        .exclude(state=world.state)
        .exclude(pk=world.state.pk)
        .exists()
    )


def test_which_flags_concern_a_place_agrees_between_the_queryset_and_the_twin() -> None:
    from tests.api.builders import make_flag
    from tracker.conflicts.models import Flag
    from tracker.conflicts.querysets import concerns

    _world()
    places = _places()
    agencies = list(Agency.objects.prefetch_related("coverages"))
    # A flag anchored at every jurisdiction, once with no agency and once with each agency: state law against a
    # sheriff, county law against a city's police, a city's own flags, and all the edge cases of the world.
    for anchor in Jurisdiction.objects.all():
        make_flag(anchor)
        for agency in agencies:
            make_flag(anchor, agency=agency)
    flags = list(Flag.objects.values_list("pk", "jurisdiction_id", "agency_id"))
    by_pk = {agency.pk: agency for agency in agencies}
    for jurisdiction in Jurisdiction.objects.all():
        place = places[jurisdiction.pk]
        twin = {
            pk for pk, anchor, agency in flags
            if concerns(places[anchor], place, coverages=by_pk[agency].coverages.all() if agency else (),
                        home=places[by_pk[agency].home_id] if agency and by_pk[agency].home_id else None)
        }
        assert set(Flag.objects.concerning(jurisdiction).values_list("pk", flat=True)) == twin, place
        given = Flag.objects.concerning(jurisdiction, place.county_ids)
        assert set(given.values_list("pk", flat=True)) == twin, place
