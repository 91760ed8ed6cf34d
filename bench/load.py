"""Load benchmark (not a test): the production server on PostgreSQL under 20 concurrent clients.

Builds the synthetic national data set of bench/national.py in a throwaway PostgreSQL database,
sweeps it, serves it with Gunicorn (DEBUG=0, production settings) on 127.0.0.1, and drives it from
this process with 20 keep-alive clients for 60 s (and at most 200,000 requests) over the dossier
(API and page), the flag list, search (API and page) and the CSV export. The clients are anonymous,
so answers are shared through the Redis cache as in production (tracker.common.public_cache), in
Redis database 15, emptied first; `--no-cache` computes every answer. Prints requests/s,
p50/p95/p99, errors and cache hits per endpoint, writes them under "## Load" in bench/README.md
(with `--no-cache`, under "### Every answer computed"), then stops the server and drops the database.

    .venv/bin/python bench/load.py                 # needs PostgreSQL on 127.0.0.1:5432, Redis on :6379
    .venv/bin/python bench/load.py --clients 20 --seconds 60 --workers 4 --no-cache
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import secrets
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PG = os.environ.get("LOAD_PG", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("LOAD_REDIS", "redis://127.0.0.1:6379/15")
NAME = "lookout_load"
MAX_REQUESTS = 200_000


def _python(code: str, env: dict[str, str]) -> str:
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True,  # noqa: S603
                          capture_output=True, text=True).stdout


GENERATE = """
import random, sys
sys.path.insert(0, 'bench')
import national
from django.db import connection
name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
counts = national.generate(random.Random(7))
national.sweep(as_of=national.AS_OF)
national.analyze()
from tracker.conflicts.models import Flag
from tracker.places.models import Jurisdiction
print(name)
print(Flag.objects.count())
flagged = list(Flag.objects.order_by('jurisdiction__ocd_id').values_list('jurisdiction__ocd_id', flat=True)
               .distinct()[:200])
print(' '.join(flagged))
"""


def build(env: dict[str, str]) -> tuple[str, int, list[str]]:
    """Create and fill the throwaway database; return its name, the flag count and flagged places."""
    lines = _python(GENERATE, {**env, "DATABASE_URL": f"{PG}/{NAME}"}).strip().splitlines()
    return lines[-3], int(lines[-2]), lines[-1].split()


def drop(database: str, env: dict[str, str]) -> None:
    """Drop the throwaway database."""
    subprocess.run(["dropdb", "--if-exists", "-h", "127.0.0.1", "-U", "postgres", database],  # noqa: S603, S607
                   env=env, check=False)


def targets(places: list[str], rng: random.Random) -> list[tuple[str, str]]:
    """The request mix: (endpoint label, path)."""
    place = rng.choice(places)
    state = place.split("/")[2].split(":")[1]
    county = f"ocd-division/country:us/state:{state}/county:c{rng.randrange(64)}"
    word = rng.choice(["Synthetic City 1", "Police 12", "Sheriff", "County 3-1"])
    return [
        ("dossier (API)", f"/api/jurisdictions/{place}/dossier/"),
        ("dossier (page)", f"/j/{place}/"),
        ("flag list (API)", f"/api/flags/?jurisdiction={place.split('/place')[0]}&page_size=50"),
        ("search (API)", f"/api/jurisdictions/?q={word.replace(' ', '+')}"),
        ("search (page)", f"/search/?q={word.replace(' ', '+')}"),
        ("export CSV", f"/api/flags/?format=csv&jurisdiction={county}"),
    ]


def drive(port: int, places: list[str], clients: int, seconds: float) -> dict[str, list[float]]:
    """Run the clients; return latencies (s) per endpoint, errors under 'errors:<endpoint>', hits under 'hits:'."""
    results: dict[str, list[float]] = defaultdict(list)
    lock = threading.Lock()
    deadline = time.monotonic() + seconds
    sent = [0]

    def client(seed: int) -> None:
        rng = random.Random(seed)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.monotonic() < deadline:
            with lock:
                if sent[0] >= MAX_REQUESTS:
                    return
                sent[0] += 1
            label, path = rng.choice(targets(places, rng))
            start = time.perf_counter()
            try:
                conn.request("GET", path, headers={"Host": "127.0.0.1"})
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
                hit = response.getheader("X-Lookout-Cache") == "hit"
            except (OSError, http.client.HTTPException):
                ok = hit = False
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            elapsed = time.perf_counter() - start
            with lock:
                results[label if ok else f"errors:{label}"].append(elapsed)
                if hit:
                    results[f"hits:{label}"].append(elapsed)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def percentile(values: list[float], share: float) -> float:
    """The value under which `share` of the sorted values lie."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def report(results: dict[str, list[float]], seconds: float, meta: str) -> str:
    """A Markdown table of the run."""
    labels = sorted({key.split(":", 1)[-1] for key in results})
    lines = [meta, "", "| endpoint | requests | req/s | p50 | p95 | p99 | errors | cache hits |",
             "|---|---|---|---|---|---|---|---|"]

    def row(label: str, values: list[float], failed: int, hits: int) -> str:
        total = len(values) + failed
        return (f"| {label} | {total} | {total / seconds:.1f} | {percentile(values, .5) * 1000:.0f} ms | "
                f"{percentile(values, .95) * 1000:.0f} ms | {percentile(values, .99) * 1000:.0f} ms | {failed} | "
                f"{hits / total:.0%} |")

    every: list[float] = []
    errors = hits = 0
    for label in labels:
        values, failed = results.get(label, []), len(results.get(f"errors:{label}", []))
        every += values
        errors += failed
        hits += len(results.get(f"hits:{label}", []))
        if values:
            lines.append(row(label, values, failed, len(results.get(f"hits:{label}", []))))
    if every:
        lines.append(row("**all**", every, errors, hits))
    return "\n".join(lines)


