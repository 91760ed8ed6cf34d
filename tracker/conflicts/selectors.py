"""Read models across apps: flags with what their pages read, and where the collisions are, by state and rule."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from django.db.models import Prefetch, QuerySet

from tracker.conflicts.choices import OPEN_STATUSES, Severity
from tracker.conflicts.engine import evaluate
from tracker.conflicts.loader import build_snapshot
from tracker.conflicts.models import Flag
from tracker.conflicts.registry import registry
from tracker.conflicts.rules.face_recognition import CONDITION_REMEDIES
from tracker.places.models import Agency, Jurisdiction


def flag_queryset() -> QuerySet[Flag]:
    """Flags with their place, agency, provisions, sharing arrangement and assignee (pages choose what they show).

    The place is joined; the rest is read after, by the ids of the rows a page holds. Joined in one query, the
    planner estimated a state's flags ten times too many and joined before cutting the page (hashing every
    agency): a state's first 50 flags took 7 to 8 ms with the agency or provision joined, 1 ms without.
    """
    return Flag.objects.select_related("jurisdiction").prefetch_related(
        Prefetch("agency", Agency.objects.select_related("state")),
        "provision", "other_provision", "arrangement", "assignee",
    )


@dataclass(frozen=True)
class CollisionRow:
    """Open conflicts of one rule in one state."""

    state: str
    state_name: str
    rule_id: str
    rule_title: str
    flags: int
    max_severity: int
    agencies: tuple[str, ...]

    @property
    def severity(self) -> str:
        """The highest severity, as its label ("S3 High")."""
        return str(Severity(self.max_severity).label)

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON-ready values."""
        return {**asdict(self), "severity": self.severity, "agencies": list(self.agencies)}


def _group(items: list[tuple[str, str, str, int, str]], state: str | None) -> list[CollisionRow]:
    """Group (postal code, state name, rule, severity, agency) tuples by state and rule."""
    groups: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
    names: dict[str, str] = {}
    for postal, state_name, rule_id, severity, agency in items:
        if state is None or postal == state.upper():
            groups[(postal, rule_id)].append((severity, agency))
            names[postal] = state_name
    return [
        CollisionRow(
            state=postal, state_name=names[postal], rule_id=rule_id,
            rule_title=registry.get(rule_id).title if rule_id in registry else rule_id,
            flags=len(rows), max_severity=max(s for s, _ in rows), agencies=tuple(sorted({a for _, a in rows if a})),
        )
        for (postal, rule_id), rows in sorted(groups.items())
    ]


def _state_of(own_code: str, own_name: str, state_code: str | None, state_name: str | None) -> tuple[str, str]:
    """A state-level jurisdiction is its own state; anything else belongs to its `state`."""
    return (own_code, own_name) if not state_code else (state_code, state_name or "")


def collisions(*, as_of: date | None = None, state: str | None = None) -> list[CollisionRow]:
    """Open flags by state and rule; with `as_of`, the findings the rules give on that date (nothing stored).

    Without a date this reads the stored flags (new, in review, confirmed) as the last sweep left them,
    in one query; with one it evaluates every active rule over the data as it stood then, in a fixed
    number of queries.
    """
    place = ("postal_code", "name", "state__postal_code", "state__name")
    if as_of is None:
        rows = Flag.objects.filter(status__in=OPEN_STATUSES).values_list(
            *(f"jurisdiction__{f}" for f in place), "rule_id", "severity", "agency__name"
        )
        return _group([(*_state_of(*row[:4]), row[4], row[5], row[6] or "") for row in rows], state)
    scope = None
    if state is not None:  # evaluate only the state and what lies in it
        chosen = Jurisdiction.objects.states().filter(postal_code__iexact=state).values("pk")
        scope = Jurisdiction.objects.within(chosen).values_list("pk", flat=True)
    findings = list(evaluate(build_snapshot(scope, as_of=as_of), registry.selected(None)).values())
    states = {
        pk: _state_of(*rest)
        for pk, *rest in Jurisdiction.objects.filter(pk__in={f.jurisdiction_id for f in findings}).values_list(
            "pk", *place
        )
    }
    names = dict(Agency.objects.filter(pk__in={f.agency_id for f in findings}).values_list("pk", "name"))
    return _group(
        [(*states[f.jurisdiction_id], f.rule_id, int(f.severity), names.get(f.agency_id, "")) for f in findings],
        state,
    )


def flag_remedies(rule_id: str, evidence: dict[str, Any]) -> list[str]:
    """What would resolve a flag: its rule's remedies, then one per condition the flag names as unmet."""
    remedies = list(registry.get(rule_id).remedies) if rule_id in registry else []
    unmet = (evidence.get("unmet_conditions") or {}).get("codes") or []
    remedies += [CONDITION_REMEDIES[code] for code in unmet if code in CONDITION_REMEDIES]
    return remedies


def sibling_flags(flag: Flag) -> list[Flag]:
    """The agency's other flags under the same provision (one query), so a reader sees them together."""
    if flag.agency_id is None or flag.provision_id is None:
        return []
    return list(
        Flag.objects.filter(agency_id=flag.agency_id, provision_id=flag.provision_id).exclude(pk=flag.pk)
        .select_related("jurisdiction").order_by("-severity", "rule_id", "id")
    )
