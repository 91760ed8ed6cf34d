"""Flags as the memo states them: one group per agency and law, each side once, every source by number."""

from __future__ import annotations

import copy
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from tracker.conflicts.choices import OPEN_STATUSES
from tracker.conflicts.models import Flag
from tracker.conflicts.registry import registry
from tracker.sources.selectors import with_source_kinds
from tracker.web.memo.sources import Cited, Piece, SourceList
from tracker.web.memo.words import words

#: Evidence keys that hold legal texts, with how the memo labels each side.
LAW_KEYS = (("provision", "The law"), ("state_provision", "State law"), ("preemption", "State law that may preempt it"))


@dataclass
class Finding:
    """One flag: what a stated rule found, its legal question, in words, citing sources by number."""

    flag: Flag
    rule_title: str
    legal_basis: str
    severity: str
    status: str
    explanation: list[Piece]
    gaps: list[str]

    @property
    def is_open(self) -> bool:
        """Still awaiting or under review, or confirmed."""
        return self.flag.status in OPEN_STATUSES


@dataclass
class Group:
    """One agency's flags under one law (or one law's flags where no agency is involved)."""

    key: tuple[Any, ...]
    place: str
    agency: str
    agency_how: str
    law: str
    laws: list[dict[str, Any]] = field(default_factory=list)
    partnerships: list[dict[str, Any]] = field(default_factory=list)
    deployments: list[dict[str, Any]] = field(default_factory=list)
    arrangements: list[dict[str, Any]] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    law_checked_on: Any = None
    part: int = 1

    @property
    def anchor(self) -> str:
        """The HTML id of the group's section."""
        return f"g-{self.findings[0].flag.pk}"

    @property
    def severity(self) -> str:
        """The highest severity among its flags, in words."""
        return words("severity", max(f.flag.severity for f in self.findings))

    @property
    def top_severity(self) -> int:
        """The highest severity, for ordering and colour."""
        return max(f.flag.severity for f in self.findings)

    @property
    def statuses(self) -> str:
        """Its flags' review statuses in words, counted ("2 new, 1 confirmed")."""
        counts = Counter(f.status.lower() for f in self.findings)
        return ", ".join(f"{n} {status}" for status, n in counts.items())


def _dict(value: Any) -> dict[str, Any] | None:
    return value if isinstance(value, dict) else None


def _days(data: dict[str, Any], *keys: str) -> dict[str, Any]:
    """The evidence's ISO dates as dates, so the memo writes them out ("1 February 2020")."""
    out: dict[str, date | None] = {}
    for key in keys:
        try:
            out[key] = date.fromisoformat(str(data.get(key) or ""))
        except ValueError:
            out[key] = None
    return out


def _law_side(data: dict[str, Any], sources: SourceList) -> dict[str, Any]:
    text = sources.link(data.get("url"), f"Text of {data.get('citation') or 'the law'}")
    refs = sources.add_all(data.get("sources"))
    return {
        **data,
        **_days(data, "effective_on", "ends_on"),
        "anchor": f"prov-{data.get('id')}",
        "refs": _unique([r for r in [text, *refs] if r]),
        "type_words": words("provision_type", data.get("type")) if data.get("type") else "",
        "status_words": words("instrument_status", data.get("status")) if data.get("status") else "",
        "reach_words": words("federal_reach", data.get("federal_reach")) if data.get("federal_reach") else "",
        "binds_words": words("binds", data.get("binds")) if data.get("binds") else "",
        "exceptions": [
            {"kind": words("exception", e.get("kind")), "quote": e.get("quote", "")}
            for e in data.get("exceptions") or []
            if isinstance(e, dict)
        ],
    }


def _partnership_side(data: dict[str, Any], sources: SourceList) -> dict[str, Any]:
    moa = sources.link(data.get("moa_url"), f"Agreement (MOA) for the {data.get('program') or 'program'}")
    caps = [
        {**c, "kind_words": words("capability", c.get("kind")), "refs": sources.add_all(c.get("sources"))}
        for c in data.get("capabilities") or []
        if isinstance(c, dict)
    ]
    refs = [r for r in [moa, *sources.add_all(data.get("sources"))] if r is not None]
    return {
        **data,
        **_days(data, "signed_on", "ended_on"),
        "refs": _unique(refs),
        "status_words": words("partnership_status", data.get("status")),
        "capabilities": caps,
    }


