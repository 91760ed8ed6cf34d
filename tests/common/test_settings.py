"""Settings switch on the environment and refuse an unsafe production start."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def settings_in(env: dict[str, str], expr: str) -> subprocess.CompletedProcess[str]:
    """Evaluate a settings expression in a fresh interpreter with only `env` set."""
    clean = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME")}
    code = f"import django, os; os.environ['DJANGO_SETTINGS_MODULE']='config.settings'; django.setup(); " \
           f"from django.conf import settings as s; print({expr})"
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True, check=False
    )


def test_no_environment_gives_sqlite_eager_celery_and_debug(tmp_path: Path) -> None:
    result = settings_in({"VAR_DIR": str(tmp_path)}, "s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, s.DEBUG")
    assert result.stdout.strip() == "django.db.backends.sqlite3 True True", result.stderr


def test_database_url_switches_to_postgresql() -> None:
    result = settings_in({"DATABASE_URL": "postgres://u@127.0.0.1:5432/x"}, "s.DATABASES['default']['ENGINE']")
    assert result.stdout.strip() == "django.db.backends.postgresql", result.stderr


def test_redis_url_switches_celery_to_a_real_broker() -> None:
    result = settings_in({"REDIS_URL": "redis://127.0.0.1:6379/0"}, "s.CELERY_BROKER_URL, s.CELERY_TASK_ALWAYS_EAGER")
    assert result.stdout.strip() == "redis://127.0.0.1:6379/0 False", result.stderr


def test_debug_off_with_the_development_secret_refuses_to_start() -> None:
    result = settings_in({"DEBUG": "0"}, "s.DEBUG")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_debug_off_with_a_real_secret_starts() -> None:
    result = settings_in({"DEBUG": "0", "SECRET_KEY": "x" * 60}, "s.DEBUG")
    assert result.stdout.strip() == "False", result.stderr


def test_a_malformed_boolean_is_a_configuration_error() -> None:
    result = settings_in({"DEBUG": "maybe"}, "s.DEBUG")
    assert result.returncode != 0
    assert "is not a boolean" in result.stderr
