"""Name normalisation for matching agencies and places across sources."""

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


def agency_name_key(name: str) -> str:
    """Fold case, accents, apostrophes, punctuation and common abbreviations.

    "Sheriff's Office", "Sheriffs Office" and "SHERIFF'S OFFICE " give the same key.
    """
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
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
