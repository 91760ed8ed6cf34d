"""National-scale benchmark of the conflict engine on a clearly synthetic data set (not a test).

Creates a throwaway database (the test database of the configured backend), fills it with
synthetic states, counties, places, agencies, partnerships, laws and deployments, then times a
full sweep and a one-jurisdiction incremental sweep and counts their queries.

    .venv/bin/python bench/national.py                       # SQLite (in memory)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lookout_bench .venv/bin/python bench/national.py
"""

from __future__ import annotations

import os
import random
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tracker.conflicts.engine import sweep
from tracker.laws.models import Instrument, Provision
from tracker.partnerships.models import (
    Capability,
    FederalProgram,
    Partnership,
    TechnologyDeployment,
)
from tracker.places.models import Agency, AgencyCoverage, CountyMember, Jurisdiction
from tracker.places.names import agency_name_key
from tracker.sources.models import Source

STATES, COUNTIES_PER_STATE, PLACES_PER_STATE = 50, 64, 400
AS_OF = date(2026, 6, 1)
BATCH = 2000


def _ids(model, **filters):  # type: ignore[no-untyped-def]
    return list(model.objects.filter(**filters).order_by("id").values_list("id", flat=True))


def analyze() -> None:
    """Fresh planner statistics and visibility maps, as a live database keeps them (autovacuum; SQLite's ANALYZE)."""
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def generate(rng: random.Random) -> dict[str, int]:
    """Fill the database; return row counts."""
    source = Source.objects.create(key="synthetic-bench", url="https://example.org/synthetic/bench",
                                   title="Synthetic Bench Source", publisher="Synthetic", kind="other")
    states, counties, places = _places()
    agency_ids = _agencies(states, counties, places)
    _partnerships(rng, agency_ids)
    instrument_ids = _laws(rng, states, places)
    TechnologyDeployment.objects.bulk_create([
        TechnologyDeployment(agency_id=rng.choice(agency_ids), technology=rng.choice(["face_recognition", "alpr",
                             "drones", "body_cameras"]), vendor="Synthetic Vendor", verified=True)
        for _ in range(20000)
    ], batch_size=BATCH)
    for model, field in ((Instrument, "instrument"), (Provision, "provision"), (Partnership, "partnership"),
                         (TechnologyDeployment, "technologydeployment")):
        through = model.sources.through
        through.objects.bulk_create([through(**{f"{field}_id": i, "source_id": source.id}) for i in _ids(model)],
                                    batch_size=BATCH)
    analyze()
    return {"jurisdictions": Jurisdiction.objects.count(), "agencies": len(agency_ids),
            "partnerships": Partnership.objects.count(), "instruments": len(instrument_ids),
            "deployments": TechnologyDeployment.objects.count()}


