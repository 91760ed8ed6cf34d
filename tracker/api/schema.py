"""OpenAPI generation: every operation documents the error responses it can return."""

from __future__ import annotations

from typing import Any, Literal

from drf_spectacular.openapi import AutoSchema
from rest_framework import serializers

from tracker.places.models import OCD_ID_REGEX

ERROR_STATUSES = {
    "400": "Invalid input: unknown query parameter, bad filter value, malformed page or body.",
    "401": "Not signed in (or a bad token) where signing in is required.",
    "403": "Signed in, but the role does not allow this.",
    "404": "No such resource, or a page past the end.",
    "406": "The Accept header asks for a format the API cannot produce.",
    "429": "Too many requests from this client; retry later.",
}
BODY_ERROR_STATUSES = {"415": "The request body is not JSON."}


class ErrorDetailSerializer(serializers.Serializer):
    """What went wrong."""

    code = serializers.CharField(help_text="Stable machine code, e.g. not_found, invalid, conflict.")
    message = serializers.CharField(help_text="A sentence for people.")
    # DRF's metaclass moves declared fields out of the class, so this key does not replace `Serializer.fields`.
    fields = serializers.DictField(  # type: ignore[assignment]
        child=serializers.JSONField(), help_text="Per field (or query parameter): its messages."
    )


class ErrorSerializer(serializers.Serializer):
    """The one error envelope of the API."""

    error = ErrorDetailSerializer()


class LookoutAutoSchema(AutoSchema):
    """AutoSchema that adds the error envelope for every status the API can answer with."""

    def get_auth(self) -> list[dict[str, Any]]:
        """Operations open to anonymous clients say so (an empty requirement), so clients know a token is optional."""
        auths = super().get_auth()
        opens = any(self.method in getattr(p, "anonymous_methods", ()) for p in self.view.get_permissions())
        if opens and {} not in auths:
            auths.append({})
        return auths

    def _get_response_bodies(self, direction: Literal["request", "response"] = "response") -> dict[str, Any]:
        responses = super()._get_response_bodies(direction)
        statuses = dict(ERROR_STATUSES)
        if self.method in ("POST", "PUT", "PATCH"):
            statuses.update(BODY_ERROR_STATUSES)
        statuses.update(getattr(self.view, "error_statuses", {}))
        for code, description in statuses.items():
            if code not in responses:
                response = self._get_response_for_code(ErrorSerializer, code, None, direction)
                response["description"] = description
                responses[code] = response
        return responses


def drop_uri_format_on_output(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """Optional links are stored as "", which is no "uri": keep the format on input fields only."""
    for component in result.get("components", {}).get("schemas", {}).values():
        for prop in component.get("properties", {}).values():
            if prop.get("readOnly") and prop.get("format") == "uri":
                del prop["format"]
    return result


#: Patterns of natural-key query parameters.
QUERY_PATTERNS = {"jurisdiction": OCD_ID_REGEX, "state": r"^[A-Za-z]{2}$"}


def nonempty_query_strings(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """The API refuses an empty query value (`?state=`) rather than ignoring it; natural keys and ids have a form."""
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []) if isinstance(operation, dict) else []:
                schema = parameter.get("schema", {})
                if parameter.get("in") == "query" and parameter.get("description", "").endswith("'s id."):
                    schema.update(minimum=1, maximum=2**63 - 1)
                if parameter.get("in") == "query" and schema.get("type") == "string":
                    schema.setdefault("minLength", 1)
                    if parameter["name"] in QUERY_PATTERNS:
                        schema.setdefault("pattern", QUERY_PATTERNS[parameter["name"]])
    return result
