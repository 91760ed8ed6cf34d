"""The reach question: each state and local limit in force, whether its words reach federal partnerships,
and the agencies with federal partnerships that it binds or leaves uncovered where it applies.

Which agencies a law binds or merely operates beside is the engine's own answer (`Snapshot.links`), so
this page can never disagree with the flags.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, TextChoices
from django.utils import timezone

from tracker.conflicts.choices import Relation
from tracker.conflicts.loader import build_snapshot
from tracker.conflicts.snapshot import Snapshot
from tracker.laws.choices import FR_BAN_TYPES, FederalReach, Governs, ProvisionType
from tracker.laws.models import Provision
from tracker.laws.querysets import ProvisionQuerySet
from tracker.places.choices import STATE_LEVEL_KINDS


class Topic(TextChoices):
    """The kinds of limit a reader asks the reach question about."""

    FACE_RECOGNITION = "face_recognition", "Face recognition"
    SURVEILLANCE = "surveillance", "Surveillance technology oversight"
    IMMIGRATION = "immigration", "Immigration cooperation and 287(g)"
    DATA_SHARING = "data_sharing", "Data sharing and retention"


#: The provision types of each topic.
TOPICS: dict[str, tuple[str, ...]] = {
    Topic.FACE_RECOGNITION: (*FR_BAN_TYPES, ProvisionType.FR_CONDITIONS),
    Topic.SURVEILLANCE: (ProvisionType.CCOPS_APPROVAL, ProvisionType.USE_POLICY, ProvisionType.IMPACT_REPORT),
    Topic.IMMIGRATION: (ProvisionType.IMMIGRATION_LIMIT, ProvisionType.PROHIBITS_287G, ProvisionType.CONDITIONS_287G,
                        ProvisionType.TASK_FORCE_RULE),
    Topic.DATA_SHARING: (ProvisionType.DATA_SHARING_LIMIT, ProvisionType.RETENTION_LIMIT),
}
TOPIC_LABELS = dict(Topic.choices)


@dataclass(frozen=True)
class ReachAgency:
    """An agency with a federal partnership where the law applies, and whether the law binds it."""

    name: str
    bound: bool
    how: str
    programs: tuple[str, ...]


@dataclass(frozen=True)
class ReachRow:
    """One limit and its reading."""

    provision_id: int
    jurisdiction: str
    jurisdiction_ocd_id: str
    state: str
    citation: str
    section: str
    type: str
    federal_reach: str
    federal_reach_quote: str
    governs: str
    verified: bool
    agencies: tuple[ReachAgency, ...]

    @property
    def reach_label(self) -> str:
        """'Silent', 'Expressly reaches them'…"""
        return str(FederalReach(self.federal_reach).label)

    @property
    def type_label(self) -> str:
        """What the provision does, in words."""
        return str(ProvisionType(self.type).label)

    @property
    def uncovered(self) -> tuple[ReachAgency, ...]:
        """Agencies with federal partnerships working here that the law does not bind."""
        return tuple(a for a in self.agencies if not a.bound)

    @property
    def own_systems_only(self) -> bool:
        """The provision governs only its own government's databases or named systems."""
        return self.governs != Governs.ANY_SYSTEM


def _agencies(snap: Snapshot, provision_id: int) -> tuple[ReachAgency, ...]:
    found = []
    for link in snap.links(snap.provisions[provision_id]):
        programs = sorted({snap.program(p.program_id).name for p in snap.active_partnerships(link.agency.id)})
        if programs:
            found.append(ReachAgency(link.agency.name, link.relation == Relation.BOUND, link.how, tuple(programs)))
    return tuple(sorted(found, key=lambda a: (not a.bound, a.name)))


def reach_rows(*, state: str = "", topic: str = "", on: date | None = None) -> list[ReachRow]:
    """Every limit of the topic (all topics by default) in force on a date, in a state or everywhere."""
    on = on or timezone.localdate()
    types = TOPICS.get(topic) or tuple(t for group in TOPICS.values() for t in group)
    provisions = Provision.objects.in_force(on).of_type(*types)
    if state:
        provisions = provisions.filter(
            Q(instrument__jurisdiction__postal_code__iexact=state, instrument__jurisdiction__kind__in=STATE_LEVEL_KINDS)
            | Q(instrument__jurisdiction__state__postal_code__iexact=state)
        )
    lawmakers = set(provisions.values_list("instrument__jurisdiction_id", flat=True))
    if not lawmakers:
        return []
    snap = build_snapshot(lawmakers, as_of=on)
    rows = _described(provisions, snap)
    return sorted(rows, key=lambda r: (r.state, r.jurisdiction != r.state, r.jurisdiction, r.citation, r.section))


def _described(provisions: ProvisionQuerySet, snap: Snapshot) -> list[ReachRow]:
    values = provisions.values_list(
        "pk", "instrument__jurisdiction__name", "instrument__jurisdiction__ocd_id",
        "instrument__jurisdiction__postal_code", "instrument__jurisdiction__state__postal_code",
        "instrument__citation", "section", "type", "federal_reach", "federal_reach_quote", "governs", "verified",
        "instrument__verified",
    )
    return [
        ReachRow(provision_id=r[0], jurisdiction=r[1], jurisdiction_ocd_id=r[2], state=r[4] or r[3], citation=r[5],
                 section=r[6], type=r[7], federal_reach=r[8], federal_reach_quote=r[9], governs=r[10],
                 verified=r[11] and r[12], agencies=_agencies(snap, r[0]))
        for r in {r[0]: r for r in values}.values()
        if r[0] in snap.provisions
    ]
