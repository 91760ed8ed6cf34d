"""Agency identity and the jurisdictions an agency polices, matched with confidence or sent to review.

An agency is identified by its state and normalised name, never by name alone. Where it
polices follows from what it is: a county agency its county, a municipal agency its place,
a state agency the whole state. A match is made only when exactly one jurisdiction fits;
none or several leave the agency for a reviewer, with a note saying why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tracker.places.choices import AgencyKind, Coverage, CoverageBasis, JurisdictionKind
from tracker.places.models import CountyMember, Jurisdiction
from tracker.places.names import agency_name_key

COUNTY_KINDS = (JurisdictionKind.COUNTY, JurisdictionKind.CONSOLIDATED)
PLACE_KINDS = (JurisdictionKind.PLACE, JurisdictionKind.CONSOLIDATED, JurisdictionKind.COUNTY_SUBDIVISION)

#: Census legal suffixes that end a place's registry name ("Brentwood town", "St. Louis city").
_PLACE_SUFFIXES = (
    "city and borough",
    "unified government",
    "metropolitan government",
    "consolidated government",
    "urban county",
    "municipality",
    "plantation",
    "township",
    "borough",
    "village",
    "city",
    "town",
    "cdp",
)
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
    "police",
)
_AGENCY_PREFIXES = ("city of ", "town of ", "village of ", "borough of ", "township of ")
_NOT_A_PLACE = re.compile(r"\b(county|parish|constables?|precinct|sheriffs?)\b")
_COUNTY_WORDS = (" county", " parish", " borough", " census area", " municipio")


@dataclass(frozen=True)
class CoverageMatch:
    """Where an agency polices: its home, the coverage row to record, or why it could not be matched."""

    home: Jurisdiction | None = None
    coverage: str = ""
    basis: str = ""
    note: str = ""

    @property
    def matched(self) -> bool:
        """True when a jurisdiction was found with confidence."""
        return self.home is not None


def agency_kind_for(*, agency_type: str, name: str) -> str:
    """The AgencyKind implied by ICE's TYPE column and, where TYPE is broad, by the name."""
    kind_of = agency_type.strip().lower()
    key = agency_name_key(name)
    if re.search(r"\bconstables?\b|\bmarshals? office\b", key) and "police" not in key:
        return AgencyKind.CONSTABLE
    if kind_of == "county":
        if "sheriff" in key:
            return AgencyKind.SHERIFF
        if "police" in key:
            return AgencyKind.COUNTY_POLICE
        if re.search(r"\b(jail|corrections?|detention)\b", key):
            return AgencyKind.CORRECTIONS
        return AgencyKind.OTHER
    if kind_of == "municipality":
        return AgencyKind.POLICE
    if kind_of in ("state agency", "state"):
        if re.search(r"highway patrol|state police|state patrol|troopers", key):
            return AgencyKind.STATE_POLICE
        return AgencyKind.STATE_AGENCY
    return AgencyKind.OTHER


def place_name_key_from_agency(name: str) -> str:
    """The normalised place name inside a municipal agency's name ("" when there is none).

    "Brentwood Police Department" gives "brentwood"; "City of Smiley Marshal's Office" gives
    "smiley"; a constable's precinct or a county office gives "".
    """
    key = agency_name_key(name)
    for prefix in _AGENCY_PREFIXES:
        if key.startswith(prefix):
            key = key[len(prefix) :]
            break
    for suffix in _AGENCY_SUFFIXES:
        if key.endswith(" " + suffix):
            rest = key[: -len(suffix)].strip()
            return "" if not rest or _NOT_A_PLACE.search(rest) else rest
    return ""


def _base_key(name: str) -> str:
    """A registry name's key without its legal suffix ("brentwood town" → "brentwood")."""
    key = agency_name_key(name)
    for suffix in _PLACE_SUFFIXES:
        if key.endswith(" " + suffix):
            return key[: -len(suffix)].strip()
    return key


