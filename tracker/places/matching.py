"""Agency identity and the jurisdictions an agency polices, matched with confidence or sent to review.

An agency is identified by its state and normalised name, never by name alone. Where it
polices follows from what it is, as ICE's sheet (TYPE, COUNTY, the name) and the registry say:
a county agency its county (an independent city that ICE calls a county is the city), a
municipal agency its place, a state agency the whole state; a county's precinct constable its
county (a county officer); a township constable, a regional police department or jail
authority, an airport, port or campus the jurisdictions the sheet names, without a home. A
misspelt name is read only when one registry name is clearly closest; none or several leave
the agency for a reviewer, with a note saying why and the candidates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from tracker.places.choices import AgencyKind, Coverage, CoverageBasis, JurisdictionKind
from tracker.places.index import COUNTY_KINDS, PLACE_KINDS, Lookup, StateIndex
from tracker.places.models import Jurisdiction
from tracker.places.names import agency_name_key, place_phrase_key

__all__ = ["COUNTY_KINDS", "PLACE_KINDS", "CoverageMatch", "Covered", "StateIndex", "agency_coverage_match"]

#: What a municipal agency's name adds to its place's name.
_AGENCY_SUFFIXES = (
    "metropolitan police department",
    "police services department",
    "police department",
    "police departement",
    "police dept",
    "department of public safety",
    "public safety department",
    "public safety",
    "marshals office",
    "marshal office",
    "police",
)
_AGENCY_PREFIXES = ("city of ", "town of ", "village of ", "borough of ", "township of ")
_NOT_A_PLACE = re.compile(r"\b(county|parish|constables?|precinct|sheriffs?)\b")
_CONSTABLE = re.compile(r"\bconstables?\b|\bmarshals?( office)?$")
_PORT = re.compile(r"\bairport\b|\bport authority\b|^port of\b|\bseaport\b|\baviation authority\b")
_CAMPUS = re.compile(r"\buniversity\b|\bcollege\b")
_REGIONAL_JAIL = re.compile(
    r"\bregional jail\b|\bjail authority\b|\bdistrict jail\b|\bregional (detention|correctional)\b"
)
_REGIONAL_POLICE = re.compile(r"\bregional police\b|\bpolice cooperative\b")
_STATE_TYPES = ("state agency", "state")
#: Legal words a municipal agency's name may keep ("Robinson Township Police Department").
_LEGAL_WORDS = (" township", " town", " village", " borough", " city", " charter township")
#: Words of an authority's or campus's name that do not name a place.
_FACILITY_WORDS = re.compile(
    r"\b(international|regional|municipal|executive|airport|authority|port|police|department|university|college"
    r"|state|of|the)\b"
)


@dataclass(frozen=True)
class Covered:
    """One coverage row to record: where, how, and how it was derived."""

    jurisdiction: Jurisdiction
    coverage: str
    basis: str


@dataclass(frozen=True)
class CoverageMatch:
    """Where an agency polices: its home, the coverage rows to record, or why it could not be matched.

    `coverage` and `basis` describe the home's own row; `covers` lists rows beyond it (or instead
    of it, for an agency that belongs to no one jurisdiction). On a match, `note` says how a
    doubtful cell was read; without one, it is the reviewer's note, candidates included.
    """

    home: Jurisdiction | None = None
    coverage: str = ""
    basis: str = ""
    note: str = ""
    covers: tuple[Covered, ...] = ()

    @property
    def matched(self) -> bool:
        """True when a home or a coverage was found with confidence."""
        return self.home is not None or bool(self.covers)

    @property
    def rows(self) -> tuple[Covered, ...]:
        """Every coverage row to record: the home's first, then the others."""
        own = (Covered(self.home, self.coverage, self.basis),) if self.home is not None and self.coverage else ()
        return own + self.covers


def _review(note: str, lookup: Lookup | None = None) -> CoverageMatch:
    if lookup is not None and lookup.candidates:
        note = f"{note}; candidates: {'; '.join(lookup.candidates)}"
    return CoverageMatch(note=note)


