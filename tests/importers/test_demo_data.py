"""The embedded product's data loads once; a second run skips files already imported."""

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from tracker.conflicts import engine, tasks
from tracker.conflicts.management.commands import sweep as sweep_command
from tracker.conflicts.models import PendingSweep
from tracker.importers.management.commands import demo_data
from tracker.importers.models import ImportRun

pytestmark = pytest.mark.django_db


def test_a_second_run_skips_every_file_already_imported(monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    # The pending sheet alone keeps the test fast; the registry step is the real one.
    shutil.copy(demo_data.DATA / "ice-287g" / "pendingAgencies07182025pm.xlsx", tmp_path)
    monkeypatch.setattr(demo_data, "ICE_FOLDERS", (tmp_path,))
    first = StringIO()
    call_command("demo_data", stdout=first)
    assert "pendingAgencies07182025pm.xlsx (pending, 2025-07-18 pm): imported" in first.getvalue()
    runs = ImportRun.objects.count()
    second = StringIO()
    call_command("demo_data", stdout=second)
    assert second.getvalue().count("already imported") == 2
    assert ImportRun.objects.count() == runs
    assert Path(demo_data.DATA / "ocd" / "us_census_places.csv").exists()


def test_the_closing_full_sweep_is_the_only_sweep_and_leaves_nothing_owed(monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    shutil.copy(demo_data.DATA / "ice-287g" / "pendingAgencies07182025pm.xlsx", tmp_path)
    monkeypatch.setattr(demo_data, "ICE_FOLDERS", (tmp_path,))
    sweeps = []
    real = engine.sweep
    monkeypatch.setattr(engine, "sweep", lambda *a, **k: sweeps.append((a, k)) or real(*a, **k))
    monkeypatch.setattr(sweep_command, "sweep", engine.sweep)
    monkeypatch.setattr(tasks, "sweep", engine.sweep)
    call_command("demo_data", stdout=StringIO())
    assert sweeps == [((None, None, None), sweeps[0][1])]
    assert PendingSweep.objects.exists()
    assert not PendingSweep.objects.filter(done_at__isnull=True).exists()