#: A run's description and table inside its section of bench/README.md.
_RUN = re.compile(r"^\d+ clients, [^\n]*\n\n(?:\|[^\n]*(?:\n|$))+", re.MULTILINE)


def _with_run(section: str, intro: str, table: str) -> str:
    """The section with its run's table replaced; the prose around it stays (a new section gets the intro)."""
    if _RUN.search(section):
        return _RUN.sub(lambda _: f"{table}\n", section, count=1).strip("\n") + "\n"
    return f"{intro}\n\n{table}\n"


def write_readme(table: str, cached: bool) -> None:
    """Replace the table of this mode in the "## Load" section of bench/README.md; the text around it and the
    sections after it stay."""
    readme = ROOT / "bench" / "README.md"
    head, _, load = readme.read_text().partition("\n## Load\n")
    load, more, after = load.partition("\n## ")
    with_cache, _, without = load.partition("\n### Every answer computed\n")
    intro = ("`.venv/bin/python bench/load.py` (Gunicorn, DEBUG=0, PostgreSQL, Redis, all on one 2-core machine; "
             "the clients share the cores with the server). Anonymous answers shared through Redis, as in "
             "production.")
    uncached = "`.venv/bin/python bench/load.py --no-cache`: the same run with PUBLIC_CACHE_SECONDS=0."
    with_cache = _with_run(with_cache, intro, table) if cached else with_cache.strip("\n") + "\n"
    without = _with_run(without, uncached, table) if not cached else without.strip("\n") + "\n"
    readme.write_text(f"{head.rstrip()}\n\n## Load\n\n{with_cache.strip()}\n\n### Every answer computed\n\n"
                      f"{without.strip()}\n" + (f"\n## {after}" if more else ""))


def main() -> None:
    """Build, serve, drive, report, clean up."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--port", type=int, default=18000 + random.randrange(1000))
    parser.add_argument("--no-readme", action="store_true")
    parser.add_argument("--no-cache", action="store_true", help="compute every answer (PUBLIC_CACHE_SECONDS=0)")
    args = parser.parse_args()
    env = {key: value for key, value in os.environ.items() if key in ("PATH", "HOME", "LANG")}
    env.update(DEBUG="0", SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="127.0.0.1",
               SECURE_SSL_REDIRECT="0", LOG_LEVEL="WARNING", API_ANON_RATE="10000000/minute",
               API_USER_RATE="10000000/minute", API_EXPORT_RATE="10000000/minute", CACHE_REDIS_URL=REDIS,
               PUBLIC_CACHE_SECONDS="0" if args.no_cache else "300")
    subprocess.run(["redis-cli", "-u", REDIS, "flushdb"], check=True, capture_output=True)  # noqa: S603, S607
    started = time.monotonic()
    database, flags, places = build(env)
    print(f"built {database}: {flags} flags in {time.monotonic() - started:.0f} s", flush=True)
    server = None
    try:
        serve_env = {**env, "DATABASE_URL": f"{PG}/{database}"}
        subprocess.run([sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"],
                       cwd=ROOT, env=serve_env, check=True)
        server = subprocess.Popen(  # noqa: S603
            [str(ROOT / ".venv" / "bin" / "gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{args.port}",
             "--workers", str(args.workers), "--timeout", "60", "--log-level", "warning"],
            cwd=ROOT, env=serve_env,
        )
        for _ in range(100):
            try:
                http.client.HTTPConnection("127.0.0.1", args.port, timeout=1).request("GET", "/api/")
                break
            except OSError:
                time.sleep(0.2)
        drive(args.port, places, 2, 3)  # warm every worker's connection and caches
        results = drive(args.port, places, args.clients, args.seconds)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        drop(database, env)
    meta = (f"{args.clients} clients, {args.seconds:.0f} s, Gunicorn {args.workers} sync workers, "
            f"{flags:,} flags, {len(places)} flagged places drawn at random, "
            f"{'every answer computed' if args.no_cache else 'anonymous answers shared through Redis'}.")
    table = report(results, args.seconds, meta)
    print(table)
    if not args.no_readme:
        write_readme(table, cached=not args.no_cache)


if __name__ == "__main__":
    main()
