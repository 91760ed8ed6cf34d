"""Reverse the memo and watch URLs whether they are mounted at the top level or inside the pages' namespace."""

from __future__ import annotations

from typing import Any

from django.urls import NoReverseMatch, reverse

#: Where the pages app may mount these modules: at the root of the URL configuration, or under "web".
PREFIXES = ("", "web:")


def site_reverse(name: str, *args: Any) -> str:
    """The path of a memo or watch URL name ("memo-flags", "alerts:list"), wherever it is mounted."""
    for prefix in PREFIXES:
        try:
            return reverse(prefix + name, args=args)
        except NoReverseMatch:
            continue
    raise NoReverseMatch(f"{name!r} is not mounted at the root nor under 'web'.")
