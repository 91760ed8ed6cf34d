"""Write one parsed ICE 287(g) sheet: the Source, the agencies, the agreements and their history.

Every save compares first and writes only what differs, with a change reason naming the file,
so the same sheet twice leaves no trace the second time. Dates: `first_seen` only moves back,
`last_seen` only forward, and only the newest sheet ends or reopens an agreement.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify

from tracker.importers.base import ImporterError, ImportReport
from tracker.importers.ice_287g_sheet import PARTICIPATING, REVIEW_PREFIX, ParsedSheet, SheetRow
from tracker.partnerships.choices import PartnershipStatus as Status
from tracker.partnerships.models import FederalProgram, Partnership
from tracker.places.matching import StateIndex, agency_coverage_match, agency_kind_for
from tracker.places.models import Agency, AgencyCoverage, Jurisdiction
from tracker.places.names import agency_name_key
from tracker.sources.choices import SourceKind
from tracker.sources.models import Source

ICE = "U.S. Immigration and Customs Enforcement"
#: The page that links ICE's sheets; the download paths have moved too often to cite (data-sources §1.1).
ICE_287G_PAGE = "https://www.ice.gov/identify-and-arrest/287g"
SOURCE_PREFIX = {PARTICIPATING: "ice-287g-participating-", "pending": "ice-287g-pending-"}
PROGRAM_CODES = ("287g-jem", "287g-tfm", "287g-wso")
MATCH_PREFIX = "Coverage: "
#: Not re-validated on save: foreign keys (the database checks them) and the derived name key.
_NOT_CLEANED = (
    "agency",
    "program",
    "first_seen_in",
    "last_seen_in",
    "ended_in",
    "application",
    "state",
    "home",
    "name_key",
)


def save_if_changed(obj: models.Model, values: dict[str, Any], *, reason: str) -> bool:
    """Set the values that differ (leaving hand-locked fields alone), validate and save; True if saved."""
    locked = set(getattr(obj, "locked_fields", None) or [])
    changed = False
    for name, value in values.items():
        if name.removesuffix("_id") in locked or getattr(obj, name) == value:
            continue
        setattr(obj, name, value)
        changed = True
    if changed or obj.pk is None:
        obj.full_clean(exclude=_NOT_CLEANED, validate_unique=False, validate_constraints=False)
        obj._change_reason = reason  # type: ignore[attr-defined]
        obj.save()
    return changed


class SheetWriter:
    """Writes one sheet inside the importer's transaction, counting into the report."""

    def __init__(
        self, *, parsed: ParsedSheet, report: ImportReport, progress: Callable[[int, int], None] | None
    ) -> None:
        self.parsed, self.report, self.progress = parsed, report, progress
        self.date = parsed.as_of
        self.reason = f"import_287g {parsed.path.name}"
        self.participating = parsed.kind == PARTICIPATING
        self.added: list[str] = []
        self.added_agency_ids: set[int] = set()
        self.ended: list[str] = []
        self.seen: set[int] = set()
        self.agencies: dict[tuple[int, str], Agency] = {}
        self.indexes: dict[int, StateIndex] = {}
        self.cited: dict[type, set[int]] = {}
        self.coverage_ids: dict[int, set[int]] = {}

    # -- setup ---------------------------------------------------------------------------------

    def run(self) -> None:
        """Write the whole sheet."""
        self.source = self._source()
        self.programs = self._programs()
        self.states = {j.postal_code: j for j in Jurisdiction.objects.states().exclude(postal_code="")}
        same_kind = Source.objects.filter(key__startswith=SOURCE_PREFIX[self.parsed.kind]).exclude(pk=self.source.pk)
        dated = same_kind.exclude(published_on=None)
        self.newer = dated.filter(published_on__gt=self.date).order_by("published_on", "key").first()
        self.previous = dated.filter(published_on__lte=self.date).order_by("-published_on", "key").first()
        self.app_sources = set(
            Source.objects.filter(key__startswith=SOURCE_PREFIX["pending"]).values_list("pk", flat=True)
        )
        self.groups: dict[tuple[int, int], list[Partnership]] = defaultdict(list)
        for p in Partnership.objects.filter(program__in=self.programs.values()).select_related(
            "agency__state", "program"
        ):
            self.groups[(p.agency_id, p.program_id)].append(p)
        self.linked = set(Partnership.objects.exclude(application=None).values_list("application_id", flat=True))
        for skipped in self.parsed.skipped:
            self.report.skip(skipped.pop("reason"), **skipped)
        self._write_rows()
        if self.newer is None:
            self._end_missing()
        self._notes()

    def _source(self) -> Source:
        path = self.parsed.path
        key = (SOURCE_PREFIX[self.parsed.kind] + slugify(path.stem))[:120]
        title = f"ICE 287(g) {self.parsed.kind} agencies, sheet of {self.date.day} {self.date:%B %Y} ({path.name})"
        values = {
            "url": ICE_287G_PAGE,
            "title": title,
            "publisher": ICE,
            "kind": SourceKind.OFFICIAL_RECORD,
            "published_on": self.date,
        }
        source = Source.objects.filter(key=key).first() or Source(key=key)
        save_if_changed(source, values, reason=self.reason)
        return source

    def _programs(self) -> dict[str, FederalProgram]:
        programs = {p.code: p for p in FederalProgram.objects.filter(code__in=PROGRAM_CODES)}
        missing = sorted(set(PROGRAM_CODES) - set(programs))
        if missing:
            raise ImporterError(
                f"federal program(s) {', '.join(missing)} are not loaded; run `manage.py seed` first",
                file=self.parsed.path,
            )
        return programs

    # -- rows ------------------------------------------------------------------------------------

    def _write_rows(self) -> None:
        first_row: dict[tuple[str, str, str], SheetRow] = {}
        total = len(self.parsed.rows)
        for number, row in enumerate(self.parsed.rows, start=1):
            key = (row.state_code, agency_name_key(row.agency), row.program_code)
            if key in first_row:
                earlier = first_row[key]
                self.report.skip(f"same agency and model as row {earlier.row}", row=row.row, agency=row.agency)
                if earlier.source_row | {"row": ""} != row.source_row | {"row": ""}:
                    self.report.flag(
                        f"differs from row {earlier.row} for the same agency and model", row=row.row, agency=row.agency
                    )
                continue
            first_row[key] = row
            if row.notes:
                self.report.flag("; ".join(row.notes), row=row.row, agency=row.agency, state=row.state_code)
            try:
                agency = self._agency(row)
                program = self.programs[row.program_code]
                if self.participating:
                    self._agreement(row, agency, program)
                else:
                    self._application(row, agency, program)
            except ValidationError as exc:
                raise ImporterError(
                    f"invalid value: {exc.messages}", file=self.parsed.path, sheet=self.parsed.sheet, row=row.row
                ) from exc
            if self.progress and (number % 100 == 0 or number == total):
                self.progress(number, total)

    def _agency(self, row: SheetRow) -> Agency:
        state = self.states[row.state_code]
        cache_key = (state.pk, agency_name_key(row.agency))
        if cache_key in self.agencies:
            return self.agencies[cache_key]
        kind = agency_kind_for(agency_type=row.agency_type, name=row.agency)
        agency = Agency.objects.filter(state=state, name_key=cache_key[1]).first()
        if agency is None:
            agency = Agency(state=state, name=row.agency, kind=kind)
            save_if_changed(agency, {}, reason=self.reason)
            self.report.count("agencies_created")
        elif self.newer is None and save_if_changed(agency, {"kind": kind}, reason=self.reason):
            self.report.count("agencies_updated")
        self._match(agency, row, state)
        self._add_source(agency)
        self.agencies[cache_key] = agency
        return agency

    def _match(self, agency: Agency, row: SheetRow, state: Jurisdiction) -> None:
        self.report.touched_jurisdiction_ids.add(state.pk)
        covered = list(agency.coverages.values_list("jurisdiction_id", flat=True))
        if covered:
            self.report.touched_jurisdiction_ids.update(covered)
            return
        index = self.indexes.get(state.pk) or self.indexes.setdefault(state.pk, StateIndex(state))
        match = agency_coverage_match(
            index=index, agency_type=row.agency_type, agency_name=row.agency, county_name=row.county
        )
        if not match.matched:
            note = MATCH_PREFIX + match.note
            if not agency.review_note.startswith(MATCH_PREFIX) or agency.review_note != note:
                save_if_changed(agency, {"needs_review": True, "review_note": note}, reason=self.reason)
            self.report.flag(
                f"agency not matched to a jurisdiction: {match.note}",
                agency=agency.name,
                state=row.state_code,
                row=row.row,
            )
            return
        values: dict[str, Any] = {"home_id": agency.home_id or (match.home.pk if match.home else None)}
        if agency.review_note.startswith(MATCH_PREFIX):
            values.update(needs_review=False, review_note="")
        save_if_changed(agency, values, reason=self.reason)
        if match.note:
            self.report.notes.append(f"placed: {row.state_code} {agency.name}: {match.note}")
        for covered_row in match.rows:
            AgencyCoverage.objects.get_or_create(
                agency=agency,
                jurisdiction=covered_row.jurisdiction,
                defaults={"coverage": covered_row.coverage, "basis": covered_row.basis, "source": self.source},
            )
            self.report.touched_jurisdiction_ids.add(covered_row.jurisdiction.pk)

    def _add_source(self, obj: Agency | Partnership) -> None:
        cited = self.cited.setdefault(
            type(obj),
            set(
                type(obj)
                .sources.through.objects.filter(source=self.source)
                .values_list(f"{type(obj)._meta.model_name}_id", flat=True)
            ),
        )
        if obj.pk not in cited:
            obj._change_reason = self.reason  # type: ignore[union-attr]
            obj.sources.add(self.source)
            cited.add(obj.pk)

    def _row_values(self, row: SheetRow, current: Partnership | None) -> dict[str, Any]:
        values: dict[str, Any] = {"source_row": row.source_row}
        if self.participating:
            values.update(signed_on=row.signed_on, signed_raw=row.signed_raw)
            values.update({k: v for k, v in (("moa_url", row.moa_url), ("addendum_url", row.addendum_url)) if v})
        if row.notes:
            values.update(needs_review=True, review_note=REVIEW_PREFIX + "; ".join(row.notes))
        elif current is not None and current.review_note.startswith(REVIEW_PREFIX):
            values.update(needs_review=False, review_note="")
        return values

    def _seen_values(self, p: Partnership) -> dict[str, Any]:
        """first_seen moves back and last_seen forward (within the agreement's life) to this sheet."""
        values: dict[str, Any] = {}
        if p.first_seen_on is None or self.date < p.first_seen_on:
            values.update(first_seen_on=self.date, first_seen_in_id=self.source.pk)
        alive = p.status != Status.ENDED or (p.ended_on is not None and self.date < p.ended_on)
        if alive and (p.last_seen_on is None or self.date >= p.last_seen_on):
            values.update(last_seen_on=self.date, last_seen_in_id=self.source.pk)
        return values

    def _is_app(self, p: Partnership) -> bool:
        return p.first_seen_in_id in self.app_sources

    def _label(self, p: Partnership) -> str:
        return f"{p.agency.state.postal_code} {p.agency.name} ({p.program.code})"

    def _touch(self, p: Partnership) -> None:
        if p.agency_id not in self.coverage_ids:
            self.coverage_ids[p.agency_id] = set(p.agency.coverages.values_list("jurisdiction_id", flat=True))
        self.report.touched_jurisdiction_ids.add(p.agency.state_id)
        self.report.touched_jurisdiction_ids.update(self.coverage_ids[p.agency_id])

    def _update(self, p: Partnership, values: dict[str, Any]) -> None:
        self.seen.add(p.pk)
        if save_if_changed(p, values, reason=self.reason):
            self.report.count("updated")
            self._touch(p)
        else:
            self.report.count("unchanged")
        self._add_source(p)

    def _create(self, row: SheetRow, agency: Agency, program: FederalProgram, **values: Any) -> Partnership:
        p = Partnership(
            agency=agency,
            program=program,
            first_seen_on=self.date,
            first_seen_in=self.source,
            last_seen_on=self.date,
            last_seen_in=self.source,
            **values,
        )
        for name, value in self._row_values(row, None).items():
            setattr(p, name, value)
        save_if_changed(p, {}, reason=self.reason)
        p.sources.add(self.source)
        self.groups[(agency.pk, program.pk)].append(p)
        self.seen.add(p.pk)
        self.report.count("created")
        self._touch(p)
        return p

    def _ended_by_newer(self) -> dict[str, Any]:
        """An older sheet's row that no imported newer sheet lists: ended by the first newer sheet."""
        assert self.newer is not None  # noqa: S101
        return {"status": Status.ENDED, "ended_on": self.newer.published_on, "ended_in": self.newer}

    # -- agreements (participating sheets) -----------------------------------------------------------

    def _agreement(self, row: SheetRow, agency: Agency, program: FederalProgram) -> None:
        group = self.groups[(agency.pk, program.pk)]
        agreements = [p for p in group if not self._is_app(p)]
        target = next((p for p in agreements if p.status == Status.ACTIVE), None) or max(
            agreements, key=lambda p: p.ended_on or datetime.date.min, default=None
        )
        if target is None:
            self._new_agreement(row, agency, program, group)
        elif target.status == Status.ENDED and self.newer is None and target.ended_on <= self.date:  # type: ignore[operator]
            if row.signed_on and target.signed_on and row.signed_on > target.signed_on:
                self._new_agreement(row, agency, program, group)
            else:
                self._reopen(target, row)
        else:
            values = self._seen_values(target)
            if "last_seen_on" in values:
                values.update(self._row_values(row, target))
            self._update(target, values)

    def _new_agreement(self, row: SheetRow, agency: Agency, program: FederalProgram, group: list[Partnership]) -> None:
        status: dict[str, Any] = self._ended_by_newer() if self.newer else {"status": Status.ACTIVE}
        if status.get("ended_on") and row.signed_on and row.signed_on > status["ended_on"]:
            row.notes.append(f"signed {row.signed_on} but missing from the newer sheet of {status['ended_on']}")
            row.signed_on = None
        p = self._create(row, agency, program, **status)
        if p.status == Status.ACTIVE:
            self.added.append(self._label(p))
            self.added_agency_ids.add(p.agency_id)
        app = next(
            (
                a
                for a in group
                if self._is_app(a)
                and a.pk not in self.linked
                and a.first_seen_on is not None
                and a.first_seen_on <= self.date
            ),
            None,
        )
        if app is not None:
            save_if_changed(p, {"application_id": app.pk}, reason=self.reason)
            self.linked.add(app.pk)
            if app.status == Status.PENDING and p.status == Status.ACTIVE:
                save_if_changed(
                    app,
                    {"status": Status.ENDED, "ended_on": self.date, "ended_in_id": self.source.pk},
                    reason=self.reason,
                )
            self.report.count("linked")

    def _reopen(self, p: Partnership, row: SheetRow) -> None:
        missed = p.ended_in.title if p.ended_in else str(p.ended_on)
        values = {
            "status": Status.ACTIVE,
            "ended_on": None,
            "ended_in_id": None,
            **self._row_values(row, p),
            "last_seen_on": self.date,
            "last_seen_in_id": self.source.pk,
            "needs_review": True,
            "review_note": f"Listed again on {self.source.title} after it was missing from {missed}.",
        }
        save_if_changed(p, values, reason=self.reason)
        self._add_source(p)
        self.seen.add(p.pk)
        self.report.count("reopened")
        self.added.append(self._label(p))
        self.added_agency_ids.add(p.agency_id)
        self._touch(p)

    def _end_missing(self) -> None:
        status = Status.ACTIVE if self.participating else Status.PENDING
        for group in self.groups.values():
            for p in group:
                if (
                    p.status != status
                    or p.pk in self.seen
                    or p.last_seen_in_id is None
                    or self._is_app(p) == self.participating
                    or (p.last_seen_on or self.date) >= self.date
                ):
                    continue
                if p.signed_on and p.signed_on > self.date:
                    self.report.flag("not on the sheet but signed after its date; left as is", agency=p.agency.name)
                    continue
                save_if_changed(
                    p,
                    {"status": Status.ENDED, "ended_on": self.date, "ended_in_id": self.source.pk},
                    reason=self.reason,
                )
                self.report.count("ended")
                self.ended.append(self._label(p))
                self._touch(p)

    # -- applications (pending sheets) -----------------------------------------------------------

    def _application(self, row: SheetRow, agency: Agency, program: FederalProgram) -> None:
        group = self.groups[(agency.pk, program.pk)]
        apps = [p for p in group if self._is_app(p)]
        current = next((a for a in apps if a.status == Status.PENDING), None) or next(
            (a for a in apps if a.ended_on and a.first_seen_on and self.date < a.ended_on), None
        )
        if current is not None:
            values = self._seen_values(current)
            if "last_seen_on" in values:
                values.update(self._row_values(row, current))
            self._update(current, values)
            return
        agreement = next(
            (
                p
                for p in group
                if not self._is_app(p)
                and p.application_id is None
                and p.first_seen_on is not None
                and p.first_seen_on >= self.date
            ),
            None,
        )
        if agreement is not None:
            app = self._create(
                row,
                agency,
                program,
                status=Status.ENDED,
                ended_on=agreement.first_seen_on,
                ended_in_id=agreement.first_seen_in_id,
            )
            save_if_changed(agreement, {"application_id": app.pk}, reason=self.reason)
            self.linked.add(app.pk)
            self.report.count("linked")
            return
        if self.newer is not None:
            self._create(row, agency, program, **self._ended_by_newer())
            return
        if any(p.status == Status.ACTIVE for p in group):
            row.notes.append("listed as pending while the agency holds an active agreement for this model")
        app = self._create(row, agency, program, status=Status.PENDING)
        self.added.append(self._label(app))

    def _notes(self) -> None:
        kind = "participating" if self.participating else "pending"
        previous = f"{self.previous.title}" if self.previous else "none imported"
        self.report.notes.append(f"{kind} sheet of {self.date.isoformat()}; previous sheet: {previous}")
        if self.newer is not None:
            self.report.notes.append(
                f"a newer sheet ({self.newer.title}) is already imported: nothing was ended or reopened"
            )
        self.report.notes.append(f"added vs previous sheet: {len(self.added)}; ended: {len(self.ended)}")
        self.report.notes.extend(f"added: {label}" for label in sorted(self.added))
        self.report.notes.extend(f"ended: {label}" for label in sorted(self.ended))
