"""The API router: resources, workflow actions, schema and docs, all under /api/."""

import base64
import hashlib
import re
from pathlib import Path

import drf_spectacular
from csp.decorators import csp_update
from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import APIRootView, DefaultRouter

from tracker.api.exceptions import not_found
from tracker.api.permissions import ReadAnyone
from tracker.api.views.auth import LoginApi, LogoutApi, MeApi, TokenCreateApi, TokenRevokeApi
from tracker.api.views.flag_actions import (
    FlagAssignApi,
    FlagConfirmApi,
    FlagDismissApi,
    FlagNotesApi,
    FlagResolveApi,
    FlagStartReviewApi,
)
from tracker.api.views.flags import FlagTrailApi, FlagViewSet
from tracker.api.views.laws import InstrumentViewSet, ProvisionViewSet
from tracker.api.views.partnerships import (
    ApprovalViewSet,
    DeploymentViewSet,
    PartnershipViewSet,
    ProgramViewSet,
    SharingArrangementViewSet,
    SharingEventViewSet,
)
from tracker.api.views.places import AgencyViewSet, JurisdictionViewSet
from tracker.api.views.reach import ReachApi
from tracker.api.views.rules import RuleViewSet
from tracker.api.views.sources import SourceViewSet

app_name = "api"


def _swagger_style_hashes() -> list[str]:
    """CSP hashes of the inline <style> in drf-spectacular's Swagger page (its script is served separately)."""
    template = Path(drf_spectacular.__file__).parent / "templates" / "drf_spectacular" / "swagger_ui.html"
    blocks = re.findall(r"<style>(.*?)</style>", template.read_text(), flags=re.DOTALL)
    return [f"'sha256-{base64.b64encode(hashlib.sha256(block.encode()).digest()).decode()}'" for block in blocks]


# The split view serves Swagger UI's start-up script as a file, so no inline script is allowed.
docs_view = csp_update({"style-src": _swagger_style_hashes()})(
    SpectacularSwaggerSplitView.as_view(url_name="api:schema")
)


class RootView(APIRootView):
    """The list of resources, open to anyone."""

    permission_classes = [ReadAnyone]


class Router(DefaultRouter):
    """The router, without format suffixes (formats are a query parameter here)."""

    include_format_suffixes = False
    APIRootView = RootView


router = Router()
router.register("jurisdictions", JurisdictionViewSet, basename="jurisdiction")
router.register("agencies", AgencyViewSet, basename="agency")
router.register("instruments", InstrumentViewSet, basename="instrument")
router.register("provisions", ProvisionViewSet, basename="provision")
router.register("programs", ProgramViewSet, basename="program")
router.register("partnerships", PartnershipViewSet, basename="partnership")
router.register("deployments", DeploymentViewSet, basename="deployment")
router.register("sharing-arrangements", SharingArrangementViewSet, basename="sharingarrangement")
router.register("sharing-events", SharingEventViewSet, basename="sharingevent")
router.register("approvals", ApprovalViewSet, basename="approval")
router.register("sources", SourceViewSet, basename="source")
router.register("rules", RuleViewSet, basename="rule")
router.register("flags", FlagViewSet, basename="flag")

urlpatterns = [
    path("auth/token/", TokenCreateApi.as_view(), name="auth-token"),
    path("auth/token/revoke/", TokenRevokeApi.as_view(), name="auth-token-revoke"),
    path("auth/login/", LoginApi.as_view(), name="auth-login"),
    path("auth/logout/", LogoutApi.as_view(), name="auth-logout"),
    path("auth/me/", MeApi.as_view(), name="auth-me"),
    path("flags/<int:pk>/trail/", FlagTrailApi.as_view(), name="flag-trail"),
    path("flags/<int:pk>/notes/", FlagNotesApi.as_view(), name="flag-notes"),
    path("flags/<int:pk>/assign/", FlagAssignApi.as_view(), name="flag-assign"),
    path("flags/<int:pk>/start-review/", FlagStartReviewApi.as_view(), name="flag-start-review"),
    path("flags/<int:pk>/confirm/", FlagConfirmApi.as_view(), name="flag-confirm"),
    path("flags/<int:pk>/dismiss/", FlagDismissApi.as_view(), name="flag-dismiss"),
    path("flags/<int:pk>/resolve/", FlagResolveApi.as_view(), name="flag-resolve"),
    path("reach/", ReachApi.as_view(), name="reach"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", docs_view, name="docs"),
    *router.urls,
    # Anything else under /api/ answers in the API's error shape.
    re_path(r"^[\s\S]*$", not_found),  # [\s\S], not ".", so a path with a newline is caught too
]
