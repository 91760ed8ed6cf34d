"""Friendly error pages for people, also when DEBUG is on (the embedded default): a debug page lists
every URL pattern of the site, which no visitor needs to read."""

from __future__ import annotations

from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

#: Paths whose errors keep their own shape (the API's JSON errors, the admin).
OWN_ERRORS = ("/api/", "/admin/")


def not_found(request: HttpRequest, message: str = "") -> HttpResponse:
    """The site's 404 page."""
    return render(request, "404.html", {"message": message}, status=404)


class FriendlyNotFoundMiddleware:
    """A page a person reads for every 404 outside the API and the admin, whatever DEBUG says."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        """Replace Django's debug 404 (a URL that matches no pattern) with the site's page."""
        response = self.get_response(request)
        if (
            response.status_code == 404
            and not getattr(response, "friendly", False)
            and not request.path.startswith(OWN_ERRORS)
            and response.get("Content-Type", "").startswith("text/html")
        ):
            response = not_found(request)
            response.friendly = True  # type: ignore[attr-defined]
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        """A view's Http404 keeps its message on the friendly page."""
        if not isinstance(exception, Http404) or request.path.startswith(OWN_ERRORS):
            return None
        response = not_found(request, str(exception))
        response.friendly = True  # type: ignore[attr-defined]
        return response
