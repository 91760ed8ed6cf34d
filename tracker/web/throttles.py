"""Rate limits on the pages that cost the server most (PDF memos), shared with the API's throttle store."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from rest_framework.throttling import SimpleRateThrottle


class MemoPdfThrottle(SimpleRateThrottle):
    """PDF memos per signed-in user, or per client address for anonymous visitors, each with its own rate."""

    def __init__(self, request: HttpRequest) -> None:
        self.scope = "memo_pdf_user" if request.user.is_authenticated else "memo_pdf_anon"
        super().__init__()

    def get_cache_key(self, request: Any, view: Any) -> str:
        """Per user when signed in, else per client address (proxies as the API trusts them)."""
        ident = request.user.pk if request.user.is_authenticated else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


def pdf_allowed(request: HttpRequest) -> tuple[bool, int]:
    """Whether this request may build a PDF now, and else how many seconds to wait."""
    throttle = MemoPdfThrottle(request)
    # A page's request, not the API's: the throttle reads only its user and address.
    if throttle.allow_request(request, None):  # type: ignore[arg-type]
        return True, 0
    return False, int(throttle.wait() or 1) + 1
