"""A memo's read model: the summary of every flag, then one part's detail, sources numbered once per part.

A memo holds at most PART_FLAGS flags in detail; a longer one is split into parts (`?page=2`), each
opening with the summary of the whole memo, so no request builds an unbounded document. Reviewer
notes, the review trail and assignees are never read here: whoever prints a memo may attach it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import prefetch_related_objects
from django.http import Http404
from django.utils import timezone

from tracker.conflicts.choices import OPEN_STATUSES
from tracker.conflicts.models import Flag
from tracker.conflicts.selectors import flag_queryset
from tracker.importers.models import ImportRun
from tracker.laws.models import Provision
from tracker.places.dossier import dossier_for
from tracker.places.models import Jurisdiction
from tracker.web.memo.conflicts import Group, group_flags
from tracker.web.memo.sources import Cited, SourceList
from tracker.web.memo.words import basis_words, words

#: Most flags one part of a memo states in detail (bench/README.md: a part's PDF stays within a few seconds).
PART_FLAGS = 5
#: The first part of a place's memo also states its law and its agencies: it holds fewer flags.
FIRST_PART_FLAGS = 2
#: Most flags a selection may name: every shipped flag, while the link stays within the 4 KB request line
#: that servers such as Gunicorn accept (500 ids of up to 7 digits).
MAX_FLAGS = 500


@dataclass
class Memo:
    """What one part of a memo shows."""

    title: str
    jurisdiction: Jurisdiction | None
    summary: list[Group]
    groups: list[Group]
    part: int
    parts: int
    flag_count: int
    memo_date: date
    ice_sheet_as_of: date | None
    ice_sheet_file: str
    sweep_as_of: date | None
    law_checked: tuple[date | None, date | None]
    law: list[Any] = field(default_factory=list)
    agencies: list[Any] = field(default_factory=list)
    cited_laws: list[dict[str, Any]] = field(default_factory=list)
    sources: list[Cited] = field(default_factory=list)


def split_into_parts(groups: list[Group], size: int | None = None, first: int | None = None) -> int:
    """Give each group its part, whole groups only, at most PART_FLAGS a part and `first` in the first
    (unless one group is larger)."""
    size = size or PART_FLAGS
    part, count = 1, 0
    for group in groups:
        limit = (first or size) if part == 1 else size
        if count and count + len(group.findings) > limit:
            part, count = part + 1, 0
        group.part = part
        count += len(group.findings)
    return part


def _order(groups: list[Group]) -> list[Group]:
    """Groups with an open flag first, then by severity, then by law: a part then states few laws."""
    return sorted(
        groups,
        key=lambda g: (not any(f.flag.status in OPEN_STATUSES for f in g.findings), -g.top_severity, g.law, g.agency),
    )


def _law_checked(groups: list[Group]) -> tuple[date | None, date | None]:
    """When the laws behind the flags were last checked against their sources: oldest and newest (one query)."""
    ids = {f.flag.provision_id for g in groups for f in g.findings if f.flag.provision_id}
    checked = dict(Provision.objects.filter(pk__in=ids).values_list("pk", "instrument__checked_on"))
    for group in groups:
        group.law_checked_on = next(
            (checked[f.flag.provision_id] for f in group.findings if checked.get(f.flag.provision_id)), None
        )
    dates = [d for d in checked.values() if d]
    return (min(dates), max(dates)) if dates else (None, None)


def _data_as_of(flags: list[Flag]) -> dict[str, Any]:
    """The memo's date and the data's: the newest ICE sheet imported, and the sweep the flags come from."""
    newest = (
        ImportRun.objects.filter(importer="ice_287g", dry_run=False, as_of__isnull=False)
        .order_by("-as_of", "-started_at")
        .values("as_of", "file_name")
        .first()
    )
    return {
        "memo_date": timezone.localdate(),
        "ice_sheet_as_of": newest["as_of"] if newest else None,
        "ice_sheet_file": newest["file_name"] if newest else "",
        "sweep_as_of": max((f.as_of for f in flags), default=None),
    }


def _part(flags: list[Flag], page: int, first: int | None = None) -> tuple[list[Group], list[Group], int]:
    """(summary of all flags, the detailed groups of part `page`, number of parts); Http404 past the last part."""
    summary = _order(group_flags(flags))
    parts = split_into_parts(summary, first=first)
    if page > parts:
        raise Http404(f"This memo has {parts} part{'s' if parts != 1 else ''}.")
    return summary, [g for g in summary if g.part == page], parts


def _detail(groups: list[Group], sources: SourceList, stated: set[str]) -> tuple[list[Group], list[dict[str, Any]]]:
    """The groups of one part again, with their sides and every source registered; and the laws they rest
    on that the memo has not stated yet (`stated`: anchors of provisions already in the memo's law section)."""
    flags = [f.flag for g in groups for f in g.findings]
    laws: dict[Any, dict[str, Any]] = {}
    detailed = {g.key: g for g in group_flags(flags, sources, laws)}
    return [detailed[g.key] for g in groups], [side for side in laws.values() if side["anchor"] not in stated]


def _mark_law(law: list[Any], sources: SourceList) -> None:
    """Words and source numbers for the place's law (rows already prefetched)."""
    for instrument in law:
        text = sources.link(instrument.url, f"Text of {instrument.citation}")
        instrument.refs = [r for r in [text, *sources.add_all(instrument.source_list)] if r is not None]
        for provision in instrument.provision_list:
            provision.refs = sources.add_all(provision.sources.all())
            provision.type_words = words("provision_type", provision.type)
            provision.reach_words = words("federal_reach", provision.federal_reach)


def _mark_agencies(agencies: list[Any], sources: SourceList) -> None:
    """Words and source numbers for the agencies there and their partnerships."""
    for agency in agencies:
        agency.basis_words = basis_words(agency.basis)
        for partnership in agency.partnership_list:
            moa = sources.link(partnership.moa_url, f"Agreement (MOA) of {agency.name}")
            partnership.refs = list(
                dict.fromkeys(r for r in [moa, *sources.add_all(partnership.source_list)] if r is not None)
            )


def memo_for_jurisdiction(jurisdiction: Jurisdiction, *, page: int = 1) -> Memo:
    """Part `page` of the memo of one place: its law and agencies (first part), and its flags."""
    dossier = dossier_for(jurisdiction)
    summary, groups, parts = _part(dossier["flags"], page, first=FIRST_PART_FLAGS)
    sources = SourceList()
    law, agencies = (dossier["law"], dossier["agencies"]) if page == 1 else ([], [])
    if law:
        # The dossier prefetches instruments' sources, not their provisions' (one query here, not one per provision).
        prefetch_related_objects([p for instrument in law for p in instrument.provision_list], "sources")
    _mark_law(law, sources)
    _mark_agencies(agencies, sources)
    stated = {f"prov-{p.pk}" for instrument in law for p in instrument.provision_list}
    detailed, cited_laws = _detail(groups, sources, stated)
    return Memo(
        title=f"{jurisdiction.name}: local law and federal partnerships",
        jurisdiction=jurisdiction,
        summary=summary,
        groups=detailed,
        part=page,
        parts=parts,
        flag_count=len(dossier["flags"]),
        law_checked=_law_checked(summary),
        law=law,
        agencies=agencies,
        cited_laws=cited_laws,
        sources=sources.number(),
        **_data_as_of(dossier["flags"]),
    )


def memo_for_flags(flag_ids: list[int], *, page: int = 1) -> Memo:
    """Part `page` of the memo of a selection of flags, whatever their status; Http404 if any id is unknown."""
    flags = list(flag_queryset().filter(pk__in=flag_ids).order_by("-severity", "jurisdiction__name", "rule_id", "id"))
    missing = sorted(set(flag_ids) - {f.pk for f in flags})
    if missing:
        raise Http404(f"No flag {', '.join(map(str, missing))}.")
    summary, groups, parts = _part(flags, page)
    sources = SourceList()
    detailed, cited_laws = _detail(groups, sources, set())
    places = sorted({f.jurisdiction.name for f in flags})
    shown = ", ".join(places[:6]) + (f" and {len(places) - 6} more places" if len(places) > 6 else "")
    return Memo(
        title=f"{len(flags)} flagged conflict{'s' if len(flags) != 1 else ''}: {shown}",
        jurisdiction=None,
        summary=summary,
        groups=detailed,
        part=page,
        parts=parts,
        flag_count=len(flags),
        law_checked=_law_checked(summary),
        cited_laws=cited_laws,
        sources=sources.number(),
        **_data_as_of(flags),
    )
