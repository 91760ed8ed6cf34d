"""Measured figures: written to HARDENING_FIGURES (JSON lines) when bench/soak asks, never asserted on time."""

from __future__ import annotations

import json
import os
from pathlib import Path


def record(name: str, value: object) -> None:
    """Append one figure when the soak run collects them."""
    target = os.environ.get("HARDENING_FIGURES")
    if target:
        with Path(target).open("a") as handle:
            handle.write(json.dumps({"figure": name, "value": value}) + "\n")
