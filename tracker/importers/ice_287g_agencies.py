"""The agency behind each spelling on an ICE sheet: the same agency whatever the sheet calls it.

A spelling is looked up, in its state, among every name the agency has had (its aliases). An unknown
spelling is tied to an existing agency only when it is a close spelling of that agency's name, of the
same kind, the agency is not on this sheet under its old name, and nothing places the two apart; it
is then kept as an alias and reported. A spelling that is only somewhat close makes a new agency
marked for review with the candidates. Where an agency polices is matched in
`tracker.places.matching`; its FBI ORI code in `tracker.places.ori`.
"""

from __future__ import annotations

import datetime
import difflib
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from tracker.importers.base import ImportReport
from tracker.importers.bulk import FactBatch, update_rows
from tracker.importers.ice_287g_sheet import SheetRow
from tracker.places.choices import AliasMatch, OriMatch
from tracker.places.matching import CoverageMatch, StateIndex, agency_coverage_match, agency_kind_for
from tracker.places.models import Agency, AgencyAlias, AgencyCoverage, Jurisdiction
from tracker.places.names import agency_distinct_part, agency_name_edits, agency_name_key, agency_name_similarity
from tracker.places.ori import ori_for
from tracker.sources.models import Source

MATCH_PREFIX = "Coverage: "
IDENTITY_PREFIX = "Identity: "
#: A close spelling at or above this similarity is the same agency; between DOUBTFUL and this, a reviewer decides.
CONFIDENT, DOUBTFUL = 0.88, 0.8


def with_note(current: str, prefix: str, text: str) -> str:
    """The review note with its `prefix` line replaced by `text` (or removed when `text` is empty)."""
    lines = [line for line in current.splitlines() if line and not line.startswith(prefix)]
    return "\n".join([*lines, prefix + text] if text else lines)


@dataclass
class Listed:
    """One agency as this sheet names it (its first row), and what it was tied to."""

    row: SheetRow
    key: str
    agency: Agency | None = None
    how: str = AliasMatch.SAME_KEY
    score: float | None = None
    match: CoverageMatch | None = None