def agency_kind_for(*, agency_type: str, name: str) -> str:
    """The AgencyKind implied by the name where it is specific, else by ICE's TYPE column."""
    kind_of = agency_type.strip().lower()
    key = agency_name_key(name)
    if _CONSTABLE.search(key) and "police" not in key and kind_of not in _STATE_TYPES:
        return AgencyKind.CONSTABLE
    if _PORT.search(key):
        return AgencyKind.PORT
    if _CAMPUS.search(key):
        return AgencyKind.CAMPUS
    if _REGIONAL_JAIL.search(key):
        return AgencyKind.CORRECTIONS
    if kind_of in _STATE_TYPES:
        if re.search(r"highway patrol|state police|state patrol|troopers", key):
            return AgencyKind.STATE_POLICE
        if re.search(r"\b(corrections?|correctional|prisons?|detention)\b", key):
            return AgencyKind.CORRECTIONS
        return AgencyKind.STATE_AGENCY
    if "sheriff" in key:
        return AgencyKind.SHERIFF
    if kind_of == "county" or re.search(r"\bcounty police\b", key):
        if "police" in key:
            return AgencyKind.COUNTY_POLICE
        if re.search(r"\b(jail|corrections?|detention)\b", key):
            return AgencyKind.CORRECTIONS
        return AgencyKind.OTHER
    if kind_of == "municipality":
        return AgencyKind.POLICE
    return AgencyKind.OTHER


def place_name_key_from_agency(name: str) -> str:
    """The normalised place name inside a municipal agency's name ("" when there is none).

    "Brentwood Police Department" gives "brentwood"; "City of Smiley Marshal's Office" gives
    "smiley"; "Mahoning TWP Police Department - Montour" gives "mahoning township"; a
    constable's precinct or a county office gives "".
    """
    key = agency_name_key(re.sub(r"\s+-\s+[^-]+$", "", name.strip()))
    for prefix in _AGENCY_PREFIXES:
        if key.startswith(prefix):
            key = key[len(prefix) :]
            break
    for suffix in _AGENCY_SUFFIXES:
        if key.endswith(" " + suffix):
            rest = key[: -len(suffix)].strip()
            return "" if not rest or _NOT_A_PLACE.search(rest) else place_phrase_key(rest)
    return ""


def _county_in_name(agency_name: str) -> str:
    match = re.search(r"^(.+? (county|parish))\b", agency_name.strip(), flags=re.IGNORECASE)
    return match.group(1) if match else ""


def county_lookup(index: StateIndex, *, cell: str, name: str = "") -> Lookup:
    """The one county that the COUNTY cell and the county in the agency's name point to.

    Exact names first (a real county before an independent city of the same name), then a
    fuzzy reading of each; two different exact answers go to review.
    """
    exact: dict[int, Jurisdiction] = {}
    notes = []
    for label, text in (("COUNTY cell", cell), ("agency's name", name)):
        if not text:
            continue
        found = index.county(text)
        if not found and (found := index.independent_city(text)):
            notes.append(f"{found[0].name} is an independent city, a county equivalent in the registry")
        if len(found) == 1:
            exact[found[0].pk] = found[0]
        elif not found and label == "COUNTY cell":
            notes.append(f"the {label} {text!r} names no county")
    if len(exact) == 1:
        return Lookup(found=list(exact.values()), note="; ".join(dict.fromkeys(notes)))
    if len(exact) > 1:
        names = "; ".join(f"{j.name} ({j.ocd_id})" for j in exact.values())
        return Lookup(note=f"the COUNTY cell and the agency's name give different counties: {names}")
    attempts = [index.county_fuzzy(text) for text in (cell, name) if text]
    for attempt in attempts:
        if attempt.found:
            return attempt
    what = cell or name
    if not what:
        return Lookup(note="no county given and none in the agency's name")
    return Lookup(note=f"no county named {what!r} in {index.state.name}", candidates=attempts[0].candidates)


