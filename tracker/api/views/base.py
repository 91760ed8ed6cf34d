"""What every resource view shares: strict query parameters, exports, recorded writes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, mixins, serializers, viewsets
from rest_framework.exceptions import Throttled, ValidationError
from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import APIView

from tracker.api import exports
from tracker.api.permissions import ReadAnyoneWriteEditors

EXPORT_FORMATS = ("csv", "xlsx")
FORMAT_PARAMETER = OpenApiParameter(
    "format", OpenApiTypes.STR, enum=["json", *EXPORT_FORMATS],
    description="json (default, paginated), or csv / xlsx: the whole filtered list as a download.",
)


class ExportThrottle(SimpleRateThrottle):
    """Exports are heavier than pages: their own rate per user or address."""

    scope = "export"

    def get_cache_key(self, request: Request, view: Any) -> str:
        """Per user when signed in, else per client address."""
        ident = request.user.pk if request.user.is_authenticated else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


if TYPE_CHECKING:
    # The mixins are checked as parts of the views they are mixed into.
    class _ListView(mixins.ListModelMixin, generics.GenericAPIView):
        """A list view."""

    _View = APIView
else:
    _ListView = _View = object


class StrictQueryMixin(_View):
    """An unknown query parameter is a 400: a typo like ?stat=LA must not return the whole country."""

    exportable = False

    def allowed_query_parameters(self) -> set[str]:
        """Filters, ordering and paging on lists; nothing on single records."""
        allowed: set[str] = {"format"}  # ?format=json is accepted everywhere; exports add csv and xlsx
        if getattr(self, "action", None) == "list":
            filterset_class = getattr(self, "filterset_class", None)
            if filterset_class is not None:
                allowed |= set(filterset_class.base_filters)
            paginator = getattr(self, "paginator", None)
            if paginator is not None:
                allowed |= {paginator.page_query_param, paginator.page_size_query_param}
        return allowed

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        """After authentication, permissions and throttles, refuse parameters the view does not know."""
        super().initial(request, *args, **kwargs)
        unknown = sorted(set(request.query_params) - self.allowed_query_parameters())
        if unknown:
            raise ValidationError({name: ["Unknown query parameter."] for name in unknown})
        # An empty value (?state=) is a mistake, not "no filter": say so rather than answer for everything.
        empty = sorted(name for name, values in request.query_params.lists() if "" in values)
        if empty:
            raise ValidationError({name: ["Empty value."] for name in empty})
        exports = self.exportable and getattr(self, "action", None) == "list"
        if not exports and request.query_params.get("format", "json") != "json":
            raise ValidationError({"format": ["Must be json here; csv and xlsx are offered on exportable lists."]})


class ExportListMixin(_ListView):
    """`?format=csv` / `?format=xlsx` on a list: every filtered row, streamed, columns from the list serializer."""

    exportable = True
    export_name = "export"

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Any:
        """JSON pages, or a download of the whole filtered list."""
        fmt = request.query_params.get("format", "json")
        if fmt == "json":
            return super().list(request, *args, **kwargs)
        if fmt not in EXPORT_FORMATS:
            raise ValidationError({"format": [f"Must be one of: json, {', '.join(EXPORT_FORMATS)}."]})
        throttle = ExportThrottle()
        if not throttle.allow_request(request, self):
            raise Throttled(throttle.wait())
        serializer_class = self.get_serializer_class()
        if not issubclass(serializer_class, serializers.Serializer):
            raise TypeError(f"{type(self).__name__}: an export's columns come from a serializer's fields.")
        queryset = self.filter_queryset(self.get_queryset())
        table = exports.rows(queryset, serializer_class, self.get_serializer_context())
        if fmt == "csv":
            return exports.csv_response(table, self.export_name)
        return exports.xlsx_response(table, self.export_name)


class FactReadViewSet(StrictQueryMixin, viewsets.ReadOnlyModelViewSet):
    """Public, read-only facts."""

    permission_classes = [ReadAnyoneWriteEditors]
    list_serializer_class: Any = None

    def get_serializer_class(self) -> Any:
        """The list serializer on lists (and exports), the detail one elsewhere."""
        if self.action == "list" and self.list_serializer_class is not None:
            return self.list_serializer_class
        return super().get_serializer_class()


class FactViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, FactReadViewSet):
    """Facts editors may create and correct (never delete: history and flags refer to them)."""

    http_method_names = ["get", "post", "put", "patch", "head", "options"]


def export_schema(serializer_class: Any, what: str) -> Any:
    """Document the format parameter and the CSV / XLSX responses of an exportable list."""
    return extend_schema(
        parameters=[FORMAT_PARAMETER],
        responses={
            (200, "application/json"): serializer_class,
            (200, "text/csv"): OpenApiTypes.STR,
            (200, exports.XLSX_TYPE): OpenApiTypes.BINARY,
        },
        description=f"List {what}; `format=csv` or `format=xlsx` downloads every filtered row.",
    )

