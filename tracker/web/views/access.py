"""Who may open reviewer pages: anonymous users are sent to sign in, others without the role get 403."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from tracker.common.roles import is_reviewer

View = Callable[..., HttpResponse]


def reviewer_required(view: View) -> View:
    """Let reviewers (and admins) through; tracker.common.roles decides."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("web:login"))
        if not is_reviewer(request.user):
            raise PermissionDenied("Reviewers only.")
        return view(request, *args, **kwargs)

    return wrapped
