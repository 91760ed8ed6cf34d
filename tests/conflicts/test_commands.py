"""`manage.py sweep` and `manage.py rules`."""

import pytest
from django.core.management import CommandError, call_command

from tests.factories.conflicts import city_case, join, task_force_program
from tracker.conflicts.models import Flag

pytestmark = pytest.mark.django_db


def test_sweep_command_prints_a_summary_by_rule(capsys):
    case = city_case()
    join(case.sheriff, task_force_program())
    call_command("sweep", "--as-of", "2026-06-01")
    out = capsys.readouterr()
    assert "new 1" in out.out
    assert "FR-FED-001" in out.out
    assert "Loading the snapshot" in out.err


def test_sweep_command_restricted_to_a_jurisdiction_sweeps_what_lies_inside_it_and_nothing_else():
    case, elsewhere = city_case(), city_case()
    program = task_force_program()
    join(case.sheriff, program)
    join(elsewhere.sheriff, program)
    call_command("sweep", "--jurisdiction", case.county.ocd_id, "--rule", "FR-FED-001", "--as-of", "2026-06-01")
    assert Flag.objects.get().jurisdiction == case.city  # the county's city, the scope a queued sweep of it covers
    call_command("sweep", "--jurisdiction", elsewhere.city.ocd_id, "--rule", "IMM-001", "--as-of", "2026-06-01")
    assert Flag.objects.count() == 1


def test_sweep_command_refuses_an_unknown_rule():
    with pytest.raises(CommandError, match="Unknown rule"):
        call_command("sweep", "--rule", "FR-NOPE-001")


def test_sweep_command_refuses_an_unknown_jurisdiction():
    with pytest.raises(CommandError, match="No jurisdiction"):
        call_command("sweep", "--jurisdiction", "ocd-division/country:us/state:zz/place:nowhere")
