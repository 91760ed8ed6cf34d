"""Fill a throwaway database for the schemathesis run: the synthetic world, and a token per role (printed)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.contrib.auth import get_user_model
from knox.models import AuthToken

from tests.security.world import build_canary_world


def main() -> None:
    """Build the world; print `ROLE=TOKEN` lines for the shell script."""
    world = build_canary_world(get_user_model())
    for role in ("editor", "reviewer"):
        print(f"{role.upper()}_TOKEN={AuthToken.objects.create(user=world.users[role])[1]}")
    print(f"CANARY={world.canary}")


if __name__ == "__main__":
    main()
