"""Concurrent sweeps, read-modify-write transactions and reviewer races, in separate processes on one database."""

from __future__ import annotations

import json
import os

from tests.hardening.conftest import Scratch
from tests.hardening.figures import record

#: CI sizes; bench/soak runs the same workloads at full size (HARDENING_RMW=500).
SWEEP_ROUNDS = int(os.environ.get("HARDENING_SWEEP_ROUNDS", "50"))
RMW = int(os.environ.get("HARDENING_RMW", "100"))
RACES = int(os.environ.get("HARDENING_RACES", "100"))
PROCESSES = 4


def test_two_sweeps_started_together_never_duplicate_a_flag_nor_lock_out(scratch: Scratch) -> None:
    world = scratch.run("world", "--cases", 3)
    result = scratch.run("sweeps", "--rounds", SWEEP_ROUNDS, "--ids", *world["cities"])
    record("sweep_pairs", {"rounds": SWEEP_ROUNDS, **result})
    assert result["errors"] == [] and result["locked"] == 0
    assert result["duplicate_found_events"] == 0
    assert result["flag_counts"] == [3], "every round ends with the same three flags"


def test_four_processes_of_read_modify_write_lose_no_update(scratch: Scratch) -> None:
    scratch.run("world", "--cases", 1)
    scratch.run("sweep")
    flag = scratch.run("first-flag")["flag"]
    workers = [scratch.start("rmw", "--count", RMW, "--flag", flag) for _ in range(PROCESSES)]
    results = []
    for worker in workers:
        out, err = worker.communicate(timeout=600)
        assert worker.returncode == 0, err[-3000:]
        results.append(json.loads(out.strip().splitlines()[-1]))
    assert [r["errors"] for r in results] == [[]] * PROCESSES
    version = scratch.run("version", "--flag", flag)["version"]
    record("read_modify_write", {"processes": PROCESSES, "each": RMW, "errors": sum(len(r["errors"]) for r in results),
                                 "final_version": version, "expected": 1 + PROCESSES * RMW})
    assert version == 1 + PROCESSES * RMW, "every committed increment is in the final value"


def test_two_reviewers_racing_on_one_flag_get_one_success_and_one_conflict_each_time(scratch: Scratch) -> None:
    scratch.run("world", "--cases", 1)
    scratch.run("sweep")
    flag = scratch.run("first-flag")["flag"]
    result = scratch.run("races", "--rounds", RACES, "--flag", flag)
    record("reviewer_races", {"rounds": RACES, **result})
    assert result["outcome"] == {"ok": RACES, "conflict": RACES}
    assert result["one_winner_rounds"] == RACES
    assert result["new_events"] == RACES and result["new_history"] == RACES