def place_lookup(index: StateIndex, *, place_key: str, county_name: str, police: bool = False) -> Lookup:
    """The one place of this name; the COUNTY cell breaks a tie; a misspelling is read only when clear.

    For a police department (`police`) whose name gives no legal suffix, a tie between one
    incorporated place and townships of the same name goes to the place: a township's police
    names itself "X Township Police Department" on ICE's sheets.
    """
    county_found = county_lookup(index, cell=county_name).found if county_name else []
    county = county_found[0] if county_found else None
    found = index.place(place_key)
    if len(found) > 1 and county is not None:
        found = index.narrow_to_county(found, county) or found
    if len(found) > 1 and police and not place_key.endswith(_LEGAL_WORDS):
        incorporated = [j for j in found if j.kind == JurisdictionKind.PLACE and not j.name.endswith(" CDP")]
        townships = [j for j in found if j.kind == JurisdictionKind.COUNTY_SUBDIVISION]
        if len(incorporated) == 1 and len(incorporated) + len(townships) == len(found):
            set_aside = ", ".join(j.name for j in townships)
            note = f"{incorporated[0].name} rather than {set_aside}: the agency's name does not name a township or town"
            return Lookup(found=incorporated, note=note)
    if len(found) == 1:
        return Lookup(found=found)
    if len(found) > 1:
        names = ", ".join(sorted(j.ocd_id for j in found))
        return Lookup(note=f"{len(found)} places could be {place_key!r} in {index.state.name}: {names}")
    return index.place_fuzzy(place_key, county)


def county_agency_match(*, index: StateIndex, agency_name: str, county_name: str) -> CoverageMatch:
    """A county agency covers the one county named in the COUNTY cell and its own name."""
    lookup = county_lookup(index, cell=county_name, name=_county_in_name(agency_name))
    if len(lookup.found) != 1:
        return _review(lookup.note, lookup)
    return CoverageMatch(
        home=lookup.found[0], coverage=Coverage.CONCURRENT, basis=CoverageBasis.COUNTY_AGENCY, note=lookup.note
    )


def municipal_agency_match(*, index: StateIndex, agency_name: str, county_name: str) -> CoverageMatch:
    """A municipal agency covers the one place its name names; the COUNTY cell breaks a tie."""
    place_key = place_name_key_from_agency(agency_name)
    if not place_key:
        return CoverageMatch(note="the agency's name does not name a place")
    lookup = place_lookup(index, place_key=place_key, county_name=county_name, police=True)
    if len(lookup.found) != 1:
        return _review(lookup.note, lookup)
    return CoverageMatch(home=lookup.found[0], coverage=Coverage.PRIMARY, basis=CoverageBasis.HOME, note=lookup.note)


def _constable_place_key(agency_name: str, county_name: str) -> str:
    """The municipality a constable is elected in, from its name, without its ward, precinct or county."""
    key = place_phrase_key(agency_name.replace(",", " "))
    key = re.sub(r"\b(\w+ )?state constables?\b|\bconstables?\b|\bmarshals?\b|\boffice\b", " ", key)
    key = re.sub(r"\b(precinct|pct|district) ?\S*\d\S*|\b\w+ ward\b|\bward \d+\b", " ", key)
    key = " ".join(key.split())
    county = agency_name_key(county_name)
    base = re.sub(r" (county|parish)$", "", county)
    if base and base != key:
        key = re.sub(rf" {re.escape(base)}( county| city| parish)?$", "", key)
    return key


