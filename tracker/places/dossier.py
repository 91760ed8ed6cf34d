"""The dossier of one jurisdiction: its law, the agencies operating there, and its flags.

A read model across apps, assembled in a fixed number of queries whatever the size of the place;
the dossier page, the memo and the API all read it. Related rows come as plain lists (`provision_list`,
`source_list`, `coverage_list`, `partnership_list`, `deployment_list`): read through their managers, Django built a
queryset per row and per read, a tenth of a dossier's time.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone

from tracker.conflicts.models import Flag
from tracker.conflicts.selectors import flag_queryset
from tracker.laws.models import Instrument, Provision
from tracker.partnerships.models import Partnership, TechnologyDeployment
from tracker.partnerships.querysets import active_on
from tracker.places.models import Agency, AgencyCoverage, Jurisdiction
from tracker.places.querysets import Place, presences


def _sources() -> Prefetch:
    """A row's sources as the list `source_list`."""
    return Prefetch("sources", to_attr="source_list")


def _law(jurisdiction: Jurisdiction, county_ids: list[int]) -> list[Instrument]:
    levels = {jurisdiction.pk: "own", **dict.fromkeys(county_ids, "county")}
    if jurisdiction.state_id:
        levels[jurisdiction.state_id] = "state"
    instruments = list(
        Instrument.objects.filter(jurisdiction__in=levels)
        .select_related("jurisdiction")
        .prefetch_related(Prefetch("provisions", Provision.objects.order_by("section", "key"), to_attr="provision_list"),
                          _sources())
    )
    for instrument in instruments:
        instrument.level = levels[instrument.jurisdiction_id]
    return instruments


def _agencies(place: Place) -> list[Agency]:
    """The agencies at home, operating or serving here (`Agency.objects.present_in`), each with every way it is."""
    agencies = list(
        Agency.objects.present_in(place)
        .select_related("state", "home")
        .prefetch_related(
            Prefetch("coverages", AgencyCoverage.objects.select_related("jurisdiction"), to_attr="coverage_list"),
            _sources(),
            # Each partnership and deployment gets its agency from the prefetch (joined again, it made an agency and
            # a state per row).
            Prefetch("partnerships", Partnership.objects.select_related("program").prefetch_related(_sources()),
                     to_attr="partnership_list"),
            Prefetch("deployments", TechnologyDeployment.objects.prefetch_related(_sources()),
                     to_attr="deployment_list"),
        )
    )
    for agency in agencies:
        ways = presences(place, agency.coverage_list, agency.home_id)
        agency.basis = sorted({way.code for way in ways})
    return agencies


def _flags(jurisdiction: Jurisdiction, place: Place) -> list[Flag]:
    """The flags the dossier lists (`Flag.objects.concerning`, what the maps count), most severe first."""
    flags = flag_queryset().concerning(jurisdiction, place.county_ids)  # type: ignore[attr-defined]
    return list(flags.order_by("-severity", "rule_id", "id"))


def _judge(law: list[Instrument], agencies: list[Agency], on: date) -> None:
    """Mark each text in force and each agreement active on `on`, from rows already loaded."""
    for instrument in law:
        instrument.in_force_then = instrument.is_in_force_on(on)  # type: ignore[attr-defined]
    for agency in agencies:
        for part in agency.partnership_list:  # type: ignore[attr-defined]  # the prefetch's list
            part.active_then = active_on(part, on)


def dossier_for(jurisdiction: Jurisdiction, *, as_of: date | None = None) -> dict[str, Any]:
    """Everything the dossier shows about one jurisdiction, with texts and agreements judged as of a date.

    Flags stay as the last sweep judged them (their own `as_of` says when).
    """
    on = as_of or timezone.localdate()
    county_ids = [county.pk for county in jurisdiction.counties.all()]
    place = Place(jurisdiction.pk, jurisdiction.kind, jurisdiction.state_id, tuple(county_ids))
    law = _law(jurisdiction, county_ids)
    agencies = _agencies(place)
    _judge(law, agencies, on)
    return {"jurisdiction": jurisdiction, "as_of": on, "law": law, "agencies": agencies,
            "flags": _flags(jurisdiction, place)}
