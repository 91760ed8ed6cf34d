"""Write one parsed ICE 287(g) sheet: the Source, the agencies, the agreements and their history.

Set-based: everything the sheet may touch is read up front, each row is decided in memory, and the
changes are written in bulk (`tracker.importers.bulk`) with one history row per changed fact and a
change reason naming the file, so the same sheet twice leaves no trace the second time. Dates:
`first_seen` only moves back, `last_seen` only forward, and only the newest sheet ends or reopens an
agreement. Agreements and applications are told apart by `kind`, never by the sheet that first
listed them.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.text import slugify

from tracker.importers.base import ImporterError, ImportReport
from tracker.importers.bulk import FactBatch
from tracker.importers.ice_287g_agencies import AgencyResolver
from tracker.importers.ice_287g_sheet import PARTICIPATING, PENDING, REVIEW_PREFIX, ParsedSheet, SheetRow
from tracker.partnerships.choices import PartnershipKind as Kind
from tracker.partnerships.choices import PartnershipStatus as Status
from tracker.partnerships.choices import Program287g
from tracker.partnerships.models import FederalProgram, Partnership
from tracker.partnerships.sheet_changes import PARTICIPATING_PREFIX, PENDING_PREFIX
from tracker.places.models import Agency, Jurisdiction
from tracker.places.names import agency_name_key
from tracker.sources.choices import SourceKind
from tracker.sources.models import Source

ICE = "U.S. Immigration and Customs Enforcement"
#: The page that links ICE's sheets; the download paths have moved too often to cite (data-sources §1.1).
ICE_287G_PAGE = "https://www.ice.gov/identify-and-arrest/287g"
SOURCE_PREFIX = {PARTICIPATING: PARTICIPATING_PREFIX, PENDING: PENDING_PREFIX}


def _save_source(source: Source, values: dict[str, Any], *, reason: str) -> None:
    """Set the values that differ on the sheet's Source and save it (one row, through the model)."""
    changed = [name for name, value in values.items() if getattr(source, name) != value]
    for name in changed:
        setattr(source, name, values[name])
    if changed or source.pk is None:
        source.full_clean(validate_unique=False, validate_constraints=False)
        source._change_reason = reason
        source.save()


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
        for skipped in self.parsed.skipped:
            self.report.skip(skipped.pop("reason"), **skipped)
        rows = self._distinct_rows()
        agencies = AgencyResolver(
            rows=rows,
            states=self.states,
            source=self.source,
            sheet_on=self.date,
            batch=self._batch(Agency),
            report=self.report,
            newest=self.newer is None,
        ).resolve()
        self._load_partnerships({a.pk for a in agencies.values()})
        self.batch = self._batch(Partnership)
        for number, row in enumerate(rows, start=1):
            agency = agencies[(row.state_code, agency_name_key(row.agency))]
            program = self.programs[row.program_code]
            if self.participating:
                self._agreement(row, agency, program)
            else:
                self._application(row, agency, program)
            if self.progress and (number % 100 == 0 or number == len(rows)):
                self.progress(number, len(rows))
        if self.newer is None:
            self._end_missing()
        self.batch.flush()
        self._notes()

    def _batch(self, model: type[Agency | Partnership]) -> FactBatch:
        def invalid(exc: ValidationError, row: int | None) -> ImporterError:
            return ImporterError(
                f"invalid value: {exc.messages}", file=self.parsed.path, sheet=self.parsed.sheet, row=row
            )

        return FactBatch(model, reason=self.reason, source=self.source, on_invalid=invalid)

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
        _save_source(source, values, reason=self.reason)
        return source

    def _programs(self) -> dict[str, FederalProgram]:
        programs = {p.code: p for p in FederalProgram.objects.filter(code__in=Program287g.values)}
        missing = sorted(set(Program287g.values) - set(programs))
        if missing:
            raise ImporterError(
                f"federal program(s) {', '.join(missing)} are not loaded; run `manage.py seed` first",
                file=self.parsed.path,
            )
        return programs

    def _load_partnerships(self, agency_ids: set[int]) -> None:
        """Every agreement and application of the sheet's programs, grouped by agency and program."""
        self.groups: dict[tuple[int, int], list[Partnership]] = defaultdict(list)
        self.labels: dict[int, str] = {}
        rows = Partnership.objects.filter(program__in=self.programs.values()).select_related(
            "agency__state", "ended_in"
        )
        if self.newer is not None:
            rows = rows.filter(agency_id__in=agency_ids)  # an older sheet ends nothing: only its own agencies matter
        for p in rows:
            self.groups[(p.agency_id, p.program_id)].append(p)
        self.linked = set(Partnership.objects.exclude(application=None).values_list("application_id", flat=True))
        self.codes = {p.pk: p.code for p in self.programs.values()}

    # -- rows ------------------------------------------------------------------------------------

    def _distinct_rows(self) -> list[SheetRow]:
        """The rows to write: one per agency and model, the others skipped (and flagged if they differ)."""
        first_row: dict[tuple[str, str, str], SheetRow] = {}
        for row in self.parsed.rows:
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
        return list(first_row.values())

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

    @staticmethod
    def _is_app(p: Partnership) -> bool:
        return p.kind == Kind.APPLICATION

    def _label(self, p: Partnership) -> str:
        return f"{p.agency.state.postal_code} {p.agency.name} ({self.codes[p.program_id]})"

    def _touch(self, p: Partnership) -> None:
        """The agreement changed: its agency's anchors are re-evaluated (`tracker.conflicts.scope`)."""
        self.report.touched.agencies.add(p.agency_id)

    def _update(self, p: Partnership, values: dict[str, Any], row: SheetRow) -> None:
        self.seen.add(p.pk)
        if self.batch.set(p, values, row=row.row):
            self.report.count("updated")
            self._touch(p)
        else:
            self.report.count("unchanged")
        self.batch.cite(p)

    def _create(self, row: SheetRow, agency: Agency, program: FederalProgram, kind: str, **values: Any) -> Partnership:
        p = Partnership(
            agency=agency,
            kind=kind,
            program=program,
            first_seen_on=self.date,
            first_seen_in=self.source,
            last_seen_on=self.date,
            last_seen_in=self.source,
            **values,
        )
        for name, value in self._row_values(row, None).items():
            setattr(p, name, value)
        self.batch.create(p, row=row.row)
        self.groups[(agency.pk, program.pk)].append(p)
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
        elif target.status == Status.ENDED and self.newer is None and target.ended_on and target.ended_on <= self.date:
            if row.signed_on and target.signed_on and row.signed_on > target.signed_on:
                self._new_agreement(row, agency, program, group)
            else:
                self._reopen(target, row)
        else:
            values = self._seen_values(target)
            if "last_seen_on" in values:
                values.update(self._row_values(row, target))
            self._update(target, values, row)

    def _new_agreement(self, row: SheetRow, agency: Agency, program: FederalProgram, group: list[Partnership]) -> None:
        status: dict[str, Any] = self._ended_by_newer() if self.newer else {"status": Status.ACTIVE}
        if status.get("ended_on") and row.signed_on and row.signed_on > status["ended_on"]:
            row.notes.append(f"signed {row.signed_on} but missing from the newer sheet of {status['ended_on']}")
            row.signed_on = None
        p = self._create(row, agency, program, Kind.AGREEMENT, **status)
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
            p.application = app
            self.linked.add(app.pk)
            if app.status == Status.PENDING and p.status == Status.ACTIVE:
                self.batch.set(app, {"status": Status.ENDED, "ended_on": self.date, "ended_in_id": self.source.pk})
                self._touch(app)
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
        self.batch.set(p, values, row=row.row)
        self.batch.cite(p)
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
                self.batch.set(p, {"status": Status.ENDED, "ended_on": self.date, "ended_in_id": self.source.pk})
                self.report.count("ended")
                self.ended.append(self._label(p))
                self._touch(p)

    # -- applications (pending sheets) -----------------------------------------------------------

    def _application(self, row: SheetRow, agency: Agency, program: FederalProgram) -> None:
        group = self.groups[(agency.pk, program.pk)]
        apps = [p for p in group if self._is_app(p)]
        current = (
            next((a for a in apps if a.status == Status.PENDING), None)
            or next((a for a in apps if a.ended_on and a.first_seen_on and self.date < a.ended_on), None)
            or next(
                (
                    a
                    for a in apps
                    if a.first_seen_on and a.first_seen_on <= self.date <= (a.last_seen_on or a.first_seen_on)
                ),
                None,
            )
        )
        if current is not None:
            values = self._seen_values(current)
            if "last_seen_on" in values:
                values.update(self._row_values(row, current))
            self._update(current, values, row)
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
                Kind.APPLICATION,
                status=Status.ENDED,
                ended_on=agreement.first_seen_on,
                ended_in_id=agreement.first_seen_in_id,
            )
            self.batch.link_later(agreement, "application_id", app)
            self.report.count("linked")
            return
        if self.newer is not None:
            self._create(row, agency, program, Kind.APPLICATION, **self._ended_by_newer())
            return
        if any(p.status == Status.ACTIVE for p in group):
            row.notes.append("listed as pending while the agency holds an active agreement for this model")
        app = self._create(row, agency, program, Kind.APPLICATION, status=Status.PENDING)
        self.added.append(self._label(app))

    def _notes(self) -> None:
        kind = PARTICIPATING if self.participating else PENDING
        previous = f"{self.previous.title}" if self.previous else "none imported"
        self.report.notes.append(f"{kind} sheet of {self.date.isoformat()}; previous sheet: {previous}")
        if self.newer is not None:
            self.report.notes.append(
                f"a newer sheet ({self.newer.title}) is already imported: nothing was ended or reopened"
            )
        self.report.notes.append(f"added vs previous sheet: {len(self.added)}; ended: {len(self.ended)}")
        self.report.notes.extend(f"added: {label}" for label in sorted(self.added))
        self.report.notes.extend(f"ended: {label}" for label in sorted(self.ended))