def constable_match(*, index: StateIndex, agency_name: str, county_name: str) -> CoverageMatch:
    """A county's constable (Texas, Tennessee) is a county officer of part of its county; a town's
    marshal is its police; a township's or borough's constable polices there without belonging to it."""
    officer = re.match(r"^(.+? (county|parish)) constables?\b", agency_name_key(agency_name))
    if officer:
        lookup = county_lookup(index, cell=county_name, name=officer.group(1))
        if len(lookup.found) != 1:
            return _review(f"a county constable: {lookup.note}", lookup)
        return CoverageMatch(
            home=lookup.found[0], coverage=Coverage.PART, basis=CoverageBasis.CONSTABLE, note=lookup.note
        )
    key = agency_name_key(agency_name)
    if "marshal" in key and "ward" not in key:
        return municipal_agency_match(index=index, agency_name=agency_name, county_name=county_name)
    place_key = _constable_place_key(agency_name, county_name)
    if place_key and not index.county(place_key):
        lookup = place_lookup(index, place_key=place_key, county_name=county_name)
        if len(lookup.found) != 1:
            return _review(f"a constable: {lookup.note}", lookup)
        row = Covered(lookup.found[0], Coverage.PART, CoverageBasis.CONSTABLE)
        return CoverageMatch(covers=(row,), note=lookup.note)
    return _in_cell_county(index=index, agency_name=agency_name, county_name=county_name, coverage=Coverage.PART)


def _in_cell_county(*, index: StateIndex, agency_name: str, county_name: str, coverage: str) -> CoverageMatch:
    """An agency of part of a county, placed in the county of the COUNTY cell (or of its name)."""
    lookup = county_lookup(index, cell=county_name, name=_county_in_name(agency_name))
    if len(lookup.found) != 1:
        return _review(f"its area is not in the sheet and {lookup.note}", lookup)
    basis = (
        CoverageBasis.CONSTABLE
        if coverage == Coverage.PART and _CONSTABLE.search(agency_name_key(agency_name))
        else CoverageBasis.REGIONAL
    )
    return CoverageMatch(covers=(Covered(lookup.found[0], coverage, basis),), note=lookup.note)


def regional_jail_match(*, index: StateIndex, agency_name: str, county_name: str) -> CoverageMatch:
    """A regional jail authority serves the counties its name lists, or the COUNTY cell's; never its whole state."""
    head = re.split(r"(?i)\bregional\b|\bjail\b|\bdistrict\b", agency_name)[0]
    parts = [p.strip() for p in re.split(r",|&|\band\b", head) if p.strip()]
    found = [index.county(part) or index.independent_city(part) for part in parts]
    if len(parts) > 1 and all(len(f) == 1 for f in found):
        rows = tuple(Covered(f[0], Coverage.JAIL_ONLY, CoverageBasis.REGIONAL) for f in found)
        return CoverageMatch(covers=rows)
    if not county_name and not _county_in_name(agency_name):
        return CoverageMatch(note="a regional jail authority: the jurisdictions it serves are not in the sheet")
    return _in_cell_county(index=index, agency_name=agency_name, county_name=county_name, coverage=Coverage.JAIL_ONLY)


def facility_match(*, index: StateIndex, agency_name: str, county_name: str) -> CoverageMatch:
    """An airport, port or campus police covers where its facility lies: the COUNTY cell, else the place
    or counties its name gives ("Sanford Airport", "Sarasota Manatee Airport Authority"); it has no home."""
    if county_name:
        lookup = county_lookup(index, cell=county_name)
        if len(lookup.found) == 1:
            row = Covered(lookup.found[0], Coverage.FACILITY, CoverageBasis.FACILITY)
            return CoverageMatch(covers=(row,), note=lookup.note)
    key = agency_name_key(agency_name)
    at = re.search(r" at (.+?)( police.*)?$", key)
    phrase = at.group(1) if at else " ".join(_FACILITY_WORDS.sub(" ", _CAMPUS.split(key)[0]).split())
    found = _facility_places(index, phrase)
    if found:
        return CoverageMatch(covers=tuple(Covered(j, Coverage.FACILITY, CoverageBasis.FACILITY) for j in found))
    return CoverageMatch(
        note=f"an airport, port or campus: no place or county named {phrase!r} in the sheet or its name"
    )


def _facility_places(index: StateIndex, phrase: str) -> list[Jurisdiction]:
    """The one place or county the phrase names, or the counties its words name one by one (or nothing)."""
    if not phrase:
        return []
    for found in (index.place(phrase), index.county(phrase)):
        if len(found) == 1:
            return found
    words = phrase.split()
    counties = [index.county(word) for word in words]
    if len(words) > 1 and all(len(c) == 1 for c in counties):
        return [c[0] for c in counties]
    return []


