"""Reads over jurisdictions and agencies, with their pure twins for rows already loaded.

Two domain questions are answered here once, each in two forms (SQL and Python) that a test keeps in
agreement (tests/places/test_querysets.py):
- what lies inside a jurisdiction: `JurisdictionQuerySet.within` / `lies_in`;
- which agencies operate in a jurisdiction, and how: `AgencyQuerySet.operating_in` (and its inverse
  `JurisdictionQuerySet.operated_in_by`) / `operates_in`, with every way in `presences`.

An agency operates in a jurisdiction when it has a coverage row on that jurisdiction itself (of any kind,
a jail's included), or polices it from a county it lies in (concurrent or contract coverage) or from its
state (statewide coverage). A jail covering its county or state serves the places inside without operating
in them (policing vs serving). The conflict engine reads `operates_in`; dossiers list every presence.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from django.apps import apps
from django.db import models

from tracker.common.querysets import KeyedQuerySet
from tracker.places.choices import (
    COUNTYWIDE_POLICING,
    JAIL_SERVICE,
    STATE_LEVEL_KINDS,
    STATEWIDE_POLICING,
    Coverage,
    JurisdictionKind,
)
from tracker.places.names import agency_name_key

if TYPE_CHECKING:
    from tracker.places.models import Jurisdiction

#: Ids, or a query that selects ids (used as a subquery, so a whole state never becomes a list of parameters).
Ids = Iterable[int] | models.QuerySet[Any]
#: The ways an agency is present in a jurisdiction.
HOME, HERE, COUNTY, STATE = "home", "covers", "county", "state"


class Placed(Protocol):
    """What the place tests read: the engine's JurisdictionRow, or a `Place`."""

    @property
    def id(self) -> int: ...
    @property
    def kind(self) -> str: ...
    @property
    def state_id(self) -> int | None: ...
    @property
    def county_ids(self) -> tuple[int, ...]: ...


class Covering(Protocol):
    """A coverage row: an AgencyCoverage, or the engine's CoverageRow."""

    @property
    def jurisdiction_id(self) -> int: ...
    @property
    def coverage(self) -> str: ...


@dataclass(frozen=True)
class Place:
    """A jurisdiction as the place tests read it (a model row with its county ids)."""

    id: int
    kind: str
    state_id: int | None
    county_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class Presence:
    """One way an agency is present in a jurisdiction, and the jurisdiction its coverage row (or home) is."""

    way: str
    coverage: str
    via: int

    @property
    def operates(self) -> bool:
        """The agency operates there: it covers the place itself, or polices it from its county or state."""
        return (
            self.way == HERE
            or (self.way == COUNTY and self.coverage in COUNTYWIDE_POLICING)
            or (self.way == STATE and self.coverage in STATEWIDE_POLICING)
        )

    @property
    def serves(self) -> bool:
        """A jail of the place's county or state: it serves the place without operating in it."""
        return self.way in (COUNTY, STATE) and self.coverage in JAIL_SERVICE

    @property
    def code(self) -> str:
        """The code dossiers show: home, covers:<coverage>, county:<coverage>, statewide or state:<coverage>."""
        if self.way == HOME:
            return HOME
        if self.way == STATE and self.coverage == Coverage.STATEWIDE:
            return "statewide"
        return f"{self.way}:{self.coverage}"


def lies_in(place: Placed, container: Placed) -> bool:
    """Same test as `JurisdictionQuerySet.within`: the place is the container, a member of the container
    state, a place of the container county, or anything when the container is the country."""
    return (
        place.id == container.id
        or container.kind == JurisdictionKind.COUNTRY
        or place.state_id == container.id
        or container.id in place.county_ids
    )


def presences(place: Placed, coverages: Iterable[Covering], home_id: int | None = None) -> tuple[Presence, ...]:
    """Every way an agency with these coverage rows and this home is present in a place, in the order
    at home, covering it, from its counties, from its state (ways that neither operate nor serve left out)."""
    by_place = {c.jurisdiction_id: c.coverage for c in coverages}
    found = [Presence(HOME, "", place.id)] if home_id == place.id else []
    if place.id in by_place:
        found.append(Presence(HERE, by_place[place.id], place.id))
    found += [Presence(COUNTY, by_place[c], c) for c in place.county_ids if c in by_place]
    if place.state_id is not None and place.state_id in by_place:
        found.append(Presence(STATE, by_place[place.state_id], place.state_id))
    return tuple(p for p in found if p.way == HOME or p.operates or p.serves)


def operates_in(place: Placed, coverages: Iterable[Covering], *, serving: bool = False) -> Presence | None:
    """How an agency with these coverage rows operates in a place, None when it does not; with `serving`,
    a jail serving it counts too. Same test as `AgencyQuerySet.operating_in`."""
    ways = presences(place, coverages)
    found = next((p for p in ways if p.operates), None)
    if found is None and serving:
        found = next((p for p in ways if p.serves), None)
    return found


def _ids(ids: Ids) -> Any:
    return ids if isinstance(ids, models.QuerySet) else list(ids)


def _county_member() -> Any:
    return apps.get_model("places", "CountyMember")


