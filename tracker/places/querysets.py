"""Reads over jurisdictions and agencies."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db import models

from tracker.common.querysets import KeyedQuerySet
from tracker.places.names import agency_name_key

if TYPE_CHECKING:
    from tracker.places.models import Jurisdiction


class JurisdictionQuerySet(KeyedQuerySet):
    """Jurisdiction reads."""

    def by_ocd_id(self, ocd_id: str) -> models.QuerySet[Jurisdiction]:
        """The jurisdiction with this OCD id, or with this id as an alias."""
        return self.filter(models.Q(ocd_id=ocd_id) | models.Q(aliases__ocd_id=ocd_id)).distinct()

    def states(self) -> models.QuerySet[Jurisdiction]:
        """States, DC and territories."""
        from tracker.places.choices import STATE_LEVEL_KINDS

        return self.filter(kind__in=STATE_LEVEL_KINDS)

    def with_members(self, ids: Iterable[int]) -> models.QuerySet[Jurisdiction]:
        """These jurisdictions and every jurisdiction inside them (a county's places, a state's everything)."""
        ids = list(ids)
        return self.filter(
            models.Q(pk__in=ids) | models.Q(state_id__in=ids) | models.Q(county_links__county_id__in=ids)
        ).distinct()

    def policed_by(self, agency_ids: Iterable[int]) -> models.QuerySet[Jurisdiction]:
        """Where these agencies police: their coverage rows, and the places of counties they cover countywide.

        Statewide coverage yields the state itself, not each of its members.
        """
        from tracker.places.choices import Coverage

        agency_ids = list(agency_ids)
        countywide = (Coverage.CONCURRENT, Coverage.CONTRACT)
        return self.filter(
            models.Q(coverages__agency_id__in=agency_ids)
            | models.Q(
                county_links__county__coverages__agency_id__in=agency_ids,
                county_links__county__coverages__coverage__in=countywide,
            )
        ).distinct()

    def in_state(self, postal_code: str) -> models.QuerySet[Jurisdiction]:
        """Everything in a state (the state included), by USPS code in any case."""
        from tracker.places.choices import STATE_LEVEL_KINDS

        code = postal_code.upper()
        return self.filter(models.Q(state__postal_code=code) | models.Q(postal_code=code, kind__in=STATE_LEVEL_KINDS))


class AgencyQuerySet(models.QuerySet):  # type: ignore[type-arg]
    """Agency reads."""

    def get_by_natural_key(self, state_ocd_id: str, name: str) -> Any:
        """The agency of a state with this name, compared after normalisation."""
        return self.get(state__ocd_id=state_ocd_id, name_key=agency_name_key(name))

    def in_state(self, postal_code: str) -> AgencyQuerySet:
        """Agencies of a state, by USPS code in any case."""
        return self.filter(state__postal_code=postal_code.upper())