def agency_coverage_match(*, index: StateIndex, agency_type: str, agency_name: str, county_name: str) -> CoverageMatch:
    """Where an agency of ICE's TYPE polices, or a note saying why that is not certain."""
    kind_of = agency_type.strip().lower()
    kind = agency_kind_for(agency_type=agency_type, name=agency_name)
    key = agency_name_key(agency_name)
    args: dict[str, Any] = {"index": index, "agency_name": agency_name, "county_name": county_name.strip()}
    if kind == AgencyKind.CONSTABLE:
        return constable_match(**args)
    if kind == AgencyKind.CORRECTIONS and _REGIONAL_JAIL.search(key):
        return regional_jail_match(**args)
    if kind_of in _STATE_TYPES:
        # A state's prisons serve the whole state but police no street in it: jail-only, never statewide policing.
        coverage = Coverage.JAIL_ONLY if kind == AgencyKind.CORRECTIONS else Coverage.STATEWIDE
        return CoverageMatch(home=index.state, coverage=coverage, basis=CoverageBasis.STATE_AGENCY)
    if kind in (AgencyKind.PORT, AgencyKind.CAMPUS):
        return facility_match(**args)
    if _REGIONAL_POLICE.search(key):
        return _in_cell_county(**args, coverage=Coverage.PART)
    if kind_of == "county" or kind in (AgencyKind.SHERIFF, AgencyKind.COUNTY_POLICE):
        return county_agency_match(**args)
    if kind_of == "municipality":
        return municipal_agency_match(**args)
    return CoverageMatch(note=f"unknown agency type {agency_type!r}")


def home_coverage_match(*, kind: str, home: Jurisdiction) -> CoverageMatch:
    """Where an agency polices when a source names its home: the same derivations as above, from the home.

    A municipal police polices its place; a sheriff or county police its county, countywide; a state
    agency its state (a state corrections department serves it, jail only); a local jail its home, jail
    only; a port or campus police its facility's jurisdiction. Any other kind, or a home of the wrong
    level, is left for a reviewer with a note.
    """
    if kind in (AgencyKind.STATE_POLICE, AgencyKind.STATE_AGENCY) or (
        kind == AgencyKind.CORRECTIONS and home.is_state_level
    ):
        if not home.is_state_level:
            return CoverageMatch(note=f"a state agency's home is its state, not {home.name}")
        coverage: str = Coverage.JAIL_ONLY if kind == AgencyKind.CORRECTIONS else Coverage.STATEWIDE
        return CoverageMatch(home=home, coverage=coverage, basis=CoverageBasis.STATE_AGENCY)
    levels: dict[str, tuple[tuple[str, ...], str, str]] = {
        AgencyKind.SHERIFF: (COUNTY_KINDS, Coverage.CONCURRENT, CoverageBasis.COUNTY_AGENCY),
        AgencyKind.COUNTY_POLICE: (COUNTY_KINDS, Coverage.CONCURRENT, CoverageBasis.COUNTY_AGENCY),
        AgencyKind.POLICE: (PLACE_KINDS, Coverage.PRIMARY, CoverageBasis.HOME),
        AgencyKind.CORRECTIONS: ((*COUNTY_KINDS, *PLACE_KINDS), Coverage.JAIL_ONLY, CoverageBasis.HOME),
    }
    if kind in levels:
        kinds, coverage, basis = levels[kind]
        if home.kind not in kinds:
            return CoverageMatch(note=f"a {AgencyKind(kind).label.lower()} at home in {home.name} ({home.kind})")
        return CoverageMatch(home=home, coverage=coverage, basis=basis)
    if kind in (AgencyKind.PORT, AgencyKind.CAMPUS) and not home.is_state_level:
        return CoverageMatch(home=home, covers=(Covered(home, Coverage.FACILITY, CoverageBasis.FACILITY),))
    return CoverageMatch(note=f"where a {AgencyKind(kind).label.lower()} agency polices is not derived: place it by hand")
