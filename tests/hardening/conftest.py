"""Hardening fixtures: real states and programs for the importers, and the hostile files built once."""

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connection

from tests.factories.partnerships import FederalProgramFactory
from tests.hardening import hostile
from tests.hardening.redis_server import RedisServer
from tracker.common.seeding import FIXTURES_DIR, seed_file


@pytest.fixture
def loaded(db: None) -> None:
    """Real states (seeded fixtures) and the three 287(g) programs."""
    for name in ("sources.json", "places.json"):
        seed_file(path=FIXTURES_DIR / name, reason="test seed")
    for code in ("287g-tfm", "287g-jem", "287g-wso"):
        FederalProgramFactory(code=code)


@pytest.fixture(scope="session")
def ice_xlsx() -> bytes:
    """A 10-agreement slice of a real ICE sheet, as workbook bytes."""
    return hostile.xlsx_bytes(hostile.ice_slice(10))


@pytest.fixture(scope="session")
def bomb(tmp_path_factory: pytest.TempPathFactory, ice_xlsx: bytes) -> Path:
    """1 MiB on disk that inflates to 1 GiB, built once per run."""
    return hostile.zip_bomb(tmp_path_factory.mktemp("bomb") / hostile.ICE_NAME, ice_xlsx)


class Scratch:
    """A database that separate processes can share: the test database on PostgreSQL, a file copy on SQLite."""

    def __init__(self, env: dict[str, str]) -> None:
        self.env = env

    def run(self, *args: object, timeout: float = 300) -> dict[str, Any]:
        """Run one workload command in its own process and return its JSON answer."""
        done = subprocess.run(  # noqa: S603 - our own interpreter and module
            [sys.executable, "-m", "tests.hardening.workload", *map(str, args)], env=self.env, cwd=settings.BASE_DIR,
            capture_output=True, text=True, timeout=timeout, check=False,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        return json.loads(done.stdout.strip().splitlines()[-1])

    def start(self, *args: object) -> subprocess.Popen[str]:
        """Start one workload command without waiting."""
        return subprocess.Popen(  # noqa: S603 - our own interpreter and module
            [sys.executable, "-m", "tests.hardening.workload", *map(str, args)], env=self.env, cwd=settings.BASE_DIR,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )


@pytest.fixture
def scratch(transactional_db: None, tmp_path: Path) -> Scratch:
    """Committed data visible to other processes, on either database."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL")}
    if connection.vendor == "sqlite":
        # The test database is in memory: copy its migrated schema into a WAL file every process opens.
        connection.ensure_connection()
        target = sqlite3.connect(tmp_path / "lookout.sqlite3")
        connection.connection.backup(target)
        target.close()
        env["VAR_DIR"] = str(tmp_path)
    else:
        db = connection.settings_dict
        env["DATABASE_URL"] = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    return Scratch(env)


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[RedisServer]:
    """A loopback redis-server on a free port, stopped after the test."""
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()