def _arrangement_side(data: dict[str, Any], sources: SourceList) -> dict[str, Any]:
    return {
        **data,
        **_days(data, "first_evidence_on", "evidence_from", "ended_on"),
        "kind_words": words("sharing_kind", data.get("kind")),
        "technology_words": words("technology", data.get("technology")),
        "recipient_words": ", ".join(words("recipient", r) for r in data.get("recipients") or []),
        "purpose_words": ", ".join(words("purpose", p) for p in data.get("purposes") or []),
        "refs": _unique(sources.add_all(data.get("sources"))),
    }


def _unique(refs: list[Cited]) -> list[Cited]:
    return list(dict.fromkeys(refs))


def _finding(flag: Flag, evidence: dict[str, Any], sources: SourceList) -> Finding:
    rule = registry.get(flag.rule_id) if flag.rule_id in registry else None
    unmet = _dict(evidence.get("unmet_conditions")) or {}
    return Finding(
        flag=flag,
        rule_title=rule.title if rule else "Rule no longer in the catalogue",
        legal_basis=rule.legal_basis if rule else "",
        severity=words("severity", flag.severity),
        status=words("flag_status", flag.status),
        explanation=sources.text(flag.explanation),
        gaps=[str(g) for g in unmet.get("gaps") or []],
    )


def _group_key(flag: Flag, evidence: dict[str, Any]) -> tuple[Any, ...]:
    law = _dict(evidence.get("provision")) or {}
    return (flag.jurisdiction_id, flag.agency_id, law.get("citation") or flag.rule_id, law.get("jurisdiction") or "")


def _add_sides(group: Group, evidence: dict[str, Any], sources: SourceList, laws: dict[Any, dict[str, Any]]) -> None:
    """The group's laws (each stated once per memo part, in `laws`), agreements, sharing and deployments."""
    for key, label in LAW_KEYS:
        data = _dict(evidence.get(key))
        if not data:
            continue
        side = laws.get(data.get("id")) or laws.setdefault(data.get("id"), _law_side(data, sources))
        if all((cited["label"], cited["side"]) != (label, side) for cited in group.laws):
            group.laws.append({"label": label, "side": side})
    partnership = _dict(evidence.get("partnership"))
    if partnership and all(p.get("id") != partnership.get("id") for p in group.partnerships):
        group.partnerships.append(_partnership_side(partnership, sources))
    arrangement = _dict(evidence.get("arrangement"))
    if arrangement and all(a.get("id") != arrangement.get("id") for a in group.arrangements):
        group.arrangements.append(_arrangement_side(arrangement, sources))
    deployment = _dict(evidence.get("deployment"))
    if deployment and all(d.get("id") != deployment.get("id") for d in group.deployments):
        group.deployments.append(
            {
                **deployment,
                **_days(deployment, "reported_on"),
                "technology_words": words("technology", deployment.get("technology")),
                "refs": sources.add_all(deployment.get("sources")),
            }
        )


def _new_group(key: tuple[Any, ...], flag: Flag, evidence: dict[str, Any]) -> Group:
    agency = _dict(evidence.get("agency")) or {}
    law = _dict(evidence.get("provision")) or {}
    how = str(agency.get("how") or "")
    if agency.get("relation"):
        how = "; ".join(filter(None, [words("relation", agency["relation"]), how]))
    return Group(
        key=key,
        place=flag.jurisdiction.name,
        agency=str(agency.get("name") or (flag.agency.name if flag.agency else "")),
        agency_how=how,
        law=" ".join(filter(None, [law.get("citation"), law.get("section")])) or "No local law involved",
    )


def group_flags(
    flags: list[Flag], sources: SourceList | None = None, laws: dict[Any, dict[str, Any]] | None = None
) -> list[Group]:
    """Flags grouped by place, agency and law, most severe group first.

    With `sources`, each group also gets its sides, their sources registered, and every law it rests on
    stated once in `laws` (by provision id), whichever groups cite it.
    """
    evidences = [copy.deepcopy(f.evidence or {}) for f in flags]
    if sources is not None:
        with_source_kinds(evidences)
    groups: dict[tuple[Any, ...], Group] = {}
    for flag, evidence in zip(flags, evidences, strict=True):
        key = _group_key(flag, evidence)
        group = groups.get(key) or groups.setdefault(key, _new_group(key, flag, evidence))
        if sources is not None:
            _add_sides(group, evidence, sources, laws if laws is not None else {})
        group.findings.append(_finding(flag, evidence, sources or SourceList()))
    ordered = sorted(groups.values(), key=lambda g: (-g.top_severity, g.agency, g.law, g.findings[0].flag.pk))
    for group in ordered:
        group.findings.sort(key=lambda f: (-f.flag.severity, f.flag.rule_id, f.flag.pk))
    return ordered
