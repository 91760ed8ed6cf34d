"""Concurrency and crash workloads, run as separate processes against a scratch database.

`python -m tests.hardening.workload COMMAND [args]` prints one JSON object. The database comes
from the environment exactly as the product's does (DATABASE_URL, or VAR_DIR for the SQLite file),
so a test can point several processes and a real Celery worker at one database.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
from collections import Counter
from datetime import date
from typing import Any

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()

from django.contrib.auth import get_user_model
from django.db import close_old_connections, connection, transaction

from tests.factories.conflicts import city_case, join, task_force_program
from tests.factories.places import StateFactory
from tracker.conflicts.choices import FlagStatus
from tracker.conflicts.engine import sweep
from tracker.conflicts.models import Flag, FlagEvent, PendingSweep
from tracker.conflicts.outbox import pending_sweeps_dispatch
from tracker.conflicts.scope import Touched
from tracker.conflicts.services import FlagConflictError, flag_transition, sweep_touched

AS_OF = date(2026, 6, 1)
FOUND = "Found by the sweep"


def world(cases: int) -> dict[str, Any]:
    """Synthetic cities with bans whose sheriffs joined the task force model: each sweep finds flags."""
    state = StateFactory()
    program = task_force_program()
    cities = []
    for _ in range(cases):
        case = city_case(state)
        join(case.sheriff, program)
        cities.append(case.city.pk)
    model = get_user_model()
    for name in ("synthetic-reviewer-a", "synthetic-reviewer-b"):
        model.objects.get_or_create(username=name)
    return {"state": state.pk, "cities": cities}


def flags() -> dict[str, Any]:
    """Every flag's fingerprint and status, and how many 'found' events each has."""
    found = Counter(FlagEvent.objects.filter(reason__startswith=FOUND).values_list("flag__fingerprint", flat=True))
    rows = sorted(Flag.objects.values_list("fingerprint", "status"))
    return {"flags": rows, "found_events": dict(found), "pending": list(
        PendingSweep.objects.values_list("id", "dispatched_at", "done_at", "attempts").order_by("id"))}


def reset_flags() -> None:
    """Forget every flag, so the next sweeps race to create them."""
    FlagEvent.objects.all().delete()
    Flag.history.all().delete()
    Flag.objects.all().delete()


def _together(workers: list[Any]) -> list[str]:
    """Run callables in threads released at once; return each one's error text ('' when it succeeded)."""
    barrier = threading.Barrier(len(workers))
    errors = [""] * len(workers)

    def run(i: int) -> None:
        try:
            barrier.wait()
            workers[i]()
        except Exception as exc:  # noqa: BLE001 - the test counts every kind
            errors[i] = f"{type(exc).__name__}: {exc}"
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(workers))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


def sweeps(rounds: int, cities: list[int]) -> dict[str, Any]:
    """Two sweeps started together, `rounds` times; flags are forgotten before each round."""
    errors: list[str] = []
    duplicates = 0
    counts = set()
    for r in range(rounds):
        reset_flags()
        scopes = [None, None] if r % 2 == 0 else [None, cities]
        errors += [e for e in _together([lambda s=s: sweep(s, as_of=AS_OF) for s in scopes]) if e]
        found = Counter(FlagEvent.objects.filter(reason__startswith=FOUND).values_list("flag_id", flat=True))
        duplicates += sum(n - 1 for n in found.values() if n > 1)
        counts.add(Flag.objects.count())
    return {"errors": errors, "locked": sum("locked" in e for e in errors), "duplicate_found_events": duplicates,
            "flag_counts": sorted(counts)}


def rmw(count: int, flag_id: int) -> dict[str, Any]:
    """`count` read-modify-write transactions on one flag's version, as the review services do them."""
    errors = []
    for _ in range(count):
        try:
            with transaction.atomic():
                flag = Flag.objects.select_for_update().get(pk=flag_id)
                flag.version += 1
                flag.save(update_fields=["version"])
        except Exception as exc:  # noqa: BLE001 - the test counts every kind
            errors.append(f"{type(exc).__name__}: {exc}")
    return {"errors": errors, "done": count - len(errors)}


def races(rounds: int, flag_id: int) -> dict[str, Any]:
    """Two reviewers move the same flag from the same version at once, `rounds` times."""
    model = get_user_model()
    people = [model.objects.get(username="synthetic-reviewer-a"), model.objects.get(username="synthetic-reviewer-b")]
    events_before, history_before = FlagEvent.objects.filter(flag_id=flag_id).count(), Flag.history.filter(
        id=flag_id).count()
    outcome: Counter[str] = Counter()
    split_rounds = 0
    for _ in range(rounds):
        flag = Flag.objects.get(pk=flag_id)
        to = FlagStatus.IN_REVIEW if flag.status == FlagStatus.NEW else FlagStatus.NEW
        results: list[str] = ["", ""]

        def review(i: int, flag: Flag = flag, to: str = to, results: list[str] = results) -> None:
            try:
                flag_transition(flag=flag, to=to, by=people[i], expected_version=flag.version)
                results[i] = "ok"
            except FlagConflictError:
                results[i] = "conflict"

        errors = _together([lambda i=i: review(i) for i in range(2)])
        outcome.update(results[i] or f"error {errors[i]}" for i in range(2))
        split_rounds += sorted(results) == ["conflict", "ok"]
    return {"outcome": dict(outcome), "one_winner_rounds": split_rounds,
            "new_events": FlagEvent.objects.filter(flag_id=flag_id).count() - events_before,
            "new_history": Flag.history.filter(id=flag_id).count() - history_before}


def request(ids: list[int]) -> dict[str, Any]:
    """A write to these places' own facts asks for its re-evaluation as every writer does: the scope (the places
    and all inside them) goes into an outbox row that commits, then goes to the broker."""
    with transaction.atomic():
        sweep_touched(touched=Touched(places=set(ids)))
    return {"pending": PendingSweep.objects.filter(done_at__isnull=True).count()}


def main(argv: list[str]) -> dict[str, Any]:
    """Parse the command line and run one workload."""
    parser = argparse.ArgumentParser()
    parser.add_argument("command", choices=["world", "flags", "reset", "sweep", "sweeps", "rmw", "races",
                                            "request", "relay", "first-flag", "version"])
    parser.add_argument("--cases", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--flag", type=int, default=0)
    parser.add_argument("--ids", type=int, nargs="*", default=[])
    args = parser.parse_args(argv)
    commands = {
        "world": lambda: world(args.cases),
        "flags": flags,
        "reset": lambda: reset_flags() or {},
        "sweep": lambda: {"found": sweep(args.ids or None, as_of=AS_OF).found},
        "sweeps": lambda: sweeps(args.rounds, args.ids),
        "rmw": lambda: rmw(args.count, args.flag),
        "races": lambda: races(args.rounds, args.flag),
        "request": lambda: request(args.ids),
        "relay": lambda: {"sent": pending_sweeps_dispatch()},
        "version": lambda: {"version": Flag.objects.get(pk=args.flag).version},
        "first-flag": lambda: {"flag": Flag.objects.order_by("pk").values_list("pk", flat=True).first()},
    }
    close_old_connections()
    return commands[args.command]()


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1:]), default=str))
