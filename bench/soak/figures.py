"""Summarise the figures a hardening run wrote (JSON lines) and its mutation tally, as Markdown rows."""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from pathlib import Path


def main(figures: Path, tally: Path | None) -> None:
    """Print one line per figure, aggregated where a figure repeats."""
    grouped: dict[str, list[object]] = defaultdict(list)
    for line in figures.read_text().splitlines() if figures.exists() else []:
        item = json.loads(line)
        grouped[item["figure"]].append(item["value"])
    refusals = grouped.pop("refusal", [])
    if refusals:
        worst = {k: max(r[k] for r in refusals) for k in ("seconds", "peak_mib", "rss_growth_mib")}
        print(f"| hostile files refused | {len(refusals)} | worst: {worst['seconds']} s, "
              f"{worst['peak_mib']} MiB traced, {worst['rss_growth_mib']} MiB RSS growth |")
        for r in refusals:
            print(f"|   {r['test']} | {r['seconds']} s | {r['peak_mib']} MiB | {r['rss_growth_mib']} MiB |")
    recovery = grouped.pop("worker_kill_recovery_seconds", [])
    if recovery:
        print(f"| worker SIGKILL recovery | {len(recovery)} runs | max {max(recovery)} s, "
              f"median {sorted(recovery)[len(recovery) // 2]} s |")
    for name, values in sorted(grouped.items()):
        print(f"| {name} | {json.dumps(values if len(values) > 1 else values[0])} |")
    if tally and tally.exists():
        counts = Counter(tuple(line.split("\t")) for line in tally.read_text().splitlines())
        for (importer, outcome), n in sorted(counts.items()):
            print(f"| mutations {importer} | {outcome} {n} |")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) > 2 else None)
