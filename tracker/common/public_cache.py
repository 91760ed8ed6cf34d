"""A shared cache of public answers: what an anonymous visitor gets, kept in Redis for many visitors.

Only a GET with no cookie and no Authorization header is looked up or stored: such a request is
anonymous, so its answer holds nothing private, and a signed-in user (who has a session cookie or
a token) always gets a fresh answer. Only a complete 200 that sets no cookie, given to nobody signed
in, is stored, so no session or CSRF token is ever handed to somebody else; streamed exports are
never stored.

Every key carries the current *generation*, a random token that `changed()` replaces after any
write commits (a fact saved, an import, a sweep, a review), so a write is visible at once. If that
replacement is lost (Redis down at that moment), an entry still lives at most
PUBLIC_CACHE_SECONDS. Cache hits skip the API's throttles: they cost the server almost nothing.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse

GENERATION = "public-cache:generation"
HEADER = "X-Lookout-Cache"


def generation() -> str:
    """The current generation token, made if there is none (first use, or evicted)."""
    token = cache.get(GENERATION)
    if token is None:
        cache.add(GENERATION, secrets.token_hex(8), timeout=None)
        token = cache.get(GENERATION) or "unreachable"
    return str(token)


def _renew() -> None:
    cache.set(GENERATION, secrets.token_hex(8), timeout=None)


def changed() -> None:
    """Retire every cached public answer once the current transaction commits (at once outside one)."""
    connection = transaction.get_connection()
    if not any(callback is _renew for _, callback, _ in connection.run_on_commit):  # once per transaction
        transaction.on_commit(_renew, robust=True)


def _cacheable(request: HttpRequest) -> bool:
    return (
        settings.PUBLIC_CACHE_SECONDS > 0
        and request.method == "GET"
        and not request.META.get("HTTP_COOKIE")
        and not request.META.get("HTTP_AUTHORIZATION")
    )


def _key(request: HttpRequest) -> str:
    parts = (request.build_absolute_uri(), request.META.get("HTTP_ACCEPT", ""))
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"public-cache:{generation()}:{digest}"


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    control = response.get("Cache-Control", "")
    user = getattr(request, "user", None)  # set by the session and API authentication, if anyone signed in
    return (
        not getattr(user, "is_authenticated", False)
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in control
        and "no-store" not in control
    )


class PublicCacheMiddleware:
    """Answer anonymous GETs from the shared cache; store the ones that may be shared."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _cacheable(request):
            return self.get_response(request)
        key = _key(request)
        cached = cache.get(key)
        if cached is not None:
            cached[HEADER] = "hit"
            return cached
        response = self.get_response(request)
        if _storable(request, response):
            response[HEADER] = "miss"
            cache.set(key, response, timeout=settings.PUBLIC_CACHE_SECONDS)
        return response
