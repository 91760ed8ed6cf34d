"""Reads over flags."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import models

from tracker.conflicts.choices import OPEN_STATUSES
from tracker.places.models import Agency, CountyMember, Jurisdiction
from tracker.places.querysets import Covering, Place, Placed, lies_in, operates_in


def concerns(anchor: Placed, place: Placed, *, coverages: Iterable[Covering] = (), home: Placed | None = None) -> bool:
    """Same test as `FlagQuerySet.concerning`, for a flag anchored at `anchor` whose agency has these coverage
    rows and this home: the maps count flags with it."""
    if lies_in(anchor, place):
        return True
    around = anchor.id == place.state_id or anchor.id in place.county_ids
    return around and (operates_in(place, coverages) is not None or (home is not None and lies_in(home, place)))

if TYPE_CHECKING:
    from tracker.conflicts.models import Flag  # noqa: F401 - the base class names it in a string


class FlagQuerySet(models.QuerySet["Flag"]):
    """Flag reads."""

    def open(self) -> FlagQuerySet:
        """Flags still awaiting or under review, or confirmed."""
        return self.filter(status__in=OPEN_STATUSES)

    def for_rule(self, rule_id: str) -> FlagQuerySet:
        """Flags raised by one rule."""
        return self.filter(rule_id=rule_id)

    def concerning(self, jurisdiction: Jurisdiction, county_ids: tuple[int, ...] | None = None) -> FlagQuerySet:
        """Flags a dossier lists and the maps count: on the jurisdiction or inside it, and those the law around
        it (its state's, its counties') raises against an agency operating in it or at home inside it.

        A state's flags are every flag in the state. A county's are its own and its places', and its state's
        law against its sheriff, the statewide police and the police of its cities. The counties it lies in are
        read unless given. The pure twin is `concerns`.
        """
        # The places and agencies are read first, as id lists: the flag query then runs on its indexes, where
        # the same sets as OR'd subqueries made PostgreSQL scan every flag.
        inside = Jurisdiction.objects.ids_within([jurisdiction.pk])
        if jurisdiction.state_id is None:  # a state, DC, a territory or the country: nothing lies around it
            return self.filter(jurisdiction_id__any=inside)
        if county_ids is None:
            county_ids = tuple(CountyMember.objects.filter(member_id=jurisdiction.pk).values_list("county_id", flat=True))
        around = models.Q(jurisdiction_id__in=county_ids) | models.Q(jurisdiction_id=jurisdiction.state_id)
        place = Place(jurisdiction.pk, jurisdiction.kind, jurisdiction.state_id, county_ids)
        operating = Agency.objects.operating_in(place).order_by().values_list("pk")
        here = [row[0] for row in operating.union(Agency.objects.filter(home_id__any=inside).order_by().values_list("pk"))]
        return self.filter(models.Q(jurisdiction_id__any=inside) | (around & models.Q(agency_id__any=here)))