class AgencyResolver:
    """Finds, creates and updates the agencies of one sheet, set-based, inside the import's transaction."""

    def __init__(
        self,
        *,
        rows: list[SheetRow],
        states: dict[str, Jurisdiction],
        source: Source,
        sheet_on: datetime.date,
        batch: FactBatch,
        report: ImportReport,
        newest: bool,
    ) -> None:
        self.rows, self.states, self.source, self.batch, self.report = rows, states, source, batch, report
        self.newest = newest
        self.date = sheet_on
        self.indexes: dict[int, StateIndex] = {}
        self.coverages: list[AgencyCoverage] = []
        self.renamed: list[tuple[Agency, str, str]] = []

    def resolve(self) -> dict[tuple[str, str], Agency]:
        """(state code, name key) → agency for every agency on the sheet; new ones are written."""
        listed: dict[tuple[str, str], Listed] = {}
        for row in self.rows:
            listed.setdefault((row.state_code, agency_name_key(row.agency)), Listed(row, agency_name_key(row.agency)))
        state_ids = {self.states[code].pk for code, _ in listed}
        self._load(state_ids)
        for (code, key), item in listed.items():
            item.agency = self.by_key.get((self.states[code].pk, key))
        on_sheet = {item.agency.pk for item in listed.values() if item.agency}
        for item in listed.values():
            if item.agency is None:
                self._tie_or_create(item, on_sheet)
        for item in listed.values():
            self._update(item)
        self.batch.flush()
        self._write_aliases(listed.values())
        AgencyCoverage.objects.bulk_create(self.coverages, batch_size=500)
        # Agencies whose own row or coverage changed; an agreement's change touches its agency in the writer.
        self.report.touched.agencies.update({*self.batch.changed, *(c.agency_id for c in self.coverages)})
        return {k: item.agency for k, item in listed.items() if item.agency is not None}

    def _load(self, state_ids: set[int]) -> None:
        self.agencies = {a.pk: a for a in Agency.objects.filter(state_id__in=state_ids)}
        self.by_key: dict[tuple[int, str], Agency] = {(a.state_id, a.name_key): a for a in self.agencies.values()}
        self.aliases = {(a.state_id, a.name): a for a in AgencyAlias.objects.filter(state_id__in=state_ids)}
        self.names: dict[int, set[str]] = defaultdict(set)
        for alias in self.aliases.values():
            self.by_key.setdefault((alias.state_id, alias.name_key), self.agencies[alias.agency_id])
            self.names[alias.agency_id].add(alias.name)
        for agency in self.agencies.values():
            self.names[agency.pk].add(agency.name)
        self.covered: dict[int, set[int]] = defaultdict(set)
        for agency_id, jurisdiction_id in AgencyCoverage.objects.filter(agency__state_id__in=state_ids).values_list(
            "agency_id", "jurisdiction_id"
        ):
            self.covered[agency_id].add(jurisdiction_id)

    # -- identity ----------------------------------------------------------------------------

    def _tie_or_create(self, item: Listed, on_sheet: set[int]) -> None:
        row, state = item.row, self.states[item.row.state_code]
        kind = agency_kind_for(agency_type=row.agency_type, name=row.agency)
        item.match = self._coverage_match(state, row)
        candidates = self._close(state, kind, row.agency, item.match, on_sheet)
        sure = [(agency, score) for agency, score, confident in candidates if confident]
        if len(sure) == 1 and len([c for c in candidates if c[1] >= CONFIDENT]) <= 1:
            item.agency, item.score = sure[0]
            item.how = AliasMatch.CLOSE
            on_sheet.add(item.agency.pk)
            self.report.count("agencies_renamed")
            self.report.flag(
                f"spelled {row.agency!r}; kept as the same agency as {item.agency.name!r} (similarity {item.score:.2f})",
                row=row.row,
                agency=row.agency,
                state=row.state_code,
            )
            return
        agency = Agency(state=state, name=row.agency, name_key=item.key, kind=kind)
        if candidates:
            names = "; ".join(f"{a.name} (#{a.pk}, similarity {s:.2f})" for a, s, _ in candidates)
            agency.needs_review = True
            agency.review_note = with_note("", IDENTITY_PREFIX, f"may be the same agency as {names}")
            self.report.flag(f"new agency, or a new spelling of {names}?", row=row.row, agency=row.agency)
        item.agency = self.batch.create(agency, row=row.row)
        self.report.count("agencies_created")

    def _close(
        self, state: Jurisdiction, kind: str, name: str, match: CoverageMatch, on_sheet: set[int]
    ) -> list[tuple[Agency, float, bool]]:
        """Agencies of the state and kind, off this sheet, with a close name: (agency, score, confident)."""
        pool = [a for a in self.agencies.values() if a.state_id == state.pk and a.kind == kind and a.pk not in on_sheet]
        if match.home is not None:
            pool = [a for a in pool if a.home_id in (None, match.home.pk)]
        by_part: dict[str, list[Agency]] = defaultdict(list)
        for agency in pool:
            for known in self.names[agency.pk]:
                by_part[agency_distinct_part(known)].append(agency)
        found: dict[int, tuple[Agency, float, bool]] = {}
        for part in difflib.get_close_matches(agency_distinct_part(name), list(by_part), n=5, cutoff=DOUBTFUL):
            for agency in by_part[part]:
                best = max(self.names[agency.pk], key=lambda n: agency_name_similarity(n, name))
                score = agency_name_similarity(best, name)
                edits = agency_name_edits(best, name)
                confident = score >= CONFIDENT or (edits <= 1 and min(len(part), len(agency_distinct_part(name))) >= 6)
                if score >= DOUBTFUL and (agency.pk not in found or found[agency.pk][1] < score):
                    found[agency.pk] = (agency, score, confident)
        return sorted(found.values(), key=lambda c: -c[1])

    # -- what the sheet says about the agency -------------------------------------------------

    def _update(self, item: Listed) -> None:
        agency, row = item.agency, item.row
        assert agency is not None  # noqa: S101
        values: dict[str, Any] = {}
        if agency.pk is not None and self.newest:
            values["kind"] = agency_kind_for(agency_type=row.agency_type, name=row.agency)
            if item.key != agency.name_key and "name" not in (agency.locked_fields or []):
                self.renamed.append((agency, agency.name, agency.name_key))
                values.update(name=row.agency, name_key=item.key)
        self._coverage(agency, item, values)
        if agency.ori_match == OriMatch.UNCHECKED and "ori" not in (agency.locked_fields or []):
            result = ori_for(state_code=row.state_code, name=row.agency, kind=values.get("kind", agency.kind))
            values.update(ori=result.ori, ori_match=result.match, ori_candidates=result.candidates)
            self.report.count(f"ori_{result.match}")
        if self.batch.set(agency, values, row=row.row) and agency.pk is not None:
            self.report.count("agencies_updated")
        self.batch.cite(agency)

    def _coverage_match(self, state: Jurisdiction, row: SheetRow) -> CoverageMatch:
        index = self.indexes.get(state.pk) or self.indexes.setdefault(state.pk, StateIndex(state))
        return agency_coverage_match(
            index=index, agency_type=row.agency_type, agency_name=row.agency, county_name=row.county
        )

    def _coverage(self, agency: Agency, item: Listed, values: dict[str, Any]) -> None:
        """Place an agency not placed yet: its home and every coverage row the match gives (an airport, a
        regional jail or a constable may have coverage rows and no home)."""
        row, state = item.row, self.states[item.row.state_code]
        covered = self.covered[agency.pk] if agency.pk else set()
        if covered:
            return
        match = item.match or self._coverage_match(state, row)
        if not match.matched:
            values.update(needs_review=True, review_note=with_note(agency.review_note, MATCH_PREFIX, match.note))
            self.report.flag(
                f"agency not matched to a jurisdiction: {match.note}",
                agency=row.agency,
                state=row.state_code,
                row=row.row,
            )
            return
        note = with_note(agency.review_note, MATCH_PREFIX, "")
        values.update(home_id=agency.home_id or (match.home.pk if match.home else None), review_note=note)
        if note != agency.review_note:
            values["needs_review"] = bool(note)
        if match.note:
            self.report.notes.append(f"placed: {row.state_code} {row.agency}: {match.note}")
        for placed in match.rows:
            if placed.jurisdiction.pk not in covered:
                covered.add(placed.jurisdiction.pk)
                self.coverages.append(
                    AgencyCoverage(
                        agency=agency,
                        jurisdiction=placed.jurisdiction,
                        coverage=placed.coverage,
                        basis=placed.basis,
                        source=self.source,
                    )
                )

    def _write_aliases(self, listed: Any) -> None:
        """Every spelling on the sheet, with the first and latest sheets that print it."""
        new, changed = [], []
        for item in listed:
            name, state = item.row.agency, self.states[item.row.state_code]
            alias = self.aliases.get((state.pk, name))
            if alias is None:
                alias = AgencyAlias(
                    agency=item.agency, state=state, name=name, name_key=item.key, match=item.how, score=item.score
                )
                new.append(alias)
            seen: dict[str, Any] = {}
            if alias.first_seen_on is None or self.date < alias.first_seen_on:
                seen.update(first_seen_on=self.date, first_seen_in=self.source)
            if alias.last_seen_on is None or self.date > alias.last_seen_on:
                seen.update(last_seen_on=self.date, last_seen_in=self.source)
            for field, value in seen.items():
                setattr(alias, field, value)
            if seen and alias.pk is not None:
                changed.append(alias)
        for agency, name, key in self.renamed:  # a name given before aliases were kept
            if (agency.state_id, name) not in self.aliases | {(a.state_id, a.name): a for a in new}:
                new.append(
                    AgencyAlias(
                        agency=agency, state_id=agency.state_id, name=name, name_key=key, match=AliasMatch.SAME_KEY
                    )
                )
        AgencyAlias.objects.bulk_create(new, batch_size=500)
        fields = ["first_seen_on", "first_seen_in", "last_seen_on", "last_seen_in"]
        update_rows(AgencyAlias, changed, fields)
