"""Name normalisation for matching agencies and places across sources."""

import difflib
import functools
import re
import unicodedata

_ABBREVIATIONS = {
    "dept": "department",
    "dept.": "department",
    "co": "county",
    "co.": "county",
    "ofc": "office",
    "so": "sheriffs office",
    "pd": "police department",
    "st": "saint",
    "st.": "saint",
    "ste": "sainte",
}


@functools.lru_cache(maxsize=1 << 16)
def agency_name_key(name: str) -> str:
    """Fold case, accents, apostrophes, punctuation and common abbreviations.

    "Sheriff's Office", "Sheriffs Office" and "SHERIFF'S OFFICE " give the same key.
    """
    text = name if name.isascii() else unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    text = text.lower()
    text = text.replace("'", "").replace("\u2019", "")
    words = re.sub(r"[^a-z0-9.]+", " ", text).split()
    return " ".join(_ABBREVIATIONS.get(word, word.rstrip(".")) for word in words)


#: Abbreviations that only ever shorten a place name's words, expanded before `agency_name_key`
#: (which reads a lone "So" as "Sheriff's Office").
_PLACE_WORDS = (
    (re.compile(r"\btwp\b\.?", re.IGNORECASE), "Township"),
    (re.compile(r"\bso\.? (?=[a-z])", re.IGNORECASE), "South "),
)


def place_phrase_key(text: str) -> str:
    """The key of a place name as an agency's name spells it ("So Middleton Twp" → "south middleton township").

    Also reads ICE's "Cut "N" Shoot" as the registry's "Cut and Shoot".
    """
    for pattern, word in _PLACE_WORDS:
        text = pattern.sub(word, text.strip())
    return " ".join("and" if word == "n" else word for word in agency_name_key(text).split())


#: Words that say what an agency is rather than which one it is.
_GENERIC_WORDS = frozenset(
    [
        "county",
        "parish",
        "city",
        "town",
        "village",
        "borough",
        "township",
        "of",
        "the",
        "sheriffs",
        "sheriff",
        "office",
        "department",
        "police",
        "public",
        "safety",
        "marshals",
        "marshal",
        "constables",
        "constable",
        "precinct",
        "corrections",
        "correctional",
        "jail",
        "detention",
        "services",
        "service",
        "division",
    ]
)

#: Words that tell neighbouring places apart: two names that differ in them are two agencies.
_BEARINGS = frozenset(
    [
        "north",
        "south",
        "east",
        "west",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "upper",
        "lower",
        "new",
        "old",
    ]
)
#: Generic words cut short (from four letters), as ICE's cells sometimes are: "offic", "depart".
_GENERIC_PREFIXES = frozenset(w[:n] for w in _GENERIC_WORDS for n in range(4, len(w)))


@functools.lru_cache(maxsize=1 << 16)
def agency_distinct_part(name: str) -> str:
    """The words of a name that tell one agency from another of its kind, run together.

    "Berrian County Sheriff's Offic" and "Berrian County Sheriffs Office" both give "berrian": a word
    cut short of a generic word (ICE's cells truncate) counts as that word.
    """
    kept = [w for w in agency_name_key(name).split() if w not in _GENERIC_WORDS and w not in _GENERIC_PREFIXES]
    return "".join(kept)


def agency_name_similarity(a: str, b: str) -> float:
    """0 to 1: how close two agency names are once what they have in common by kind is set aside.

    Names whose numbers or bearings differ ("Constable District 2" and "District 4", "East Ridge" and
    "West Ridge", "North Palm Beach" and "Palm Beach") are never close.
    """
    if _markers(a) != _markers(b):
        return 0.0
    left, right = agency_distinct_part(a), agency_distinct_part(b)
    if not left or not right:
        return 1.0 if agency_name_key(a) == agency_name_key(b) else 0.0
    return difflib.SequenceMatcher(None, left, right, autojunk=False).ratio()


def _markers(name: str) -> list[str]:
    """The numbers and bearing words of a name, in order."""
    return [w for w in agency_name_key(name).split() if w.isdigit() or w in _BEARINGS]


def agency_name_edits(a: str, b: str) -> int:
    """How many letters differ between the distinct parts of two names (insertions, deletions, swaps)."""
    left, right = agency_distinct_part(a), agency_distinct_part(b)
    opcodes = difflib.SequenceMatcher(None, left, right, autojunk=False).get_opcodes()
    return sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in opcodes if tag != "equal")
