"""The local run gets one admin sign-in, never in production."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.django_db


def test_it_creates_one_superuser_and_writes_the_password(settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings.DEBUG, settings.VAR_DIR = True, tmp_path
    call_command("local_admin")
    call_command("local_admin")
    assert get_user_model().objects.filter(is_superuser=True).count() == 1
    password = (tmp_path / "local-admin.txt").read_text().split("password: ")[1].strip()
    assert get_user_model().objects.get(username="admin").check_password(password)


def test_it_refuses_to_run_with_debug_off(settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings.DEBUG, settings.VAR_DIR = False, tmp_path
    with pytest.raises(CommandError):
        call_command("local_admin")
    assert not get_user_model().objects.exists()
