"""FBI ORI codes for agencies, from the national agency list shipped in data/fbi-agencies/.

A match needs the same state, a compatible type and the same name once normalised (or, for a
county or city agency, the same distinct words: "Berrien County Sheriff's Department" is the
list's "Berrien County Sheriff's Office"). Anything less certain is kept as candidates for a person
to choose from in the admin, never taken silently.
"""

from __future__ import annotations

import csv
import difflib
import functools
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings

from tracker.places.choices import AgencyKind, OriMatch
from tracker.places.names import agency_distinct_part, agency_name_key, agency_name_similarity

AGENCY_LIST = Path(settings.BASE_DIR) / "data" / "fbi-agencies" / "ucr_agencies_list.csv"
#: The list's agency types each of our kinds can have.
_TYPES: dict[str, set[str]] = {
    AgencyKind.SHERIFF: {"County", "Parish", "Borough", "Census Area", "Other"},
    AgencyKind.COUNTY_POLICE: {"County", "Parish", "Borough", "Census Area", "City", "Other"},
    AgencyKind.CORRECTIONS: {"County", "Parish", "Other", "Other State Agency"},
    AgencyKind.POLICE: {"City", "City and Borough", "Borough", "Other"},
    AgencyKind.STATE_POLICE: {"State Police", "Other State Agency"},
    AgencyKind.STATE_AGENCY: {"State Police", "Other State Agency", "Other"},
}
CLOSE = 0.8
MAX_CANDIDATES = 3


@dataclass(frozen=True)
class ListedAgency:
    """One row of the national list."""

    ori: str
    name: str
    type: str
    county: str
    key: str
    distinct: str

    def as_candidate(self, score: float) -> dict[str, Any]:
        """What the admin shows a reviewer."""
        return {"ori": self.ori, "name": self.name, "type": self.type, "county": self.county, "score": round(score, 3)}


@dataclass(frozen=True)
class OriResult:
    """The outcome for one agency: its ORI when matched, and the candidates otherwise."""

    match: str
    ori: str = ""
    candidates: list[dict[str, Any]] = field(default_factory=list)


class StateList:
    """The national list's agencies of one state, indexed for matching."""

    def __init__(self, agencies: list[ListedAgency]) -> None:
        self.by_key: dict[str, list[ListedAgency]] = defaultdict(list)
        self.by_distinct: dict[str, list[ListedAgency]] = defaultdict(list)
        self.by_initial: dict[str, list[ListedAgency]] = defaultdict(list)
        for agency in agencies:
            self.by_key[agency.key].append(agency)
            self.by_distinct[agency.distinct].append(agency)
            self.by_initial[agency.key[:1]].append(agency)


@functools.cache
def national_list(path: Path = AGENCY_LIST) -> dict[str, StateList]:
    """The national list by state code (read once per process)."""
    by_state: dict[str, list[ListedAgency]] = defaultdict(list)
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            name = (row.get("agency_name") or "").strip()
            if not name or not row.get("ori"):
                continue
            county = row.get("county_name") or ""
            by_state[(row.get("state_abbr") or "").upper()].append(
                ListedAgency(
                    ori=row["ori"].strip(),
                    name=name,
                    type=(row.get("agency_type_name") or "").strip(),
                    county="" if county == "NULL" else county.strip(),
                    key=agency_name_key(name),
                    distinct=agency_distinct_part(name),
                )
            )
    return {state: StateList(agencies) for state, agencies in by_state.items()}


def ori_for(*, state_code: str, name: str, kind: str) -> OriResult:
    """The ORI of an agency by state, name and kind, or the candidates a person must choose from."""
    types = _TYPES.get(kind)
    state = national_list().get(state_code.upper())
    if state is None:
        return OriResult(match=OriMatch.NONE)

    def fits(agencies: list[ListedAgency]) -> list[ListedAgency]:
        return [a for a in agencies if types is None or a.type in types]

    key, distinct = agency_name_key(name), agency_distinct_part(name)
    same = fits(state.by_key.get(key, []))
    if not same and distinct and kind in (AgencyKind.SHERIFF, AgencyKind.POLICE):
        same = [a for a in fits(state.by_distinct.get(distinct, [])) if _same_role(a.key, key)]
    if len(same) == 1:
        return OriResult(match=OriMatch.MATCHED, ori=same[0].ori)
    if same:
        return OriResult(match=OriMatch.DOUBTFUL, candidates=[a.as_candidate(1.0) for a in same[:MAX_CANDIDATES]])
    pool = fits(state.by_initial.get(key[:1], []))
    close = set(difflib.get_close_matches(key, [a.key for a in pool], n=MAX_CANDIDATES * 2, cutoff=CLOSE))
    scored = sorted(
        ((agency_name_similarity(a.name, name), a) for a in pool if a.key in close),
        key=lambda pair: (-pair[0], pair[1].ori),
    )
    candidates = [a.as_candidate(score) for score, a in scored if score >= CLOSE][:MAX_CANDIDATES]
    return OriResult(match=OriMatch.DOUBTFUL if candidates else OriMatch.NONE, candidates=candidates)


def _same_role(a: str, b: str) -> bool:
    """Both names are a sheriff's, or both a police department's."""
    return ("sheriff" in a) == ("sheriff" in b) and ("police" in a) == ("police" in b)
