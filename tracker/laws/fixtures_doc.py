"""The instrument table of docs/fixtures.md, generated from the fixture files (a test keeps them equal).

Run `manage.py laws_report --fixtures-table` to print it after changing `fixtures/laws/`.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from tracker.common.seeding import FIXTURES_DIR, fixture_paths
from tracker.sources.choices import OFFICIAL_KINDS

BEGIN, END = "<!-- instruments:begin -->", "<!-- instruments:end -->"
HEADER = (
    "| key | where | citation | status (dates) | mark | provision types | official sources | other sources |\n"
    "|---|---|---|---|---|---|---|---|"
)


def _records(fixtures_dir: Path) -> list[dict[str, Any]]:
    return [r for path in fixture_paths(fixtures_dir) for r in json.loads(path.read_text())]


def _dates(f: dict[str, Any]) -> str:
    parts = [f"{name} {f[field]}" for name, field in (("enacted", "enacted_on"), ("effective", "effective_on"),
             ("sunset", "sunset_on"), ("repealed", "repealed_on")) if f.get(field)]
    return f"{f['status']} ({', '.join(parts)})" if parts else f["status"]


def instrument_table(fixtures_dir: Path = FIXTURES_DIR) -> str:
    """One markdown row per instrument: its mark (and unverified provisions), types, official and other sources."""
    records = _records(fixtures_dir)
    kinds = {r["fields"]["key"]: r["fields"]["kind"] for r in records if r["model"] == "sources.source"}
    provisions: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in records:
        if r["model"] == "laws.provision":
            provisions[r["fields"]["instrument"][0]].append(r["fields"])
    rows = [HEADER]
    for r in records:
        if r["model"] != "laws.instrument":
            continue
        f = r["fields"]
        own = provisions[f["key"]]
        cited = [s[0] for s in f["sources"]] + [s[0] for p in own for s in p["sources"]]
        cited = list(dict.fromkeys(cited))
        official = [k for k in cited if kinds.get(k) in OFFICIAL_KINDS]
        other = [k for k in cited if k not in official]
        mark = "✅" if f["verified"] else "◐"
        unverified = [p["key"] for p in own if not p["verified"]]
        if unverified:
            mark += " (◐ provisions: " + ", ".join(unverified) + ")"
        where = f["jurisdiction"][0].removeprefix("ocd-division/country:us/") or "United States"
        if where == "ocd-division/country:us":
            where = "United States"
        types = ", ".join(sorted({p["type"] for p in own}))
        rows.append(f"| `{f['key']}` | {where} | {f['citation']} | {_dates(f)} | {mark} | {types} | "
                    f"{', '.join(official) or '—'} | {', '.join(other) or '—'} |")
    return "\n".join(rows)


def with_table(doc: str, table: str) -> str:
    """The document with the text between its markers replaced by the table."""
    head, rest = doc.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{BEGIN}\n{table}\n{END}{tail}"
