"""Who may do what: deny by default; each view names the roles it opens to."""

from __future__ import annotations

from typing import Any

from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request

from tracker.common import roles


class DenyAll(BasePermission):
    """The default: a view that names no permission is closed to everyone."""

    #: Methods anonymous users may call (the OpenAPI schema marks them as needing no credentials).
    anonymous_methods: tuple[str, ...] = ()

    def has_permission(self, request: Request, view: Any) -> bool:
        """Never."""
        return False


class ReadAnyoneWriteEditors(BasePermission):
    """Public facts: anyone reads; editors (and admins) write."""

    message = "Only editors may change facts."
    anonymous_methods = SAFE_METHODS

    def has_permission(self, request: Request, view: Any) -> bool:
        """Reads for all; writes for editors."""
        return request.method in SAFE_METHODS or roles.is_editor(request.user)


class ReadAnyone(BasePermission):
    """Public, read-only data (rules, the schema)."""

    anonymous_methods = SAFE_METHODS

    def has_permission(self, request: Request, view: Any) -> bool:
        """Reads only."""
        return request.method in SAFE_METHODS


class ReviewersOnly(BasePermission):
    """Review actions and trails."""

    message = "Only reviewers may do this."

    def has_permission(self, request: Request, view: Any) -> bool:
        """Reviewers and admins."""
        return roles.is_reviewer(request.user)
