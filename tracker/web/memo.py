"""The memo: a printable, public-safe account of a jurisdiction's law, partnerships and conflicts.

One selector builds the memo's read model in a fixed number of queries; the HTML and the PDF
render the same template. Reviewer notes, the review trail and assignees are never read here:
the memo is meant to be attached to an agenda item or a brief, whoever prints it.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from django.db.models import prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_GET

from tracker.alerts.links import site_reverse
from tracker.api.dossier import dossier_for
from tracker.api.views.flags import flag_queryset
from tracker.common.ids import parse_id
from tracker.common.roles import can_see_private
from tracker.conflicts.choices import OPEN_STATUSES, Severity
from tracker.conflicts.models import Flag
from tracker.conflicts.registry import registry
from tracker.importers.models import ImportRun
from tracker.places.models import Jurisdiction
from tracker.sources.selectors import with_source_kinds
from tracker.web.throttles import pdf_allowed

#: Most flags one memo may carry (a longer selection is a report, not a memo).
MAX_FLAGS = 200

#: Evidence keys that hold the other legal text a flag sets against the protective one.
OTHER_LAW_KEYS = (("state_provision", "State law"), ("preemption", "State law that may preempt it"))


def safe_href(url: object) -> str:
    """The URL if it is an absolute http(s) link, else "" (imported text never becomes a script link)."""
    text = str(url or "").strip()
    parts = urlsplit(text)
    return text if parts.scheme in ("http", "https") and parts.netloc else ""


def _links(sources: Any) -> list[dict[str, str]]:
    return [{"title": str(s.get("title") or s.get("url") or ""), "href": safe_href(s.get("url")),
             "kind": s.get("kind") or "", "publisher": s.get("publisher") or ""}
            for s in (sources or []) if isinstance(s, dict)]


def _law_side(data: Any, label: str) -> dict[str, Any] | None:
    if not isinstance(data, dict):
        return None
    return {**data, "label": label, "href": safe_href(data.get("url")), "links": _links(data.get("sources"))}


@dataclass
class Conflict:
    """One flag as the memo states it: the rule, the two sides and their sources."""

    flag: Flag
    rule_title: str
    legal_basis: str
    law: dict[str, Any] | None
    other_law: dict[str, Any] | None
    agency: dict[str, Any] | None
    partnership: dict[str, Any] | None
    deployment: dict[str, Any] | None
    unmet: dict[str, Any] | None
    citations: list[str] = field(default_factory=list)

    @property
    def is_open(self) -> bool:
        """Still awaiting or under review, or confirmed."""
        return self.flag.status in OPEN_STATUSES


def conflicts_for(flags: Iterable[Flag]) -> list[Conflict]:
    """The memo's view of flags, their sources' kinds read in one query."""
    flags = list(flags)
    evidences = [copy.deepcopy(f.evidence or {}) for f in flags]
    with_source_kinds(evidences)
    return [conflict_for(f, e) for f, e in zip(flags, evidences, strict=True)]


def conflict_for(flag: Flag, evidence: dict[str, Any]) -> Conflict:
    """The memo's view of a flag, from its evidence and the rule's declared texts."""
    rule = registry.get(flag.rule_id) if flag.rule_id in registry else None
    other = next((_law_side(evidence.get(k), label) for k, label in OTHER_LAW_KEYS if evidence.get(k)), None)
    partnership = evidence.get("partnership")
    if isinstance(partnership, dict):
        caps = [{**c, "links": _links(c.get("sources"))} for c in partnership.get("capabilities") or []]
        partnership = {**partnership, "moa_href": safe_href(partnership.get("moa_url")),
                       "links": _links(partnership.get("sources")), "capabilities": caps}
    deployment = evidence.get("deployment")
    if isinstance(deployment, dict):
        deployment = {**deployment, "links": _links(deployment.get("sources"))}
    law = _law_side(evidence.get("provision"), "Local law")
    citations = [side["citation"] for side in (law, other) if side and side.get("citation")]
    return Conflict(
        flag=flag, rule_title=rule.title if rule else flag.rule_id, legal_basis=rule.legal_basis if rule else "",
        law=law, other_law=other, agency=evidence.get("agency") if isinstance(evidence.get("agency"), dict) else None,
        partnership=partnership if isinstance(partnership, dict) else None,
        deployment=deployment if isinstance(deployment, dict) else None,
        unmet=evidence.get("unmet_conditions") if isinstance(evidence.get("unmet_conditions"), dict) else None,
        citations=citations,
    )


def data_as_of(flags: list[Flag]) -> dict[str, Any]:
    """The memo's date and the data's: the newest ICE sheet imported, and the sweep the flags come from."""
    newest = (
        ImportRun.objects.filter(importer="ice_287g", dry_run=False, as_of__isnull=False)
        .order_by("-as_of", "-started_at").values("as_of", "file_name").first()
    )
    return {
        "memo_date": timezone.localdate(),
        "ice_sheet_as_of": newest["as_of"] if newest else None,
        "ice_sheet_file": newest["file_name"] if newest else "",
        "sweep_as_of": max((f.as_of for f in flags), default=None),
    }


#: Why an agency counts as operating in a place, in words (codes from tracker.api.dossier).
BASIS_WORDS = {"home": "its own government", "county_sheriff": "sheriff of the county", "statewide": "statewide"}


def basis_words(codes: list[str]) -> list[str]:
    """The dossier's basis codes as words ("covers:primary" → "covers it (primary)")."""
    words = []
    for code in codes:
        head, _, coverage = code.partition(":")
        if code in BASIS_WORDS:
            words.append(BASIS_WORDS[code])
        elif head == "covers":
            words.append(f"covers it ({coverage.replace('_', ' ')})")
        elif head == "county":
            words.append(f"covers the county ({coverage.replace('_', ' ')})")
        else:
            words.append(code)
    return words


