"""No page, API operation, export or memo shows private data to anonymous users or editors.

A unique canary is planted in a flag note, a review reason, the assignee's name and agency and
partnership review notes; every URL pattern of the project and every OpenAPI operation is then
requested. The tests fail if the canary shows up, or if a URL pattern was never requested.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from drf_spectacular.generators import SchemaGenerator

from tests.security.content import text
from tests.security.urlmap import is_admin, leaves, path_for, queries
from tests.security.world import CanaryWorld

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "editor"]
#: Admin pages anyone may open, or that answer without a page.
ADMIN_OPEN = {"admin:login": {200}}
#: Where the admin sends someone who is not staff: the login page, or (for logout) the index, which then asks to log in.
ADMIN_REDIRECTS = {"admin:logout": "/admin/"}
#: The object behind `{id}` in an OpenAPI path, by its first segment under /api/.
API_OBJECT = {
    "flags": "flag", "agencies": "sheriff", "partnerships": "sheriff_tfm", "instruments": "city_ban",
    "provisions": "provision", "programs": "tfm", "deployments": "deployment", "approvals": "approval",
    "sharing-arrangements": "arrangement", "sharing-events": "sharing_event",
    "sources": "source", "rules": "rule", "jurisdictions": "city",
}


def client_as(role: str, world: CanaryWorld) -> Client:
    """A browser-like client, signed in with a session unless anonymous."""
    client = Client()
    if role != "anonymous":
        client.force_login(world.users[role])
    return client


def _leaks(client: Client, path: str, canary: str, method: str = "get", **extra: Any) -> tuple[Any, bool]:
    response = getattr(client, method)(path, **extra)
    return response, canary.lower() in text(response).lower()


@pytest.mark.parametrize("role", ROLES)
def test_no_url_pattern_shows_private_data(role: str, canary_world: CanaryWorld) -> None:
    client = client_as(role, canary_world)
    requested, leaked, admin_wrong = set(), [], []
    for leaf in leaves():
        base = path_for(canary_world, leaf)
        for query in ["", *queries(canary_world, leaf)]:
            path = f"{base}?{query}" if query else base
            response, leak = _leaks(client, path, canary_world.canary)
            requested.add(leaf.route)
            if leak:
                leaked.append(f"{path} ({response.status_code})")
            if is_admin(leaf):
                allowed = ADMIN_OPEN.get(leaf.name, {302})
                target = ADMIN_REDIRECTS.get(leaf.name, "/admin/login/")
                to_login = response.status_code != 302 or response["Location"].startswith(target)
                if response.status_code not in allowed or not to_login:
                    admin_wrong.append(f"{path}: {response.status_code} {response.get('Location', '')}")
    assert leaked == [], f"the canary shows as {role} on: {leaked}"
    assert admin_wrong == [], f"admin pages open to {role}: {admin_wrong}"
    never = sorted({leaf.route for leaf in leaves()} - requested)
    assert never == [], f"URL patterns never requested: {never}"


def _operations() -> list[tuple[str, str]]:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return [(path, method) for path, item in schema["paths"].items() for method in item if method != "parameters"]


def _fill(world: CanaryWorld, path: str) -> str:
    segment = path.split("/")[2]
    obj = world.objects[API_OBJECT[segment]] if segment in API_OBJECT else None

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name == "ocd_id":
            return world.objects["city"].ocd_id
        assert obj is not None, f"No object for {path}: add its first segment to API_OBJECT in {__file__}"
        return obj if isinstance(obj, str) else str(getattr(obj, name))

    return re.sub(r"\{(\w+)\}", value, path)


@pytest.mark.parametrize("role", ROLES)
def test_no_openapi_operation_shows_private_data(role: str, canary_world: CanaryWorld) -> None:
    client = client_as(role, canary_world)
    operations = _operations()
    leaked = []
    for path, method in operations:
        filled = _fill(canary_world, path)
        extra = {"data": {}, "content_type": "application/json"} if method in ("post", "put", "patch") else {}
        response, leak = _leaks(client, filled, canary_world.canary, method, **extra)
        assert response.status_code < 500, f"{method.upper()} {filled}: {response.status_code}"
        if leak:
            leaked.append(f"{method.upper()} {filled} ({response.status_code})")
    assert len(operations) >= 40
    assert leaked == [], f"the canary shows as {role} on: {leaked}"


def test_reviewers_do_see_the_canary_in_json_csv_xlsx_and_pages(canary_world: CanaryWorld) -> None:
    client = client_as("reviewer", canary_world)
    flag = canary_world.objects["flag"].pk
    for path in (f"/api/flags/{flag}/notes/", f"/api/flags/{flag}/trail/", f"/api/flags/{flag}/",
                 "/api/partnerships/?format=csv", "/api/partnerships/?format=xlsx", f"/flags/{flag}/"):
        response, leak = _leaks(client, path, canary_world.canary)
        assert response.status_code == 200, path
        assert leak, f"a reviewer should see the canary on {path}"


def test_search_results_do_not_depend_on_private_text(canary_world: CanaryWorld) -> None:
    # Searching for a piece of the canary must answer exactly as searching for text found nowhere.
    client = client_as("editor", canary_world)
    piece, nowhere = canary_world.canary[7:23], "f" * 16
    for base in ("/search/?q=", "/api/agencies/?q=", "/api/partnerships/?q=", "/api/flags/?q="):
        pages = []
        for query in (piece, nowhere):
            response = client.get(base + query)
            shown = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text(response).split("\n\n", 1)[1])
            pages.append((response.status_code, shown.replace(query, "QUERY")))
        assert pages[0] == pages[1], base