class JurisdictionQuerySet(KeyedQuerySet):
    """Jurisdiction reads."""

    def by_ocd_id(self, ocd_id: str) -> models.QuerySet[Jurisdiction]:
        """The jurisdiction with this OCD id, or with this id as an alias: a UNION of two unique-index lookups
        (an OR across the alias join made PostgreSQL walk the jurisdictions in order)."""
        aliased = apps.get_model("places", "JurisdictionAlias").objects.filter(ocd_id=ocd_id)
        found = self.model.objects.filter(ocd_id=ocd_id).order_by().values("pk").union(
            aliased.order_by().values("jurisdiction_id"))
        return self.filter(pk__in=found)

    def states(self) -> models.QuerySet[Jurisdiction]:
        """States, DC and territories: read on the index of `state` (theirs is empty, as a constraint holds), not by
        scanning every place for its kind."""
        return self.filter(state__isnull=True, kind__in=STATE_LEVEL_KINDS)

    def within(self, ids: Ids) -> models.QuerySet[Jurisdiction]:
        """These jurisdictions and everything inside them: a state's members, a county's places, the country's all.

        Subqueries on indexed columns, no join: no duplicates. The pure twin is `lies_in`.
        """
        ids = _ids(ids)
        members: Any = _county_member().objects.filter(county_id__in=ids).values("member_id")
        country = self.model.objects.filter(pk__in=ids, kind=JurisdictionKind.COUNTRY)
        if isinstance(ids, list):  # read first (`ids_within`): the rows are then read by id, on the primary key
            return self.filter(pk__any=self.ids_within(ids))
        return self.filter(
            models.Q(pk__in=ids)
            | models.Q(state_id__in=ids)
            | models.Q(pk__in=members)
            | models.Q(models.Exists(country))
        )

    def ids_within(self, ids: list[int]) -> list[int]:
        """The ids of `within(ids)`, read in one query: a UNION of index reads (the ids and their states' members,
        the places of the counties, and every id only when the country is among them: PostgreSQL tests that once
        and skips the branch). As one OR, the country's test made PostgreSQL scan every row."""
        country = self.model.objects.filter(pk__any=ids, kind=JurisdictionKind.COUNTRY)
        found = self.model.objects.filter(models.Q(pk__any=ids) | models.Q(state_id__any=ids)).order_by()
        return [row[0] for row in found.values_list("pk").union(
            _county_member().objects.filter(county_id__any=ids).order_by().values_list("member_id"),
            self.model.objects.filter(models.Exists(country)).order_by().values_list("pk"),
        )]

    def operated_in_by(self, agency_ids: Ids, *, serving: bool = False) -> models.QuerySet[Jurisdiction]:
        """Where these agencies operate (see the module docstring); with `serving`, where their jails serve too.

        The inverse of `AgencyQuerySet.operating_in`; the pure twin is `operates_in`.
        """
        coverages = apps.get_model("places", "AgencyCoverage").objects.filter(agency_id__in=_ids(agency_ids))
        county_kinds, state_kinds = (
            COUNTYWIDE_POLICING + (JAIL_SERVICE if serving else ()),
            STATEWIDE_POLICING + (JAIL_SERVICE if serving else ()),
        )
        counties = coverages.filter(coverage__in=county_kinds).values("jurisdiction_id")
        return self.filter(
            models.Q(pk__in=coverages.values("jurisdiction_id"))
            | models.Q(pk__in=_county_member().objects.filter(county_id__in=counties).values("member_id"))
            | models.Q(state_id__in=coverages.filter(coverage__in=state_kinds).values("jurisdiction_id"))
        )


class AgencyQuerySet(models.QuerySet):
    """Agency reads."""

    def get_by_natural_key(self, state_ocd_id: str, name: str) -> Any:
        """The agency of a state with this name, compared after normalisation."""
        return self.get(state__ocd_id=state_ocd_id, name_key=agency_name_key(name))

    def operating_in(self, ids: Ids | Place, *, serving: bool = False) -> AgencyQuerySet:
        """Agencies that operate in any of these jurisdictions (see the module docstring); with `serving`, also
        the jails of their counties and states. A `Place` brings its counties and state, which are then not read.
        The pure twin is `operates_in`."""
        counties: Any
        states: Any
        if isinstance(ids, Place):
            place = ids
            ids, counties, states = [place.id], list(place.county_ids), [place.state_id] if place.state_id else []
        else:
            ids = _ids(ids)
            counties = _county_member().objects.filter(member_id__in=ids).values("county_id")
            states = apps.get_model("places", "Jurisdiction").objects.filter(pk__in=ids).values("state_id")
            if isinstance(ids, list):
                # Given ids, their counties and states are read first: with lists, each branch below runs on the
                # coverage index, where subqueries made PostgreSQL scan every coverage row.
                counties = [row["county_id"] for row in counties]
                states = [row["state_id"] for row in states if row["state_id"] is not None]
        county_kinds, state_kinds = (
            COUNTYWIDE_POLICING + (JAIL_SERVICE if serving else ()),
            STATEWIDE_POLICING + (JAIL_SERVICE if serving else ()),
        )
        # One filter() call: each branch's two conditions hold on the same coverage row.
        here = self.model._base_manager.filter(
            models.Q(coverages__jurisdiction_id__in=ids)
            | models.Q(coverages__jurisdiction_id__in=counties, coverages__coverage__in=county_kinds)
            | models.Q(coverages__jurisdiction_id__in=states, coverages__coverage__in=state_kinds)
        )
        return self.filter(pk__in=here.values("pk"))

    def present_in(self, ids: Ids | Place) -> AgencyQuerySet:
        """Agencies at home in, operating in or serving any of these jurisdictions: the agencies a dossier lists.

        The pure twin is `presences` (not empty).
        """
        operating: Any = self.operating_in(ids, serving=True).values("pk")
        ids = [ids.id] if isinstance(ids, Place) else _ids(ids)
        if isinstance(ids, list):  # read first, as in `operating_in`: the OR below then runs on two indexes
            operating = [row["pk"] for row in operating]
        return self.filter(models.Q(pk__in=operating) | models.Q(home_id__in=ids))
