"""The counties and places of one state, looked up by name: exactly, then by a scored fuzzy reading.

Built once per state from the registry (the OCD divisions and their aliases). A fuzzy reading is
accepted only above a similarity threshold and well clear of the next candidate; below it the
candidates are returned for a reviewer, never chosen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher, get_close_matches

from tracker.places.choices import JurisdictionKind
from tracker.places.models import CountyMember, Jurisdiction, JurisdictionAlias
from tracker.places.names import agency_name_key

COUNTY_KINDS = (JurisdictionKind.COUNTY, JurisdictionKind.CONSOLIDATED)
PLACE_KINDS = (JurisdictionKind.PLACE, JurisdictionKind.CONSOLIDATED, JurisdictionKind.COUNTY_SUBDIVISION)
#: OCD id types of county equivalents (an alias of one of these types on a place is an independent city).
COUNTY_ID_TYPES = ("county", "parish", "borough", "census_area", "municipio")
COUNTY_WORDS = (" county", " parish", " borough", " census area", " municipio")
#: Census legal suffixes that end a place's registry name ("Brentwood town", "St. Louis city").
PLACE_SUFFIXES = (
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
#: A fuzzy reading is accepted at or above this similarity (difflib ratio, 0–1), with the same first
#: letter (misspellings on ICE's sheets keep it: "Berrian", "Neuces", "Middlesboro") …
ACCEPT = {"county": 0.8, "place": 0.85}
#: … and only when the next candidate scores at least this much lower.
MARGIN = 0.08
#: Candidates at or above this similarity are listed for a reviewer.
SHOW = 0.7


@dataclass(frozen=True)
class Lookup:
    """What a name lookup found: the jurisdictions, how sure it is, and what a reviewer should read."""

    found: list[Jurisdiction] = field(default_factory=list)
    note: str = ""
    candidates: list[str] = field(default_factory=list)


def base_key(name: str) -> str:
    """A registry name's key without its legal suffix ("brentwood town" → "brentwood")."""
    key = agency_name_key(name)
    for suffix in PLACE_SUFFIXES:
        if key.endswith(" " + suffix):
            return key[: -len(suffix)].strip()
    return key


def county_base(key: str) -> str:
    """A county key without its county word ("pope county" → "pope")."""
    for word in COUNTY_WORDS:
        if key.endswith(word):
            return key[: -len(word)].strip()
    return key


def distinct(found: list[Jurisdiction]) -> list[Jurisdiction]:
    """The jurisdictions once each, in order."""
    return list({j.pk: j for j in found}.values())


def similarity(a: str, b: str) -> float:
    """How alike two normalised names are (difflib ratio, 0–1)."""
    return SequenceMatcher(None, a, b).ratio()


