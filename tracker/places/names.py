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
