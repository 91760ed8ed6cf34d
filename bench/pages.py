"""Server time and query count of every page on the synthetic national data set (not a test).

Builds the throwaway database of `bench/national.py`, sweeps it once so the flags exist, draws the
synthetic states and counties on the vendored map shapes (their GEOIDs are lent for drawing only),
then requests each page through Django's test client: one warm-up, then the median of five runs
(three for PDF memos, which take seconds).

    .venv/bin/python bench/pages.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lookout_bench .venv/bin/python bench/pages.py

Memos are measured as an anonymous visitor and as a signed-in reader, with wall and CPU time (CPU of
this process: with SQLite, the whole server's work, whatever else the machine runs).

`--shipped` measures only the memos, on the configured database as it is (after `manage.py
demo_data`, the real shipped data): the memo of every shipped flag, Virginia's and the most flagged
place's. The reader it signs in and the sessions are rolled back.

    .venv/bin/python bench/pages.py --shipped
"""

from __future__ import annotations

import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from unittest import mock

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import Count
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.national import AS_OF, analyze, generate
from tracker.conflicts.engine import sweep
from tracker.conflicts.models import Flag
from tracker.places.models import Jurisdiction
from tracker.web import maps
from tracker.web.memo import MAX_FLAGS

RUNS = 5
#: PDF memos take seconds each: fewer runs.
PDF_RUNS = 3


def draw_on_the_map() -> None:
    """Give synthetic states and counties the GEOIDs of real shapes, and two-letter codes, so pages can draw them."""
    state_geoids = [geoid for geoid, _, _ in maps.state_shapes()]
    states = list(Jurisdiction.objects.filter(kind="state").order_by("id"))
    for i, (state, geoid) in enumerate(zip(states, state_geoids, strict=False)):
        state.geoid = geoid
        state.postal_code = f"{chr(65 + i // 26)}{chr(65 + i % 26)}"
        counties = list(Jurisdiction.objects.filter(state=state, kind="county").order_by("id"))
        for county, (county_geoid, _, _) in zip(counties, maps.county_shapes(geoid), strict=False):
            county.geoid = county_geoid
        Jurisdiction.objects.bulk_update(counties, ["geoid"])
    Jurisdiction.objects.bulk_update(states, ["geoid", "postal_code"])


def _ok(response: HttpResponse, url: str) -> None:
    if response.status_code != 200:
        raise RuntimeError(f"{url[:120]} answered {response.status_code}")


