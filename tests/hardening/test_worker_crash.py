"""A real Celery worker SIGKILLed during a sweep: the sweep is redelivered and its flags equal a clean sweep's."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

from tests.hardening.conftest import Scratch
from tests.hardening.figures import record
from tests.hardening.redis_server import RedisServer

#: CI runs a few; bench/soak runs 20 (HARDENING_KILLS=20).
KILLS = int(os.environ.get("HARDENING_KILLS", "3"))
CASES = int(os.environ.get("HARDENING_KILL_CASES", "60"))
WAIT = 90.0


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(c) for c in path.read_text().split()] if path.exists() else []


class Worker:
    """`celery worker` with one prefork child, on the scratch database and the test's Redis."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.env, self.log = env, log
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        """Start it and wait until its child exists."""
        with self.log.open("ab") as handle:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "celery", "-A", "config", "worker", "--concurrency", "1", "--pool", "prefork",
                 "--without-gossip", "--without-mingle", "--without-heartbeat", "-l", "info"],
                env=self.env, cwd=settings.BASE_DIR, stdout=handle, stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 30
        while not _children(self.process.pid) and time.monotonic() < deadline:
            time.sleep(0.1)

    def kill(self, *, main: bool) -> None:
        """SIGKILL the pool child (the master forks a new one) or the whole worker."""
        assert self.process is not None
        if main:
            for child in _children(self.process.pid):
                os.kill(child, signal.SIGKILL)
            self.process.kill()
            self.process.wait(timeout=10)
            self.process = None
        else:
            for child in _children(self.process.pid):
                os.kill(child, signal.SIGKILL)

    def stop(self) -> None:
        """Stop it for good."""
        if self.process is not None:
            self.kill(main=True)


def _wait_until_taken(redis: RedisServer, deadline: float) -> bool:
    client = redis.client()
    while time.monotonic() < deadline:
        if client.hlen("unacked") > 0:
            return True
        time.sleep(0.001)
    return False


def _wait_until_done(scratch: Scratch, deadline: float) -> dict[str, object]:
    while True:
        state = scratch.run("flags")
        if all(row[2] is not None for row in state["pending"]) or time.monotonic() > deadline:
            return state
        time.sleep(0.5)


@pytest.fixture
def crash_env(scratch: Scratch, redis_server: RedisServer) -> Scratch:
    """The scratch database, publishing to the test's Redis, with a short visibility timeout."""
    scratch.env.update({"REDIS_URL": redis_server.url, "CELERY_VISIBILITY_TIMEOUT": "5"})
    return scratch


def test_worker_killed_mid_sweep_ends_with_the_flags_of_a_clean_sweep(
    crash_env: Scratch, redis_server: RedisServer, tmp_path: Path
) -> None:
    world = crash_env.run("world", "--cases", CASES)
    crash_env.run("sweep")
    clean = crash_env.run("flags")["flags"]
    assert len(clean) == CASES
    worker = Worker(crash_env.env, tmp_path / "worker.log")
    killed_before_done = 0
    try:
        worker.start()
        for run in range(KILLS):
            crash_env.run("reset")
            requester = crash_env.start("request", "--ids", world["state"])
            assert _wait_until_taken(redis_server, time.monotonic() + 30), "the worker never took the sweep"
            # Acknowledged only after the task returns (acks_late): still unacked means not finished.
            killed_before_done += redis_server.client().hlen("unacked") > 0
            main = run % 2 == 1
            worker.kill(main=main)
            if main:
                worker.start()
            assert requester.wait(timeout=60) == 0, "the write must commit whatever happens to the worker"
            started = time.monotonic()
            state = _wait_until_done(crash_env, started + WAIT)
            record("worker_kill_recovery_seconds", round(time.monotonic() - started, 1))
            assert all(row[2] is not None for row in state["pending"]), (tmp_path / "worker.log").read_text()[-3000:]
            assert state["flags"] == clean, f"run {run}: flags differ from a clean sweep"
            assert set(state["found_events"].values()) == {1}, f"run {run}: a flag was found twice"
    finally:
        worker.stop()
    record("worker_kills", {"runs": KILLS, "killed_before_done": killed_before_done})
    assert killed_before_done == KILLS, "every kill must land before the sweep was acknowledged"
