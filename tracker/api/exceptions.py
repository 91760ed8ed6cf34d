"""One error shape for the whole API: {"error": {"code", "message", "fields"}}."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

#: Codes for the statuses whose DRF exceptions carry no code of their own.
STATUS_CODES = {400: "invalid", 401: "not_authenticated", 403: "permission_denied", 404: "not_found", 409: "conflict"}


class Conflict(exceptions.APIException):
    """The resource changed since the client read it; the body carries its current state."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = "The resource was changed by someone else; reload it and try again."
    default_code = "conflict"

    def __init__(self, current: Any, detail: str | None = None) -> None:
        super().__init__(detail)
        self.current = current


def _flatten(detail: Any) -> Any:
    """Field errors as plain lists of strings (nested serializers keep their nesting)."""
    if isinstance(detail, dict):
        return {str(key): _flatten(value) for key, value in detail.items()}
    if isinstance(detail, list):
        return [str(item) if not isinstance(item, dict | list) else _flatten(item) for item in detail]
    return [str(detail)]


def error_body(code: str, message: str, fields: dict[str, Any] | None = None) -> dict[str, Any]:
    """The error envelope."""
    return {"error": {"code": code, "message": message, "fields": fields or {}}}


def error_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's handler, reshaped into the one error envelope."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = exception_handler(exc, context)
    if response is None or not isinstance(exc, exceptions.APIException):
        return response
    detail = exc.detail
    fields: dict[str, Any] = {}
    if isinstance(detail, dict):
        fields = _flatten(detail)
        non_field = fields.pop("non_field_errors", None)
        message = " ".join(non_field) if non_field else "The request has invalid fields."
        codes = exc.get_codes()
        non_field_codes = codes.get("non_field_errors") if isinstance(codes, dict) else None
        code = non_field_codes[0] if non_field and isinstance(non_field_codes, list) else "invalid"
    elif isinstance(detail, list):
        message = " ".join(str(item) for item in detail)
        code = "invalid"
    else:
        message = str(detail)
        code = getattr(detail, "code", None) or STATUS_CODES.get(response.status_code, "error")
    response.data = error_body(str(code), message, fields)
    if isinstance(exc, Conflict):
        response.data["current"] = exc.current
    return response


@csrf_exempt  # a 404 for every method: a CSRF refusal here would answer in HTML
def not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
    """Any unknown path under /api/ answers in the error envelope, not Django's HTML page."""
    return JsonResponse(error_body("not_found", "No API resource at this path."), status=404)
