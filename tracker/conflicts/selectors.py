"""Read models across apps: where the collisions are, grouped by state and rule."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from tracker.conflicts.choices import OPEN_STATUSES
from tracker.conflicts.engine import evaluate
from tracker.conflicts.loader import build_snapshot
from tracker.conflicts.models import Flag
from tracker.conflicts.registry import registry
from tracker.places.models import Agency, Jurisdiction


@dataclass(frozen=True)
class CollisionRow:
    """Open conflicts of one rule in one state."""

    state: str
    rule_id: str
    flags: int
    max_severity: int
    agencies: tuple[str, ...]


def _group(items: list[tuple[str, str, int, str]], state: str | None) -> list[CollisionRow]:
    groups: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
    for postal, rule_id, severity, agency in items:
        if state is None or postal == state.upper():
            groups[(postal, rule_id)].append((severity, agency))
    return [
        CollisionRow(
            state=postal, rule_id=rule_id, flags=len(rows), max_severity=max(s for s, _ in rows),
            agencies=tuple(sorted({a for _, a in rows if a})),
        )
        for (postal, rule_id), rows in sorted(groups.items())
    ]


def collisions(*, as_of: date | None = None, state: str | None = None) -> list[CollisionRow]:
    """Open flags by state and rule; with `as_of`, the findings the rules give on that date (nothing stored).

    Without a date this reads the stored flags (new, in review, confirmed) as the last sweep left them;
    with one it evaluates every active rule over the data as it stood then, in a fixed number of queries.
    """
    if as_of is None:
        rows = Flag.objects.filter(status__in=OPEN_STATUSES).values_list(
            "jurisdiction__postal_code", "jurisdiction__state__postal_code", "rule_id", "severity", "agency__name"
        )
        return _group([(own or of_state, r, s, a or "") for own, of_state, r, s, a in rows], state)
    findings = list(evaluate(build_snapshot(as_of=as_of), registry.selected(None)).values())
    codes = {
        pk: own or of_state
        for pk, own, of_state in Jurisdiction.objects.filter(pk__in={f.jurisdiction_id for f in findings})
        .values_list("pk", "postal_code", "state__postal_code")
    }
    names = dict(Agency.objects.filter(pk__in={f.agency_id for f in findings}).values_list("pk", "name"))
    return _group(
        [(codes[f.jurisdiction_id], f.rule_id, int(f.severity), names.get(f.agency_id, "")) for f in findings], state
    )
