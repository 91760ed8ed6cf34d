"""The dossier of one jurisdiction: its law, the agencies operating there, and its flags.

A read model across apps, assembled in a fixed number of queries whatever the size of the place;
the dossier page, the memo and the API all read it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Prefetch, Q
from django.utils import timezone

from tracker.conflicts.models import Flag
from tracker.conflicts.selectors import flag_queryset
from tracker.laws.models import Instrument, Provision
from tracker.partnerships.models import Partnership, TechnologyDeployment
from tracker.partnerships.querysets import active_on
from tracker.places.choices import AgencyKind, Coverage
from tracker.places.models import Agency, Jurisdiction

#: Coverage of a county that reaches the places inside it.
COUNTYWIDE = (Coverage.CONCURRENT, Coverage.JAIL_ONLY, Coverage.CONTRACT)


def _law(jurisdiction: Jurisdiction, county_ids: list[int]) -> list[Instrument]:
    levels = {jurisdiction.pk: "own", **dict.fromkeys(county_ids, "county")}
    if jurisdiction.state_id:
        levels[jurisdiction.state_id] = "state"
    instruments = list(
        Instrument.objects.filter(jurisdiction__in=levels)
        .select_related("jurisdiction")
        .prefetch_related(Prefetch("provisions", Provision.objects.order_by("section", "key")), "sources")
    )
    for instrument in instruments:
        instrument.level = levels[instrument.jurisdiction_id]  # type: ignore[attr-defined]
    return instruments


def _agencies(jurisdiction: Jurisdiction, county_ids: list[int]) -> list[Agency]:
    here = (
        Q(home=jurisdiction)
        | Q(coverages__jurisdiction=jurisdiction)
        | Q(kind=AgencyKind.SHERIFF, home__in=county_ids)
        | Q(coverages__jurisdiction__in=county_ids, coverages__coverage__in=COUNTYWIDE)
    )
    if jurisdiction.state_id:
        here |= Q(coverages__jurisdiction=jurisdiction.state_id, coverages__coverage=Coverage.STATEWIDE)
    agencies = list(
        Agency.objects.filter(pk__in=Agency.objects.filter(here).values("pk"))
        .select_related("state", "home")
        .prefetch_related(
            "coverages__jurisdiction",
            "sources",
            Prefetch(
                "partnerships",
                Partnership.objects.select_related("agency__state", "program").prefetch_related("sources"),
            ),
            Prefetch(
                "deployments", TechnologyDeployment.objects.select_related("agency__state").prefetch_related("sources")
            ),
        )
    )
    for agency in agencies:
        agency.basis = _basis(agency, jurisdiction, county_ids)  # type: ignore[attr-defined]
    return agencies


def _basis(agency: Agency, jurisdiction: Jurisdiction, county_ids: list[int]) -> list[str]:
    """Why the agency counts as operating here, from rows already loaded."""
    reasons = []
    if agency.home_id == jurisdiction.pk:
        reasons.append("home")
    if agency.kind == AgencyKind.SHERIFF and agency.home_id in county_ids:
        reasons.append("county_sheriff")
    for coverage in agency.coverages.all():
        if coverage.jurisdiction_id == jurisdiction.pk:
            reasons.append(f"covers:{coverage.coverage}")
        elif coverage.jurisdiction_id in county_ids and coverage.coverage in COUNTYWIDE:
            reasons.append(f"county:{coverage.coverage}")
        elif coverage.jurisdiction_id == jurisdiction.state_id and coverage.coverage == Coverage.STATEWIDE:
            reasons.append("statewide")
    return sorted(set(reasons))


def _flags(jurisdiction: Jurisdiction) -> list[Flag]:
    """The flags on this place, most severe first."""
    return list(flag_queryset().filter(jurisdiction=jurisdiction))


def _judge(law: list[Instrument], agencies: list[Agency], on: date) -> None:
    """Mark each text in force and each agreement active on `on`, from rows already loaded."""
    for instrument in law:
        instrument.in_force_then = instrument.is_in_force_on(on)  # type: ignore[attr-defined]
    for agency in agencies:
        for part in agency.partnerships.all():
            part.active_then = active_on(part, on)  # type: ignore[attr-defined]


def dossier_for(jurisdiction: Jurisdiction, *, as_of: date | None = None) -> dict[str, Any]:
    """Everything the dossier shows about one jurisdiction, with texts and agreements judged as of a date.

    Flags stay as the last sweep judged them (their own `as_of` says when).
    """
    on = as_of or timezone.localdate()
    county_ids = [county.pk for county in jurisdiction.counties.all()]
    law = _law(jurisdiction, county_ids)
    agencies = _agencies(jurisdiction, county_ids)
    _judge(law, agencies, on)
    return {"jurisdiction": jurisdiction, "as_of": on, "law": law, "agencies": agencies, "flags": _flags(jurisdiction)}
