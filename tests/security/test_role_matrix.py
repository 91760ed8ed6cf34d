"""Who may write: anonymous, editor, reviewer and admin against every write operation and page action."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from drf_spectacular.generators import SchemaGenerator
from knox.models import AuthToken

from tests.security.test_canary import _fill
from tests.security.world import CanaryWorld

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "editor", "reviewer", "admin"]
#: Which role each write opens to: open (anyone), signed_in, editor (facts) or reviewer (flags).
OPEN = {"/api/auth/token/", "/api/auth/login/"}
SIGNED_IN = {"/api/auth/logout/", "/api/auth/token/revoke/"}
MAY = {
    "open": set(ROLES),
    "signed_in": {"editor", "reviewer", "admin"},
    "editor": {"editor", "admin"},
    "reviewer": {"reviewer", "admin"},
}


def audience(path: str) -> str:
    """Who a write operation is for."""
    if path in OPEN:
        return "open"
    if path in SIGNED_IN:
        return "signed_in"
    return "reviewer" if path.startswith("/api/flags/") else "editor"


def write_operations() -> list[tuple[str, str]]:
    """Every write in the OpenAPI schema."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return [(path, method) for path, item in schema["paths"].items() for method in item
            if method in ("post", "put", "patch", "delete")]


def test_every_api_write_answers_exactly_by_role(canary_world: CanaryWorld) -> None:
    operations = write_operations()
    wrong = []
    for path, method in operations:
        filled = _fill(canary_world, path)
        for role in ROLES:
            client = Client()
            if role != "anonymous":
                # Scripts sign in with a token; a fresh one each time, since one operation revokes it.
                token = AuthToken.objects.create(user=canary_world.users[role])[1]
                client.defaults["HTTP_AUTHORIZATION"] = f"Token {token}"
            status = getattr(client, method)(filled, data={}, content_type="application/json").status_code
            allowed = role in MAY[audience(path)]
            if allowed:
                ok = status not in (401, 403, 404, 405) and status < 500 and (method != "patch" or status == 200)
            else:
                ok = status == (401 if role == "anonymous" else 403)
            if not ok:
                wrong.append(f"{role} {method.upper()} {filled}: {status}")
    assert len(operations) >= 20
    assert wrong == []


#: Page actions (HTML forms), by path template; `None` means any signed-in user.
PAGE_WRITES = {
    "/flags/{flag}/transition/": "reviewer",
    "/flags/{flag}/assign/": "reviewer",
    "/flags/{flag}/notes/": "reviewer",
    "/watch/add/": "signed_in",
    "/watch/{watch}/remove/": "signed_in",
}


@pytest.mark.parametrize("role", ROLES)
def test_every_page_action_answers_exactly_by_role(role: str, canary_world: CanaryWorld) -> None:
    client = Client()
    if role != "anonymous":
        client.force_login(canary_world.users[role])
    for template, who in PAGE_WRITES.items():
        path = template.format(flag=canary_world.objects["flag"].pk, watch=canary_world.objects["watch"].pk)
        response = client.post(path, {})
        if role == "anonymous":
            assert response.status_code == 302, path
            assert re.match(r"^/login/\?next=", response["Location"]), path
        elif role in MAY[who]:
            assert response.status_code in (200, 302, 400), f"{role} {path}: {response.status_code}"
        else:
            assert response.status_code == 403, f"{role} {path}: {response.status_code}"