class StateIndex:
    """The counties and places of one state, indexed by normalised name (built once per state)."""

    def __init__(self, state: Jurisdiction) -> None:
        self.state = state
        self.counties: dict[str, list[Jurisdiction]] = {}
        self.places: dict[str, list[Jurisdiction]] = {}
        rows = Jurisdiction.objects.filter(state=state, kind__in={*COUNTY_KINDS, *PLACE_KINDS})
        for jurisdiction in rows:
            key = agency_name_key(jurisdiction.name)
            if jurisdiction.kind in COUNTY_KINDS:
                self.counties.setdefault(key, []).append(jurisdiction)
            if jurisdiction.kind in PLACE_KINDS:
                for place_key in {key, _base_key(jurisdiction.name)}:
                    self.places.setdefault(place_key, []).append(jurisdiction)

    def county(self, county_name: str) -> list[Jurisdiction]:
        """Counties whose name is the cell's, with or without "County" (never an independent city)."""
        key = agency_name_key(county_name)
        found = self.counties.get(key, [])
        if not found and not key.endswith(_COUNTY_WORDS):
            found = [j for word in _COUNTY_WORDS for j in self.counties.get(key + word, [])]
        return _distinct(found)

    def place(self, place_key: str) -> list[Jurisdiction]:
        """Places (or towns, townships, consolidated governments) with this normalised name."""
        return _distinct(self.places.get(place_key, []))


def _distinct(found: list[Jurisdiction]) -> list[Jurisdiction]:
    return list({j.pk: j for j in found}.values())


def _in_county(candidates: list[Jurisdiction], county: Jurisdiction) -> list[Jurisdiction]:
    """The candidates known to lie in the county: by a membership row or a nested OCD id."""
    linked = set(CountyMember.objects.filter(member__in=candidates, county=county).values_list("member_id", flat=True))
    return [j for j in candidates if j.pk in linked or j.ocd_id.startswith(county.ocd_id + "/")]


def county_agency_match(*, index: StateIndex, agency_name: str, county_name: str) -> CoverageMatch:
    """A county agency covers the one county named in the COUNTY cell (or, if empty, in its name)."""
    name = county_name or _county_in_name(agency_name)
    if not name:
        return CoverageMatch(note="no county given and none in the agency's name")
    found = index.county(name)
    if len(found) == 1:
        return CoverageMatch(home=found[0], coverage=Coverage.CONCURRENT, basis=CoverageBasis.COUNTY_AGENCY)
    if not found:
        return CoverageMatch(note=f"no county named {name!r} in {index.state.name}")
    return CoverageMatch(note=f"{len(found)} counties named {name!r} in {index.state.name}")


def _county_in_name(agency_name: str) -> str:
    match = re.search(r"^(.+? (county|parish))\b", agency_name.strip(), flags=re.IGNORECASE)
    return match.group(1) if match else ""


def municipal_agency_match(*, index: StateIndex, agency_name: str, county_name: str) -> CoverageMatch:
    """A municipal agency covers the one place its name names; the COUNTY cell breaks a tie."""
    place_key = place_name_key_from_agency(agency_name)
    if not place_key:
        return CoverageMatch(note="the agency's name does not name a place")
    found = index.place(place_key)
    if len(found) > 1 and county_name:
        counties = index.county(county_name)
        if len(counties) == 1:
            found = _in_county(found, counties[0]) or found
    if len(found) == 1:
        return CoverageMatch(home=found[0], coverage=Coverage.PRIMARY, basis=CoverageBasis.HOME)
    if not found:
        return CoverageMatch(note=f"no place named {place_key!r} in {index.state.name}")
    names = ", ".join(sorted(j.ocd_id for j in found))
    return CoverageMatch(note=f"{len(found)} places could be {place_key!r} in {index.state.name}: {names}")


def agency_coverage_match(*, index: StateIndex, agency_type: str, agency_name: str, county_name: str) -> CoverageMatch:
    """Where an agency of ICE's TYPE polices, or a note saying why that is not certain."""
    kind_of = agency_type.strip().lower()
    kind = agency_kind_for(agency_type=agency_type, name=agency_name)
    if kind_of in ("state agency", "state"):
        return CoverageMatch(home=index.state, coverage=Coverage.STATEWIDE, basis=CoverageBasis.STATE_AGENCY)
    if kind == AgencyKind.CONSTABLE:
        return CoverageMatch(note="a constable's or marshal's office: its area is not in the sheet")
    if kind_of == "county":
        return county_agency_match(index=index, agency_name=agency_name, county_name=county_name)
    if kind_of == "municipality":
        return municipal_agency_match(index=index, agency_name=agency_name, county_name=county_name)
    return CoverageMatch(note=f"unknown agency type {agency_type!r}")
