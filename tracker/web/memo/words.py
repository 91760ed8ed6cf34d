"""Stored codes in the words a reader understands: no `fr_ban`, `operates_within` or 30 in a memo."""

from __future__ import annotations

from django.db import models

from tracker.conflicts.choices import FlagStatus, Relation, Severity
from tracker.laws.choices import (
    Binds,
    Condition,
    ExceptionKind,
    FederalReach,
    InstrumentStatus,
    ProvisionType,
    Technology,
)
from tracker.partnerships.choices import CapabilityKind, PartnershipStatus, Purpose, Recipient, SharingKind
from tracker.places.choices import JAIL_SERVICE, AgencyKind, Coverage

VOCABULARIES: dict[str, type[models.Choices]] = {
    "severity": Severity,
    "flag_status": FlagStatus,
    "relation": Relation,
    "provision_type": ProvisionType,
    "federal_reach": FederalReach,
    "binds": Binds,
    "condition": Condition,
    "exception": ExceptionKind,
    "instrument_status": InstrumentStatus,
    "technology": Technology,
    "capability": CapabilityKind,
    "partnership_status": PartnershipStatus,
    "sharing_kind": SharingKind,
    "recipient": Recipient,
    "purpose": Purpose,
    "agency_kind": AgencyKind,
    "coverage": Coverage,
}
_LABELS = {name: {str(value): str(label) for value, label in vocab.choices} for name, vocab in VOCABULARIES.items()}

#: Why an agency is present in a place, in words (codes of `tracker.places.querysets.Presence`).
BASIS_WORDS = {"home": "its own government", "statewide": "statewide"}
#: Where the coverage row of a code lies, in words.
BASIS_WHERE = {"covers": "it", "county": "the county", "state": "the state"}


def words(vocabulary: str, code: object) -> str:
    """The label of a stored code; an unknown code is shown with its underscores turned to spaces."""
    text = "" if code is None else str(code)
    return _LABELS[vocabulary].get(text) or text.replace("_", " ")


def basis_words(codes: list[str]) -> list[str]:
    """The dossier's basis codes as words ("covers:primary" → "covers it (primary)", "county:jail_only" → "the
    county's jail serves it")."""
    out = []
    for code in codes:
        head, _, coverage = code.partition(":")
        if code in BASIS_WORDS:
            out.append(BASIS_WORDS[code])
        elif head in ("county", "state") and coverage in JAIL_SERVICE:
            out.append(f"{BASIS_WHERE[head]}'s jail serves it")
        elif head in BASIS_WHERE:
            out.append(f"covers {BASIS_WHERE[head]} ({words('coverage', coverage).lower()})")
        else:
            out.append(code.replace("_", " "))
    return out
