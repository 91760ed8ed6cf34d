"""Page-number pagination: `page`, `page_size` up to 1000, `{count, next, previous, results}`."""

from __future__ import annotations

from typing import Any

from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request

MAX_PAGE_SIZE = 1000


def _positive_int(request: Request, name: str, maximum: int | None = None) -> int | None:
    raw = request.query_params.get(name)
    if raw is None:
        return None
    if not raw.isdigit() or int(raw) < 1 or (maximum is not None and int(raw) > maximum):
        limit = f" between 1 and {maximum}" if maximum else " of at least 1"
        raise ValidationError({name: [f"Must be a whole number{limit}."]})
    return int(raw)


class Pagination(PageNumberPagination):
    """An oversized or malformed page size is a 400, never silently clamped."""

    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def get_page_size(self, request: Request) -> int | None:
        """The requested page size, validated."""
        return _positive_int(request, self.page_size_query_param, MAX_PAGE_SIZE) or self.page_size

    def paginate_queryset(self, queryset: Any, request: Request, view: Any = None) -> list[Any] | None:
        """Reject a malformed page number as 400; a page past the end stays DRF's 404."""
        _positive_int(request, self.page_query_param)
        return super().paginate_queryset(queryset, request, view)

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        """All four keys are always present."""
        result = super().get_paginated_response_schema(schema)
        result["required"] = ["count", "next", "previous", "results"]
        return result

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        """Document the bounds of page and page_size."""
        params = super().get_schema_operation_parameters(view)
        for param in params:
            param["schema"]["minimum"] = 1
            if param["name"] == self.page_size_query_param:
                param["schema"]["maximum"] = MAX_PAGE_SIZE
        return params