def _mark_links(items: Any) -> None:
    """Attach a safe href to each fact's URL and its sources (rows already prefetched)."""
    for item in items:
        item.href = safe_href(getattr(item, "url", "") or getattr(item, "moa_url", ""))
        for source in item.sources.all():
            source.href = safe_href(source.url)


def memo_for_jurisdiction(jurisdiction: Jurisdiction) -> dict[str, Any]:
    """The memo of one place: its law, the agencies there and their partnerships, and its conflicts."""
    dossier = dossier_for(jurisdiction)
    # The dossier prefetches instruments' sources, not their provisions' (one query here, not one per provision).
    prefetch_related_objects(dossier["law"], "provisions__sources")
    _mark_links(dossier["law"])
    for instrument in dossier["law"]:
        _mark_links(instrument.provisions.all())
    _mark_links(dossier["agencies"])
    for agency in dossier["agencies"]:
        agency.basis_words = basis_words(agency.basis)
        _mark_links(agency.partnerships.all())
    conflicts = conflicts_for(dossier["flags"])
    return {
        "title": f"{jurisdiction.name}: local law and federal partnerships",
        "jurisdiction": jurisdiction,
        "law": dossier["law"],
        "agencies": dossier["agencies"],
        "open_conflicts": [c for c in conflicts if c.is_open],
        "closed_conflicts": [c for c in conflicts if not c.is_open],
        **data_as_of(dossier["flags"]),
    }


def memo_for_flags(flag_ids: list[int]) -> dict[str, Any]:
    """The memo of a selection of flags, whatever their status; Http404 if any id is unknown."""
    flags = list(flag_queryset().filter(pk__in=flag_ids).order_by("-severity", "jurisdiction__name", "rule_id", "id"))
    missing = sorted(set(flag_ids) - {f.pk for f in flags})
    if missing:
        raise Http404(f"No flag {', '.join(map(str, missing))}.")
    conflicts = conflicts_for(flags)
    places = sorted({f.jurisdiction.name for f in flags})
    return {
        "title": f"{len(flags)} flagged conflict{'s' if len(flags) != 1 else ''}: {', '.join(places)}",
        "jurisdiction": None,
        "open_conflicts": [c for c in conflicts if c.is_open],
        "closed_conflicts": [c for c in conflicts if not c.is_open],
        **data_as_of(flags),
    }


