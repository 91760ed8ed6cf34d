"""Server time and query count of every page on the synthetic national data set (not a test).

Builds the throwaway database of `bench/national.py`, sweeps it once so the flags exist, draws the
synthetic states and counties on the vendored map shapes (their GEOIDs are lent for drawing only),
then requests each page through Django's test client: one warm-up, then the median of five runs
(three for PDF memos, which take seconds).

    .venv/bin/python bench/pages.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lookout_bench .venv/bin/python bench/pages.py

`--shipped` measures only the memos, on the configured database as it is (after `manage.py
demo_data`, the real shipped data): nothing is created or written.

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
from django.db import connection
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
        raise RuntimeError(f"{url} answered {response.status_code}")


def measure(client: Client, url: str, runs: int = RUNS) -> tuple[float, int]:
    """Median milliseconds over `runs` after one warm-up, and the query count."""
    _ok(client.get(url), url)
    times, queries = [], 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        _ok(response, url)
        queries = len(ctx.captured_queries)
    return statistics.median(times), queries


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


def memo_pages(place: Jurisdiction) -> list[tuple[str, str]]:
    """(label, URL) of the memos of all flags: of the place with the most, and the largest selection of flags."""
    from tracker.web.memo.memos import memo_for_flags, memo_for_jurisdiction

    ids = ",".join(str(pk) for pk in Flag.objects.order_by("-severity", "id").values_list("id", flat=True)[:MAX_FLAGS])
    place_parts = memo_for_jurisdiction(place).parts
    flag_parts = memo_for_flags([int(i) for i in ids.split(",")]).parts
    base = f"/memo/{place.ocd_id}"
    return [
        (f"memo of {place.name} ({Flag.objects.filter(jurisdiction=place).count()} flags), part 1 of {place_parts}",
         f"{base}/"),
        (f"memo of {place.name}, PDF part 1 of {place_parts}", f"{base}.pdf"),
        (f"memo of {ids.count(',') + 1} flags, part 1 of {flag_parts}", f"/memo/flags/?flags={ids}"),
        (f"memo of {ids.count(',') + 1} flags, PDF part 1 of {flag_parts}", f"/memo/flags.pdf?flags={ids}"),
        (f"memo of {ids.count(',') + 1} flags, PDF part {flag_parts} of {flag_parts}",
         f"/memo/flags.pdf?flags={ids}&page={flag_parts}"),
    ]


def measure_memos(client: Client, place: Jurisdiction) -> None:
    """Print one table row per memo: median time, queries and, for a PDF, its pages."""
    from rest_framework.throttling import SimpleRateThrottle  # after bench.national has set Django up

    # The PDF rate limit would refuse the repeated runs; the bench measures the work, not the limit.
    with mock.patch.dict(SimpleRateThrottle.THROTTLE_RATES, {"memo_pdf_anon": "1000/minute"}):
        for label, url in memo_pages(place):
            pdf = ".pdf" in url
            ms, queries = measure(client, url, PDF_RUNS if pdf else RUNS)
            pages = f"{_pdf_pages(client.get(url))} pages" if pdf else ""
            print(f"| {connection.vendor} | {label} | {ms:,.0f} ms | {queries} | {pages} |")


def shipped() -> None:
    """The memos of the shipped data (the configured database, read only): Virginia, and the most flagged place."""
    settings.ALLOWED_HOSTS = ["*"]
    busiest = Flag.objects.values("jurisdiction").order_by().annotate(n=Count("id")).order_by("-n").first()
    print(f"shipped data: {Flag.objects.count()} flags")
    print("| backend | memo | median | queries | PDF |")
    print("|---|---|---|---|---|")
    for place in (Jurisdiction.objects.get(ocd_id="ocd-division/country:us/state:va"),
                  Jurisdiction.objects.get(pk=busiest["jurisdiction"])):
        measure_memos(Client(), place)


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
            ms, queries = measure(reviewer if as_reviewer else anonymous, url)
            print(f"| {connection.vendor} | {label} | {ms:,.0f} ms | {queries} |")
        busiest = Flag.objects.values("jurisdiction").order_by().annotate(n=Count("id")).order_by("-n").first()
        print("| backend | memo | median | queries | PDF |")
        print("|---|---|---|---|---|")
        measure_memos(anonymous, Jurisdiction.objects.get(pk=busiest["jurisdiction"]))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    shipped() if "--shipped" in sys.argv[1:] else main()
