"""What a change touches: the jurisdictions whose findings a changed fact can alter, hence a sweep's scope.

Every finding is anchored at the jurisdiction of a provision and involves the agencies `Snapshot.links`
finds there: those operating in it, at home in it, of its state (for state law) and named by it. So:
- a changed agency fact (the agency, its coverage, partnerships, deployments or sharing arrangements, its programs) touches the
  anchors where that agency can be linked: where it operates, its home, its state (the state-level rules
  are re-checked at once) and the lawmakers naming it; nothing else is expanded;
- a changed place fact (the jurisdiction, its county links, its law, its approvals) touches the place and
  everything inside it (a state's law reaches its cities through preemption).

`sweep_scope` is the SQL form every writer, the sweep command and the outbox use; `touched_in` is its pure
twin over a full snapshot, and a test keeps them in agreement.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.apps import apps
from django.db.models import Model, Q, QuerySet

from tracker.conflicts.snapshot import Snapshot
from tracker.laws.models import Instrument
from tracker.places.models import Agency, Jurisdiction
from tracker.places.querysets import lies_in

#: Facts that are a place's own, and the path from each to that place.
PLACE_PATHS = {
    "places.jurisdiction": "pk",
    "places.countymember": "member_id",
    "laws.instrument": "jurisdiction_id",
    "laws.instrumentevent": "instrument__jurisdiction_id",
    "laws.provision": "instrument__jurisdiction_id",
    "laws.provisionexception": "provision__instrument__jurisdiction_id",
    "partnerships.approval": "jurisdiction_id",
}
#: Facts that belong to agencies, and the path from each to its agencies (a program: every agency in it).
AGENCY_PATHS = {
    "places.agency": "pk",
    "places.agencycoverage": "agency_id",
    "partnerships.partnership": "agency_id",
    "partnerships.technologydeployment": "agency_id",
    "partnerships.sharingarrangement": "agency_id",
    "partnerships.sharingevent": "arrangement__agency_id",
    "partnerships.federalprogram": "partnerships__agency_id",
    "partnerships.capability": "program__partnerships__agency_id",
}


@dataclass
class Touched:
    """What changed: agencies whose facts changed, and places whose own facts changed."""

    agencies: set[int] = field(default_factory=set)
    places: set[int] = field(default_factory=set)

    def __bool__(self) -> bool:
        return bool(self.agencies or self.places)


def _collect(rows: dict[str, QuerySet[Any]]) -> Touched:
    """What the facts each query selects touch (one query per kind of fact)."""
    touched = Touched()
    for label, facts in rows.items():
        for paths, into in ((PLACE_PATHS, touched.places), (AGENCY_PATHS, touched.agencies)):
            if label in paths:
                into.update(pk for pk in facts.values_list(paths[label], flat=True) if pk is not None)
    return touched


def touched_by(facts: Iterable[Model]) -> Touched:
    """What these facts touch as they are stored now."""
    pks: dict[str, set[int]] = defaultdict(set)
    for fact in facts:
        if fact.pk is not None:
            pks[fact._meta.label_lower].add(fact.pk)
    return _collect({label: apps.get_model(label)._base_manager.filter(pk__in=ids) for label, ids in pks.items()})


def written_since(moment: datetime) -> Touched:
    """What the facts saved since a moment touch, for writers that save many (seeding)."""
    rows = {}
    for label in (*PLACE_PATHS, *AGENCY_PATHS):
        model = apps.get_model(label)
        if any(f.name == "updated_at" for f in model._meta.concrete_fields):
            rows[label] = model._base_manager.filter(updated_at__gte=moment)
    return _collect(rows)


def sweep_scope(touched: Touched) -> list[int]:
    """The jurisdictions to re-evaluate after a change, in one query (see the module docstring)."""
    if not touched:
        return []
    condition = Q(pk__in=[])
    if touched.agencies:
        agencies = Agency.objects.filter(pk__in=sorted(touched.agencies))
        named = Instrument.objects.filter(provisions__bound_agencies__in=agencies.values("pk"))
        condition |= (
            Q(pk__in=Jurisdiction.objects.operated_in_by(agencies.values("pk")).values("pk"))
            | Q(pk__in=agencies.values("home_id"))
            | Q(pk__in=agencies.values("state_id"))
            | Q(pk__in=named.values("jurisdiction_id"))
        )
    if touched.places:
        condition |= Q(pk__in=Jurisdiction.objects.within(sorted(touched.places)).values("pk"))
    return sorted(Jurisdiction.objects.filter(condition).values_list("pk", flat=True))


def touched_in(snap: Snapshot, touched: Touched) -> set[int]:
    """Pure twin of `sweep_scope` over a full snapshot: where a changed agency can be linked to a provision,
    and what lies inside a changed place."""
    found: set[int] = set()
    for agency_id in touched.agencies & set(snap.agencies):
        agency = snap.agencies[agency_id]
        found |= {agency.state_id, *([agency.home_id] if agency.home_id is not None else [])}
    found |= {snap.jurisdiction_of(p).id for p in snap.provisions.values() if p.bound_agency_ids & touched.agencies}
    places = [snap.jurisdictions[p] for p in touched.places if p in snap.jurisdictions]
    for row in snap.jurisdictions.values():
        if touched.agencies & set(snap.operating_in(row.id)) or any(lies_in(row, place) for place in places):
            found.add(row.id)
    return found