def _places() -> tuple[list[int], list[int], list[int]]:
    """States, their counties and places (each place in one county); return their ids."""
    Jurisdiction.objects.bulk_create([
        Jurisdiction(ocd_id=f"ocd-division/country:us/state:s{s:02d}", name=f"Synthetic State {s}", kind="state")
        for s in range(STATES)
    ])
    states = _ids(Jurisdiction, kind="state")
    Jurisdiction.objects.bulk_create([
        Jurisdiction(ocd_id=f"ocd-division/country:us/state:s{si:02d}/county:c{c}", name=f"Synthetic County {si}-{c}",
                     kind="county", state_id=s)
        for si, s in enumerate(states) for c in range(COUNTIES_PER_STATE)
    ], batch_size=BATCH)
    Jurisdiction.objects.bulk_create([
        Jurisdiction(ocd_id=f"ocd-division/country:us/state:s{si:02d}/place:p{p}", name=f"Synthetic City {si}-{p}",
                     kind="place", state_id=s)
        for si, s in enumerate(states) for p in range(PLACES_PER_STATE)
    ], batch_size=BATCH)
    counties = _ids(Jurisdiction, kind="county")
    places = _ids(Jurisdiction, kind="place")
    county_of = {p: counties[(i // PLACES_PER_STATE) * COUNTIES_PER_STATE + i % COUNTIES_PER_STATE]
                 for i, p in enumerate(places)}
    CountyMember.objects.bulk_create([CountyMember(member_id=p, county_id=c, basis="ocd_id")
                                      for p, c in county_of.items()], batch_size=BATCH)
    return states, counties, places


def _agencies(states: list[int], counties: list[int], places: list[int]) -> list[int]:
    """A police department per place (14,000), a sheriff per county, 16 agencies per state; return their ids."""
    state_of = dict(Jurisdiction.objects.exclude(state=None).values_list("id", "state_id"))
    agencies = []
    for p in places[:14000]:
        agencies.append((f"Synthetic Police {p}", "police", state_of[p], p, p, "primary"))
    for c in counties:
        agencies.append((f"Synthetic Sheriff {c}", "sheriff", state_of[c], c, c, "concurrent"))
    for s in states:
        agencies += [(f"Synthetic State Agency {s}-{k}", "state_agency", s, s, s, "statewide") for k in range(16)]
    Agency.objects.bulk_create([Agency(name=n, name_key=agency_name_key(n), kind=k, state_id=s, home_id=h)
                                for n, k, s, h, _, _ in agencies], batch_size=BATCH)
    agency_ids = _ids(Agency)
    AgencyCoverage.objects.bulk_create([
        AgencyCoverage(agency_id=a, jurisdiction_id=row[4], coverage=row[5], basis="home")
        for a, row in zip(agency_ids, agencies, strict=True)
    ], batch_size=BATCH)
    return agency_ids


def _partnerships(rng: random.Random, agency_ids: list[int]) -> None:
    """The three 287(g) programs, one face-recognition capability, and 3,000 agreements or applications."""
    tfm = FederalProgram.objects.create(code="287g-tfm", name="Synthetic Task Force Model", kind="287g",
                                        federal_agency="Synthetic")
    jem = FederalProgram.objects.create(code="287g-jem", name="Synthetic Jail Model", kind="287g",
                                        federal_agency="Synthetic")
    wso = FederalProgram.objects.create(code="287g-wso", name="Synthetic Warrant Model", kind="287g",
                                        federal_agency="Synthetic")
    Capability.objects.create(key="synthetic-fr", program=tfm, kind="face_recognition", name="Synthetic app",
                              retention_days=5475, verified=True)
    partners = rng.sample(agency_ids, 3000)
    rows = [
        Partnership(agency_id=a, program=rng.choice([tfm, tfm, jem, wso]),
                    status=rng.choice(["active", "active", "active", "pending"]),
                    signed_on=date(2025, rng.randint(1, 12), 1), first_seen_on=date(2025, 7, 18))
        for a in partners
    ]
    for row in rows:  # a pending row is an application, never signed
        if row.status == "pending":
            row.kind, row.signed_on = "application", None
    Partnership.objects.bulk_create(rows, batch_size=BATCH)


def _laws(rng: random.Random, states: list[int], places: list[int]) -> list[int]:
    """About 10,000 local laws and three state laws per state, one provision each; return the laws' ids."""
    # Mostly texts no rule reads (definitions, reports, use policies), as in the real corpus.
    kinds = ["fr_ban", "ccops_approval", "immigration_limit", "retention_limit", "fr_moratorium"]
    kinds += ["definition", "annual_report", "use_policy", "data_sharing_limit"] * 10
    laws = [(rng.choice(places), rng.choice(kinds)) for _ in range(9850)]
    laws += [(s, rng.choice(["fr_conditions", "prohibits_287g", "mandates_287g"])) for s in states for _ in range(3)]
    Instrument.objects.bulk_create([
        Instrument(key=f"synthetic-{i}", jurisdiction_id=j, kind="ordinance", title=f"Synthetic Law {i}",
                   citation=f"Synthetic Code § {i}", status="in_force", enacted_on=date(2020, 1, 1),
                   effective_on=date(2020, 2, 1), verified=True)
        for i, (j, _) in enumerate(laws)
    ], batch_size=BATCH)
    instrument_ids = _ids(Instrument)
    Provision.objects.bulk_create([
        Provision(key=f"synthetic-p-{i}", instrument_id=inst, type=kind, summary="Synthetic provision.",
                  binds="all_law_enforcement" if kind in ("fr_conditions", "prohibits_287g") else "own_government",
                  federal_reach="silent", retention_days=30 if kind == "retention_limit" else None,
                  conditions=["named_channel", "warrant"] if kind == "fr_conditions" else [], verified=True)
        for i, (inst, (_, kind)) in enumerate(zip(instrument_ids, laws, strict=True))
    ], batch_size=BATCH)
    return instrument_ids


def timed(label: str, **kwargs: object) -> None:
    """Run one sweep; print time, queries and what it did."""
    with CaptureQueriesContext(connection) as ctx:
        start = time.perf_counter()
        summary = sweep(as_of=AS_OF, **kwargs)  # type: ignore[arg-type]
        elapsed = time.perf_counter() - start
    print(f"| {connection.vendor} | {label} | {elapsed * 1000:,.0f} ms | {len(ctx.captured_queries)} | "
          f"{summary.found} found, {summary.new} new, {summary.unchanged} unchanged |")


def main() -> None:
    """Create the throwaway database, generate, benchmark, destroy."""
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        start = time.perf_counter()
        counts = generate(random.Random(1))
        print(f"generated {counts} in {time.perf_counter() - start:.1f} s")
        place = Jurisdiction.objects.filter(kind="place", instruments__provisions__type="fr_ban").first()
        print("| backend | run | time | queries | flags |")
        print("|---|---|---|---|---|")
        timed("full sweep (first: creates flags)")
        timed("full sweep (steady)")
        timed("one place, incremental", jurisdiction_ids=[place.id])
        timed("one place, incremental (again)", jurisdiction_ids=[place.id])
        timed("one state, incremental", jurisdiction_ids=[place.state_id])
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