def timed_get(client: Client, url: str) -> tuple[float, float, int, HttpResponse]:
    """One request: wall and CPU milliseconds of this process (SQLite runs in it), queries, the response."""
    with CaptureQueriesContext(connection) as ctx:
        wall, cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        wall, cpu = (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000
    _ok(response, url)
    return wall, cpu, len(ctx.captured_queries), response


def measure(client: Client, url: str, runs: int = RUNS) -> tuple[float, float, int]:
    """Median wall and CPU milliseconds over `runs` after one warm-up, and the query count."""
    timed_get(client, url)
    results = [timed_get(client, url) for _ in range(runs)]
    return statistics.median(r[0] for r in results), statistics.median(r[1] for r in results), results[-1][2]


def pages() -> list[tuple[str, str, bool]]:
    """(label, URL, as reviewer) for every page, on the busiest rows."""
    busiest = Flag.objects.values("jurisdiction__ocd_id").order_by().annotate(n=Count("id")).order_by("-n").first()
    state = Jurisdiction.objects.filter(kind="state").order_by("id").first()
    place = Jurisdiction.objects.filter(kind="place", instruments__isnull=False).order_by("id").first()
    flag = Flag.objects.order_by("id").first()
    return [
        ("home (national map)", "/", False),
        ("state county map", f"/map/{state.geoid}/", False),
        ("search", "/search/?q=synthetic+city+1-1", False),
        ("dossier of a place", f"/j/{place.ocd_id}/", False),
        ("dossier, busiest flags", f"/j/{busiest['jurisdiction__ocd_id']}/", False),
        ("dossier of a state", f"/j/{state.ocd_id}/", False),
        ("flag", f"/flags/{flag.pk}/", False),
        ("flag (reviewer)", f"/flags/{flag.pk}/", True),
        ("collisions", "/collisions/", False),
        ("collisions, one state, as of", f"/collisions/?state={state.postal_code}&as_of={AS_OF}", False),
        ("flag feed of a state", f"/feeds/state/{state.geoid}/", False),
        ("flag feed of a rule", "/feeds/rule/FR-FED-001/", False),
        ("flag feed, busiest place", f"/feeds/place/{busiest['jurisdiction__ocd_id']}/", False),
        ("ICE sheet changes", "/agreements/changes/", False),
        ("review queue (reviewer)", "/review/", True),
        ("review queue, filtered (reviewer)", f"/review/?state={state.postal_code}&rule=FR-FED-001", True),
    ]


def _pdf_pages(response: HttpResponse) -> int:
    """The page count of a PDF memo (poppler's pdfinfo)."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
        pdf.write(response.content)
        pdf.flush()
        info = subprocess.run(["pdfinfo", pdf.name], check=True, capture_output=True, text=True).stdout  # noqa: S603, S607
    return int(re.search(r"^Pages:\s+(\d+)", info, flags=re.MULTILINE).group(1))  # type: ignore[union-attr]


def _row(label: str, who: str, client: Client, url: str) -> None:
    pdf = ".pdf" in url
    wall, cpu, queries = measure(client, url, PDF_RUNS if pdf else RUNS)
    pages = f"{_pdf_pages(client.get(url))} pages" if pdf else ""
    print(f"| {connection.vendor} | {label} | {who} | {wall:,.0f} ms | {cpu:,.0f} ms | {queries} | {pages} |")


def measure_memos(clients: dict[str, Client], flag_ids: list[int], places: list[Jurisdiction]) -> None:
    """The memo of the flags (HTML part 1, PDF parts 1 and last) and of each place, for each client;
    then every PDF part of the flags' memo once, anonymous: the slowest and the median."""
    from rest_framework.throttling import SimpleRateThrottle  # after Django is set up

    from tracker.web.memo.memos import memo_for_flags, memo_for_jurisdiction

    query = ",".join(map(str, flag_ids))
    parts = memo_for_flags(flag_ids).parts
    urls = [
        (f"memo of all {len(flag_ids)} flags, part 1 of {parts}", f"/memo/flags/?flags={query}"),
        (f"memo of all {len(flag_ids)} flags, PDF part 1 of {parts}", f"/memo/flags.pdf?flags={query}"),
        (
            f"memo of all {len(flag_ids)} flags, PDF part {parts} of {parts}",
            f"/memo/flags.pdf?flags={query}&page={parts}",
        ),
    ]
    for place in places:
        place_parts = memo_for_jurisdiction(place).parts
        urls += [
            (f"memo of {place.name}, part 1 of {place_parts}", f"/memo/{place.ocd_id}/"),
            (f"memo of {place.name}, PDF part 1 of {place_parts}", f"/memo/{place.ocd_id}.pdf"),
        ]
    print("| backend | memo | who | median | CPU | queries | PDF |")
    print("|---|---|---|---|---|---|---|")
    # The PDF rate limits would refuse the repeated runs; the bench measures the work, not the limits.
    with mock.patch.dict(
        SimpleRateThrottle.THROTTLE_RATES, {"memo_pdf_anon": "10000/minute", "memo_pdf_user": "10000/minute"}
    ):
        for label, url in urls:
            for who, client in clients.items():
                _row(label, who, client, url)
        every = []
        for part in range(1, parts + 1):
            wall, cpu, _, response = timed_get(clients["anonymous"], f"/memo/flags.pdf?flags={query}&page={part}")
            every.append((wall, cpu, _pdf_pages(response)))
    print(
        f"\nEvery PDF part of the memo of all {len(flag_ids)} flags ({parts} parts), anonymous, once each: "
        f"wall median {statistics.median(e[0] for e in every):,.0f} ms, slowest {max(e[0] for e in every):,.0f} ms; "
        f"CPU median {statistics.median(e[1] for e in every):,.0f} ms, most {max(e[1] for e in every):,.0f} ms; "
        f"{min(e[2] for e in every)}–{max(e[2] for e in every)} pages."
    )


def _clients() -> dict[str, Client]:
    signed_in = Client()
    signed_in.force_login(get_user_model().objects.create_user("synthetic-bench-reader"))
    return {"anonymous": Client(), "signed in": signed_in}


def shipped() -> None:
    """The memos of the shipped data (the configured database; what the bench writes is rolled back):
    every flag, Virginia, and the place with the most flags."""
    settings.ALLOWED_HOSTS = ["*"]
    busiest = Flag.objects.values("jurisdiction").order_by().annotate(n=Count("id")).order_by("-n").first()
    ids = list(Flag.objects.order_by("id").values_list("id", flat=True))[:MAX_FLAGS]
    print(f"shipped data: {Flag.objects.count()} flags")
    with transaction.atomic():
        places = [Jurisdiction.objects.get(ocd_id="ocd-division/country:us/state:va")]
        if busiest and busiest["jurisdiction"] != places[0].pk:
            places.append(Jurisdiction.objects.get(pk=busiest["jurisdiction"]))
        measure_memos(_clients(), ids, places)
        transaction.set_rollback(True)


def main() -> None:
    """Create the throwaway database, generate, sweep, measure the pages, destroy."""
    settings.ALLOWED_HOSTS = ["*"]
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        counts = generate(random.Random(1))
        summary = sweep(as_of=AS_OF)
        draw_on_the_map()
        analyze()
        print(f"generated {counts}; {summary.found} flags")
        anonymous = Client()
        reviewer = Client()
        reviewer.force_login(get_user_model().objects.create_user("synthetic-bench-reviewer", is_staff=True))
        print("| backend | page | median | queries |")
        print("|---|---|---|---|")
        for label, url, as_reviewer in pages():
            ms, _, queries = measure(reviewer if as_reviewer else anonymous, url)
            print(f"| {connection.vendor} | {label} | {ms:,.0f} ms | {queries} |")
        busiest = Flag.objects.values("jurisdiction").order_by().annotate(n=Count("id")).order_by("-n").first()
        ids = list(Flag.objects.order_by("-severity", "id").values_list("id", flat=True)[:MAX_FLAGS])
        measure_memos(_clients(), ids, [Jurisdiction.objects.get(pk=busiest["jurisdiction"])])
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    shipped() if "--shipped" in sys.argv[1:] else main()
