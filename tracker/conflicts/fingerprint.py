"""Stable keys for flags: the rule and the facts (fingerprint), and what they say (evidence hash)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any


def fingerprint(rule_id: str, fact_refs: Iterable[str]) -> str:
    """sha256 of the rule id and the sorted fact references: the same facts always give the same flag."""
    payload = "|".join([rule_id, *sorted(fact_refs)])
    return hashlib.sha256(payload.encode()).hexdigest()


def evidence_hash(evidence: dict[str, Any]) -> str:
    """sha256 of the evidence in canonical JSON."""
    return hashlib.sha256(json.dumps(evidence, sort_keys=True, default=str).encode()).hexdigest()


def evidence_diff(old: dict[str, Any], new: dict[str, Any], prefix: str = "") -> list[str]:
    """Dotted paths whose values differ between two evidence documents."""
    changed: list[str] = []
    for key in sorted(set(old) | set(new)):
        a, b = old.get(key), new.get(key)
        path = f"{prefix}{key}"
        if isinstance(a, dict) and isinstance(b, dict):
            changed.extend(evidence_diff(a, b, f"{path}."))
        elif a != b:
            changed.append(path)
    return changed