class StateIndex:
    """The counties and places of one state, indexed by normalised name (built once per state)."""

    def __init__(self, state: Jurisdiction) -> None:
        self.state = state
        self.counties: dict[str, list[Jurisdiction]] = {}
        self.county_bases: dict[str, list[Jurisdiction]] = {}
        self.places: dict[str, list[Jurisdiction]] = {}
        #: Independent cities under their county-equivalent name ("hopewell", "fairfax city").
        self.city_counties: dict[str, list[Jurisdiction]] = {}
        rows = Jurisdiction.objects.filter(state=state, kind__in={*COUNTY_KINDS, *PLACE_KINDS})
        for jurisdiction in rows:
            key = agency_name_key(jurisdiction.name)
            if jurisdiction.kind in COUNTY_KINDS:
                self.counties.setdefault(key, []).append(jurisdiction)
                self.county_bases.setdefault(county_base(key), []).append(jurisdiction)
            if jurisdiction.kind in PLACE_KINDS:
                for place_key in {key, base_key(jurisdiction.name)}:
                    self.places.setdefault(place_key, []).append(jurisdiction)
        aliases = JurisdictionAlias.objects.filter(jurisdiction__state=state, jurisdiction__kind=JurisdictionKind.PLACE)
        for alias in aliases.select_related("jurisdiction"):
            kind, _, slug = alias.ocd_id.rsplit("/", 1)[-1].partition(":")
            if kind in COUNTY_ID_TYPES:
                for key in {agency_name_key(slug.replace("_", " ").replace("~", "")), base_key(slug.replace("_", " "))}:
                    self.city_counties.setdefault(key, []).append(alias.jurisdiction)

    def county(self, county_name: str) -> list[Jurisdiction]:
        """Counties whose name is the cell's, with or without "County" (never an independent city)."""
        key = agency_name_key(county_name)
        found = self.counties.get(key, [])
        if not found and not key.endswith(COUNTY_WORDS):
            found = [j for word in COUNTY_WORDS for j in self.counties.get(key + word, [])]
        return distinct(found)

    def independent_city(self, county_name: str) -> list[Jurisdiction]:
        """The independent city that the registry lists as a county equivalent under this name ("Hopewell County")."""
        key = county_base(agency_name_key(county_name))
        return distinct(self.city_counties.get(key, []))

    def county_fuzzy(self, county_name: str) -> Lookup:
        """A misspelt county ("Berrian County"): the one close county, or the candidates for a reviewer."""
        key = county_base(agency_name_key(county_name))
        return self._fuzzy(key, self.county_bases, ACCEPT["county"], what=f"county {county_name!r}")

    def place(self, place_key: str) -> list[Jurisdiction]:
        """Places (or towns, townships, consolidated governments) with this normalised name."""
        return distinct(self.places.get(place_key, []))

    def place_fuzzy(self, place_key: str, county: Jurisdiction | None = None) -> Lookup:
        """A misspelt place ("Middlesboro"): the one close place (in the county when given), or the candidates."""
        return self._fuzzy(place_key, self.places, ACCEPT["place"], what=f"place {place_key!r}", county=county)

    def _fuzzy(
        self,
        key: str,
        table: dict[str, list[Jurisdiction]],
        accept: float,
        *,
        what: str,
        county: Jurisdiction | None = None,
    ) -> Lookup:
        best: dict[int, tuple[float, Jurisdiction]] = {}
        for name in get_close_matches(key, table, n=8, cutoff=SHOW):
            score = similarity(key, name)
            for j in table[name]:
                if j.pk not in best or score > best[j.pk][0]:
                    best[j.pk] = (score, j)
        if county is not None:
            kept = {j.pk for j in self.narrow_to_county([j for _, j in best.values()], county)}
            best = {pk: pair for pk, pair in best.items() if pk in kept}
        ranked = sorted(best.values(), key=lambda pair: (-pair[0], pair[1].ocd_id))
        candidates = [f"{j.name} ({j.ocd_id}, {score:.2f})" for score, j in ranked[:4]]
        clear = len(ranked) == 1 or (ranked and ranked[0][0] - ranked[1][0] >= MARGIN)
        if ranked and ranked[0][0] >= accept and clear and agency_name_key(ranked[0][1].name)[:1] == key[:1]:
            score, j = ranked[0]
            return Lookup(found=[j], note=f"{what} read as {j.name} (similarity {score:.2f})", candidates=candidates)
        return Lookup(note=f"no {what} in {self.state.name}", candidates=candidates)

    def narrow_to_county(self, candidates: list[Jurisdiction], county: Jurisdiction) -> list[Jurisdiction]:
        """The candidates not known to lie in another county.

        A county subdivision's id nests in its county; an incorporated place's membership is usually
        unknown, and unknown is read neither as "elsewhere" nor as "here".
        """
        if not candidates:
            return []
        links: dict[int, set[int]] = {}
        for member_id, county_id in CountyMember.objects.filter(member__in=candidates).values_list(
            "member_id", "county_id"
        ):
            links.setdefault(member_id, set()).add(county_id)
        inside, unknown = [], []
        for j in candidates:
            nested = "/county:" in j.ocd_id or "/parish:" in j.ocd_id
            if county.pk in links.get(j.pk, ()) or j.ocd_id.startswith(county.ocd_id + "/"):
                inside.append(j)
            elif not nested and j.pk not in links:
                unknown.append(j)
        return inside + unknown
