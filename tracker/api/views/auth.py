"""Signing in: a session for the browser, a token for scripts; both throttled and locked out by django-axes.

Script tokens are django-rest-knox tokens: the database keeps only a SHA-512 digest, and each token
expires (REST_KNOX["TOKEN_TTL"]). A deactivated user's session and tokens stop working at once.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import authenticate, login, logout
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from drf_spectacular.utils import extend_schema, inline_serializer
from knox.auth import TokenAuthentication
from knox.models import AuthToken
from rest_framework import serializers, status
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from tracker.api.exceptions import error_body
from tracker.api.views.base import StrictQueryMixin
from tracker.common import roles

LOCKED_OUT = "Too many failed sign-ins for this account from this address; try again in an hour."


def lockout_response(request: HttpRequest, original_response: HttpResponse | None, credentials: Any) -> HttpResponse:
    """django-axes' answer to a locked-out sign-in: the API's error shape under /api/, plain text elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse(error_body("locked_out", LOCKED_OUT), status=429)
    return HttpResponse(LOCKED_OUT, status=429, content_type="text/plain; charset=utf-8")


class CredentialsSerializer(serializers.Serializer):
    """A username and password."""

    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=128, trim_whitespace=False, style={"input_type": "password"})

    def validate(self, attrs: dict[str, str]) -> dict[str, object]:
        """The active user with these credentials, or a 401 that does not say which part was wrong."""
        user = authenticate(self.context.get("request"), username=attrs["username"], password=attrs["password"])
        if user is None or not user.is_active:
            raise AuthenticationFailed("Unable to sign in with these credentials.", code="invalid_credentials")
        return {"user": user}


class AuthApi(StrictQueryMixin, APIView):
    """Sign-in endpoints share a strict rate per client."""

    permission_classes = [AllowAny]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "auth"


class TokenCreateApi(AuthApi):
    """Exchange a username and password for a new, expiring API token (for scripts)."""

    class OutputSerializer(serializers.Serializer):
        """The token to send as `Authorization: Token <token>`; shown once, stored only as a digest."""

        token = serializers.CharField()
        expiry = serializers.DateTimeField(allow_null=True, help_text="When the token stops working.")

    @extend_schema(request=CredentialsSerializer, responses={200: OutputSerializer})
    def post(self, request: Request) -> Response:
        """A new token for the user; expired ones are removed."""
        credentials = CredentialsSerializer(data=request.data, context={"request": request._request})
        credentials.is_valid(raise_exception=True)
        user = credentials.validated_data["user"]
        AuthToken.objects.filter(user=user, expiry__lt=timezone.now()).delete()
        instance, token = AuthToken.objects.create(user=user)
        return Response({"token": token, "expiry": instance.expiry})


class TokenRevokeApi(StrictQueryMixin, APIView):
    """Revoke the token this request is signed with."""

    authentication_classes = [TokenAuthentication]
    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={204: None})
    def post(self, request: Request) -> Response:
        """Delete the token; it fails from the next request on."""
        request.auth.delete()
        return Response(status=status.HTTP_204_NO_CONTENT)


class LoginApi(AuthApi):
    """Start a browser session."""

    @extend_schema(request=CredentialsSerializer, responses={204: None})
    def post(self, request: Request) -> Response:
        """Sign in with a session cookie."""
        credentials = CredentialsSerializer(data=request.data, context={"request": request._request})
        credentials.is_valid(raise_exception=True)
        login(request._request, credentials.validated_data["user"])
        return Response(status=status.HTTP_204_NO_CONTENT)


class LogoutApi(StrictQueryMixin, APIView):
    """End the browser session."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={204: None})
    def post(self, request: Request) -> Response:
        """Sign out."""
        logout(request._request)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeApi(StrictQueryMixin, APIView):
    """Who the request is signed in as, and what the roles allow."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        responses=inline_serializer(
            "Me",
            {
                "username": serializers.CharField(),
                "is_editor": serializers.BooleanField(),
                "is_reviewer": serializers.BooleanField(),
                "is_admin": serializers.BooleanField(),
            },
        )
    )
    def get(self, request: Request) -> Response:
        """The signed-in user's name and roles."""
        user = request.user
        return Response({
            "username": user.get_username(),
            "is_editor": roles.is_editor(user),
            "is_reviewer": roles.is_reviewer(user),
            "is_admin": roles.is_admin(user),
        })
