"""`manage.py local_admin`: a sign-in for the embedded local run, never in production."""

import secrets
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    """Create superuser `admin` with a random password, once, and write it to var/local-admin.txt."""

    help = "Create a local superuser for the embedded run (DEBUG only); prints where its password is."

    def handle(self, *args: Any, **options: Any) -> None:
        """Create the user if no superuser exists; otherwise say where the password was written."""
        if not settings.DEBUG:
            raise CommandError("local_admin is for the embedded local run only (DEBUG is off).")
        path = settings.VAR_DIR / "local-admin.txt"
        user_model = get_user_model()
        if not user_model.objects.filter(is_superuser=True).exists():
            password = secrets.token_urlsafe(16)
            user_model.objects.create_superuser("admin", password=password)
            path.write_text(f"username: admin\npassword: {password}\n")
            path.chmod(0o600)
        if path.exists():
            self.stdout.write(f"Admin sign-in for http://127.0.0.1:8000/admin/ is in {path}")
