"""Production settings pass Django's deployment checks; every HTML page carries the security headers and a strict CSP."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

from tests.security.urlmap import is_admin, leaves, path_for, queries
from tests.security.world import CanaryWorld

ROOT = Path(__file__).resolve().parents[2]


def test_production_settings_pass_the_deployment_checks_with_no_warning(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if key in ("PATH", "HOME")}
    env.update(DEBUG="0", SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="lookout.example.org",
               VAR_DIR=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_serve_static_files_from_a_manifest(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if key in ("PATH", "HOME")}
    env.update(DEBUG="0", SECRET_KEY=secrets.token_urlsafe(50), VAR_DIR=str(tmp_path))
    code = ("import django, os; os.environ['DJANGO_SETTINGS_MODULE']='config.settings'; django.setup(); "
            "from django.conf import settings as s; print(s.STORAGES['staticfiles']['BACKEND']); "
            "print('whitenoise.middleware.WhiteNoiseMiddleware' in s.MIDDLEWARE)")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env,  # noqa: S603
                            capture_output=True, text=True, check=False)
    assert result.stdout.split() == ["django.contrib.staticfiles.storage.ManifestStaticFilesStorage", "True"], (
        result.stderr
    )


def _directives(header: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["anonymous", "reviewer"])
def test_every_html_page_has_security_headers_and_a_strict_csp(role: str, canary_world: CanaryWorld) -> None:
    client = Client()
    if role != "anonymous":
        client.force_login(canary_world.users[role])
    pages = []
    for leaf in leaves():
        if is_admin(leaf) and leaf.name not in ("admin:login", "admin:index"):
            continue
        for query in ["", *queries(canary_world, leaf)]:
            path = path_for(canary_world, leaf) + (f"?{query}" if query else "")
            response = client.get(path)
            if not response.get("Content-Type", "").startswith("text/html"):
                continue
            pages.append(path)
            assert response["X-Frame-Options"] == "DENY", path
            assert response["X-Content-Type-Options"] == "nosniff", path
            assert response["Referrer-Policy"] == "same-origin", path
            policy = _directives(response["Content-Security-Policy"])
            assert policy["default-src"] == ["'self'"], path
            assert policy["frame-ancestors"] == ["'none'"], path
            assert policy["object-src"] == ["'none'"], path
            for directive in ("script-src", "style-src"):
                sources = policy[directive]
                assert "'unsafe-inline'" not in sources and "'unsafe-eval'" not in sources, (path, directive)
                assert all(s == "'self'" or s.startswith(("'nonce-", "'sha256-")) for s in sources), (path, sources)
            assert not any("http" in source for sources in policy.values() for source in sources), path
    assert "/api/docs/" in pages and "/" in pages and "/admin/login/" in pages
    assert len(pages) >= 10