def parse_flag_ids(raw: str) -> list[int]:
    """'1,2,3' → [1, 2, 3]; ValueError on anything else, or on too many."""
    parsed = [parse_id(p) for p in raw.split(",") if p.strip()]
    if not parsed or None in parsed:
        raise ValueError("flags must be a comma-separated list of flag ids, e.g. ?flags=1,2,3")
    ids = sorted({p for p in parsed if p is not None})
    if len(ids) > MAX_FLAGS:
        raise ValueError(f"A memo holds at most {MAX_FLAGS} flags.")
    return ids


def _jurisdiction(ocd_id: str) -> Jurisdiction:
    match = Jurisdiction.objects.by_ocd_id(ocd_id).first()
    if match is None:
        raise Http404("No jurisdiction has this OCD id.")
    return match


def _render(request: HttpRequest, memo: dict[str, Any], *, pdf: bool, filename: str, pdf_url: str = "") -> HttpResponse:
    context = {**memo, "pdf": pdf, "pdf_url": pdf_url, "severity_labels": dict(Severity.choices),
               "viewer_sees_private": can_see_private(request.user)}
    if not pdf:
        return render(request, "web/memo.html", context)
    allowed, wait = pdf_allowed(request)
    if not allowed:
        response = HttpResponse(f"Too many PDF memos at once: try again in {wait} seconds, or read the HTML memo.",
                                content_type="text/plain", status=429)
        response["Retry-After"] = str(wait)
        return response
    from tracker.web.pdf import html_to_pdf  # WeasyPrint takes a second to import: only when a PDF is asked for

    pdf_bytes = html_to_pdf(render_to_string("web/memo.html", context, request=request))
    response = HttpResponse(pdf_bytes, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _slug(jurisdiction: Jurisdiction, day: date) -> str:
    tail = jurisdiction.ocd_id.rsplit("/", 1)[-1].replace(":", "-")
    return f"lookout-memo-{tail}-{day.isoformat()}.pdf"


@require_GET
def jurisdiction_memo(request: HttpRequest, ocd_id: str) -> HttpResponse:
    """The memo of a jurisdiction, as a printable page."""
    jurisdiction = _jurisdiction(ocd_id)
    return _render(request, memo_for_jurisdiction(jurisdiction), pdf=False, filename="",
                   pdf_url=site_reverse("memo-jurisdiction-pdf", jurisdiction.ocd_id))


@require_GET
def jurisdiction_memo_pdf(request: HttpRequest, ocd_id: str) -> HttpResponse:
    """The memo of a jurisdiction, as a PDF."""
    jurisdiction = _jurisdiction(ocd_id)
    return _render(request, memo_for_jurisdiction(jurisdiction), pdf=True,
                   filename=_slug(jurisdiction, timezone.localdate()))


def _flags_memo(request: HttpRequest, *, pdf: bool) -> HttpResponse:
    unknown = set(request.GET) - {"flags"}
    if unknown:
        return HttpResponseBadRequest(f"Unknown parameter(s): {', '.join(sorted(unknown))}.", content_type="text/plain")
    try:
        ids = parse_flag_ids(request.GET.get("flags", ""))
    except ValueError as exc:
        return HttpResponseBadRequest(str(exc), content_type="text/plain")
    filename = f"lookout-memo-flags-{'-'.join(map(str, ids[:5]))}-{timezone.localdate().isoformat()}.pdf"
    pdf_url = site_reverse("memo-flags-pdf") + "?flags=" + ",".join(map(str, ids))
    return _render(request, memo_for_flags(ids), pdf=pdf, filename=filename, pdf_url=pdf_url)


@require_GET
def flags_memo(request: HttpRequest) -> HttpResponse:
    """The memo of the flags named in ?flags=1,2,3, as a printable page."""
    return _flags_memo(request, pdf=False)


@require_GET
def flags_memo_pdf(request: HttpRequest) -> HttpResponse:
    """The memo of the flags named in ?flags=1,2,3, as a PDF."""
    return _flags_memo(request, pdf=True)
