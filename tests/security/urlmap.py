"""Every URL pattern of the project, and how to fill its parameters with real objects.

A new page whose parameters are not in the maps below makes the access tests fail with a message
saying what to add here: no pattern is ever left unrequested.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.core import signing
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.utils.regex_helper import normalize

from tests.security.world import CanaryWorld


@dataclass(frozen=True)
class Leaf:
    """One URL pattern: its route (as ResolverMatch.route names it), full regex and namespaced name."""

    route: str
    regex: str
    name: str
    callback: Any


def _join(first: str, second: str) -> str:
    return second if not first else first + second.removeprefix("^")


def leaves(resolver: URLResolver | None = None, route: str = "", regex: str = "", namespace: str = "") -> list[Leaf]:
    """All URL patterns, depth first, in resolution order."""
    resolver = resolver or get_resolver()
    found = []
    for pattern in resolver.url_patterns:
        here_route = _join(route, str(pattern.pattern))
        here_regex = _join(regex, pattern.pattern.regex.pattern)
        if isinstance(pattern, URLResolver):
            inner = (
                f"{namespace}:{pattern.namespace}"
                if namespace and pattern.namespace
                else (pattern.namespace or namespace)
            )
            found += leaves(pattern, here_route, here_regex, inner or "")
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace else str(pattern.name)
            found.append(Leaf(here_route, here_regex, name, pattern.callback))
    return found


def is_admin(leaf: Leaf) -> bool:
    """Django admin pages (staff only; anyone else is sent to the admin sign-in)."""
    return leaf.name.startswith("admin:")


#: Unnamed catch-all patterns, by route: the path to request.
CATCH_ALLS = {
    "api/[\\s\\S]*$": "/api/no-such-resource/",
    "admin/(?P<url>.*)$": "/admin/no-such-page/",
}

#: Parameters that look an object up by one of its fields.
LOOKUPS = ("pk", "id", "key", "code")

#: The object behind a lookup parameter, by URL name prefix (first match wins).
OBJECT_FOR = (
    ("api:flag-", "flag"),
    ("web:flag", "flag"),
    ("web:law", "city_ban"),
    ("web:agency", "sheriff"),
    ("web:alerts:remove", "watch"),
    ("web:law", "city_ban"),
    ("web:agency", "sheriff"),
    ("api:jurisdiction-", "city"),
    ("api:agency-", "sheriff"),
    ("api:partnership-", "sheriff_tfm"),
    ("api:instrument-", "city_ban"),
    ("api:provision-", "provision"),
    ("api:program-", "tfm"),
    ("api:deployment-", "deployment"),
    ("api:approval-", "approval"),
    ("api:sharingarrangement-", "arrangement"),
    ("api:sharingevent-", "sharing_event"),
    ("api:source-", "source"),
    ("api:rule-", "rule"),
)


def _object(world: CanaryWorld, leaf: Leaf) -> Any:
    for prefix, key in OBJECT_FOR:
        if leaf.name.startswith(prefix):
            return world.objects[key]
    raise LookupError(
        f"No object for the id parameter of {leaf.name!r} ({leaf.route}): add it to OBJECT_FOR in {__file__}"
    )


def parameter(world: CanaryWorld, leaf: Leaf, name: str, group_regex: str) -> str:
    """A real value for one path parameter."""
    if is_admin(leaf):
        if name == "app_label":
            return re.sub(r"\|.*", "", group_regex)
        return "1"
    if name == "ocd_id":
        return world.objects["city"].ocd_id
    if name == "geoid":
        return world.objects["state"].geoid
    if name == "rule_id":
        return str(world.objects["rule"])
    if name == "token":
        return signing.dumps(world.objects["watch"].pk, salt="synthetic-wrong-salt")
    if name in LOOKUPS:
        obj = _object(world, leaf)
        return obj if isinstance(obj, str) else str(getattr(obj, name))
    raise LookupError(
        f"No value for parameter {name!r} of {leaf.name!r} ({leaf.route}): add it to parameter() in {__file__}"
    )


def path_for(world: CanaryWorld, leaf: Leaf) -> str:
    """A path that resolves to this very pattern, its parameters filled with real objects."""
    if leaf.route in CATCH_ALLS:
        return CATCH_ALLS[leaf.route]
    template, names = normalize(leaf.regex)[0]
    groups = dict(re.findall(r"\(\?P<(\w+)>((?:[^()]|\([^()]*\))*)\)", leaf.regex))
    path = "/" + template % {name: parameter(world, leaf, name, groups.get(name, "")) for name in names}
    matched = resolve(path.split("?")[0]).route
    assert matched == leaf.route, f"{path} resolves to {matched!r}, not {leaf.route!r}: fix its entry in {__file__}"
    return path


#: Extra query strings worth requesting on some pages, by URL name.
EXTRA_QUERIES = {
    "web:search": ["q=Synthetic", "q=sheriff"],
    "web:memo-flags": ["flags={flag}"],
    "web:memo-flags-pdf": ["flags={flag}"],
    "web:queue": ["status=new"],
    "web:table-flags": ["format=csv", "format=xlsx", "status=all"],
    "web:table-agreements": ["format=csv", "status=all"],
    "web:dossier": ["as_of=2025-06-01"],
    "api:docs": ["script="],
    "web:changes": ["from=2025-01-01&to=2025-02-01"],
}


def queries(world: CanaryWorld, leaf: Leaf) -> list[str]:
    """Query strings to request the pattern with (besides none)."""
    found = [query.format(flag=world.objects["flag"].pk) for query in EXTRA_QUERIES.get(leaf.name, [])]
    view = getattr(leaf.callback, "cls", None)
    if getattr(view, "exportable", False) and getattr(leaf.callback, "actions", {}).get("get") == "list":
        found += ["format=csv", "format=xlsx"]
    return found
