"""Agencies a fixture names (e.g. a data-sharing file's agencies that are on no ICE sheet): created or
corrected by state and name like any seeded fact, then placed where they are not placed yet.

A fixture gives the agency's kind, home and, when found, its FBI ORI code. Where it polices is derived
from its kind and home (`tracker.places.matching.home_coverage_match`), as the ICE import derives it from
its sheet; an ORI the fixture does not give is looked up in the national list as the ICE import does. A
home the fixtures do not hold is written from the OCD registry first. An agency record without sources
cites the sources of the file's arrangements that name it: no source, no fact. A person's locked field
is never overwritten; the fixture's value is reported instead.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from tracker.common.seeding import SeedError
from tracker.importers.base import UnresolvedReferenceError
from tracker.importers.ice_287g_agencies import MATCH_PREFIX, with_note
from tracker.importers.ocd_divisions_subset import divisions_ensure
from tracker.places.choices import CoverageBasis, OriMatch
from tracker.places.matching import CoverageMatch, home_coverage_match
from tracker.places.models import Agency, AgencyCoverage
from tracker.places.names import agency_name_key
from tracker.places.ori import ori_for
from tracker.sources.models import Source

AGENCY = "places.agency"
#: Coverage rows derived from an agency's kind and home; rows stated by a source or a person are kept.
DERIVED = (CoverageBasis.HOME, CoverageBasis.COUNTY_AGENCY, CoverageBasis.STATE_AGENCY, CoverageBasis.FACILITY)
#: Fields a fixture may set on an agency that already exists (its name is its identity, never changed here).
CORRECTABLE = ("kind", "home_id", "ori")


def _one_key(value: Any) -> str | None:
    """The single string of a one-part natural key (["ocd-division/…"]), or None for anything else."""
    if isinstance(value, list) and len(value) == 1 and isinstance(value[0], str):
        return value[0]
    return None


class AgencySeeder:
    """The agency records of one fixture file: homes made ready before any is read, then each seeded."""

    def __init__(self, *, records: list[dict[str, Any]], file: str, reason: str) -> None:
        self.file, self.reason = file, reason
        self.cited: dict[tuple[str, str], list[str]] = {}
        agencies = [(n, r) for n, r in enumerate(records, 1) if r.get("model") == AGENCY]
        if not agencies:
            return
        for record in records:
            fields: dict[str, Any] = record["fields"] if isinstance(record.get("fields"), dict) else {}
            agency = fields.get("agency") if str(record.get("model", "")).startswith("partnerships.") else None
            if isinstance(agency, list) and len(agency) == 2 and all(isinstance(v, str) for v in agency):
                keys = [_one_key(s) for s in fields.get("sources") or []]
                self.cited.setdefault((agency[0], agency_name_key(agency[1])), []).extend(k for k in keys if k)
        self._homes_ready(records, agencies)

    def _homes_ready(self, records: list[dict[str, Any]], agencies: list[tuple[int, dict[str, Any]]]) -> None:
        """Write homes the database lacks from the registry; a home named by an alias id is read as its canonical id."""
        in_file = {
            r["fields"].get("ocd_id")
            for r in records
            if r.get("model") == "places.jurisdiction" and isinstance(r.get("fields"), dict)
        }
        homes = {n: _one_key(r.get("fields", {}).get("home")) for n, r in agencies if isinstance(r.get("fields"), dict)}
        wanted = {h for h in homes.values() if h and h not in in_file}
        try:
            canonical = divisions_ensure(ocd_ids=wanted, reason=self.reason)
        except UnresolvedReferenceError as error:
            number = next((n for n, h in homes.items() if h and h in error.message), None)
            raise SeedError(error.message, file=self.file, record=number, model=AGENCY, field="home") from error
        for number, home in homes.items():
            if home in canonical:
                records[number - 1]["fields"]["home"] = [canonical[home]]

    def seed(self, item: Any, *, number: int, counts: Counter[str], held: list[str]) -> bool:
        """Seed the item if it is an agency (and say so); anything else is left to the caller."""
        obj = item.object
        if not isinstance(obj, Agency):
            return False
        obj.name_key = agency_name_key(obj.name)
        obj.full_clean(validate_unique=False, validate_constraints=False)  # before anything reads its kind
        sources = self._sources(obj, item.m2m_data or {}, number)
        stored = Agency.objects.filter(pk=obj.pk).select_related("home").first() if obj.pk else None
        if stored is None:
            self._create(obj, sources)
            counts["created"] += 1
            return True
        changed, kept = self._correct(stored, obj, sources)
        counts["held"] += len(kept)
        held.extend(kept)
        counts["updated" if changed else "unchanged"] += 1
        return True

    def _sources(self, obj: Agency, m2m: dict[str, Any], number: int) -> list[int]:
        if m2m.get("sources"):
            return [int(pk) for pk in m2m["sources"]]
        keys = self.cited.get((obj.state.ocd_id, agency_name_key(obj.name)), [])
        pks = list(Source.objects.filter(key__in=keys).order_by("key").values_list("pk", flat=True))
        if not pks:
            raise SeedError(
                "an agency needs sources, or an arrangement in the same file that names it and cites them",
                file=self.file,
                record=number,
                model=AGENCY,
                field="sources",
            )
        return pks

    def _save(self, agency: Agency) -> None:
        agency._change_reason = self.reason
        agency.full_clean(validate_unique=False, validate_constraints=False)
        agency.save()

    def _create(self, agency: Agency, sources: list[int]) -> None:
        if agency.ori:
            agency.ori_match = OriMatch.PERSON
        else:
            found = ori_for(state_code=agency.state.postal_code, name=agency.name, kind=agency.kind)
            agency.ori, agency.ori_match, agency.ori_candidates = found.ori, found.match, found.candidates
        match = self._match(agency)
        self._note(agency, match)
        self._save(agency)
        agency.sources.set(sources)
        self._write_coverage(agency, match, sources, replace=False)

    def _correct(self, stored: Agency, obj: Agency, sources: list[int]) -> tuple[bool, list[str]]:
        """Apply the fixture's kind, home and ORI where they differ and are not locked; add its sources; place."""
        where = f"places.agency {stored.state.ocd_id} / {stored.name}"
        wanted = {attname: getattr(obj, attname) for attname in CORRECTABLE if attname != "ori" or obj.ori}
        before = {attname: getattr(stored, attname) for attname in wanted}
        changed, held = stored.set_unlocked(wanted)
        kept = [f"{where}: {Agency._meta.get_field(a).name} is locked at {before[a]!r}; fixture says {wanted[a]!r}"
                for a in held]
        changed = [Agency._meta.get_field(a).name for a in changed]
        if "ori" in changed:
            stored.ori_match, stored.ori_candidates = OriMatch.PERSON, []
        replace = bool({"kind", "home"} & set(changed))
        match = None
        if replace or not AgencyCoverage.objects.filter(agency=stored).exists():
            match = self._match(stored)
        noted = match is not None and self._note(stored, match)
        if changed or noted:
            self._save(stored)
        added = sorted(set(sources) - set(stored.sources.values_list("pk", flat=True)))
        if added and "sources" in (stored.locked_fields or []):
            kept.append(f"{where}: sources are locked; the fixture's sources were not added")
            added = []
        if added:
            stored._change_reason = self.reason
            stored.sources.add(*added)
        wrote = match is not None and self._write_coverage(stored, match, sources, replace=replace)
        return bool(changed or noted or added or wrote), kept

    def _match(self, agency: Agency) -> CoverageMatch:
        if agency.home is None:
            return CoverageMatch(note="no home given")
        return home_coverage_match(kind=agency.kind, home=agency.home)

    @staticmethod
    def _note(agency: Agency, match: CoverageMatch) -> bool:
        """Set (or clear) the placement line of the review note; True if the note changed."""
        note = with_note(agency.review_note, MATCH_PREFIX, "" if match.matched else match.note)
        if note == agency.review_note:
            return False
        agency.review_note, agency.needs_review = note, bool(note)
        return True

    @staticmethod
    def _write_coverage(agency: Agency, match: CoverageMatch, sources: list[int], *, replace: bool) -> bool:
        """The coverage rows the match gives (replacing derived rows when the kind or home changed)."""
        rows = AgencyCoverage.objects.filter(agency=agency)
        if replace:
            rows.filter(basis__in=DERIVED).delete()
        present = set(rows.values_list("jurisdiction_id", flat=True))
        new = [
            AgencyCoverage(
                agency=agency,
                jurisdiction=row.jurisdiction,
                coverage=row.coverage,
                basis=row.basis,
                source_id=sources[0] if sources else None,
            )
            for row in match.rows
            if row.jurisdiction.pk not in present
        ]
        AgencyCoverage.objects.bulk_create(new)
        return bool(new)
