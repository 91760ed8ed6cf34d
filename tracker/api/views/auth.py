"""Signing in: a session for the browser, a token for scripts; both throttled."""

from __future__ import annotations

from django.contrib.auth import authenticate, login, logout
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from tracker.api.views.base import StrictQueryMixin
from tracker.common import roles


class CredentialsSerializer(serializers.Serializer):
    """A username and password."""

    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=128, trim_whitespace=False, style={"input_type": "password"})

    def validate(self, attrs: dict[str, str]) -> dict[str, object]:
        """The active user with these credentials, or a 400 that does not say which part was wrong."""
        user = authenticate(self.context.get("request"), username=attrs["username"], password=attrs["password"])
        if user is None or not user.is_active:
            raise serializers.ValidationError("Unable to sign in with these credentials.", code="invalid_credentials")
        return {"user": user}


class AuthApi(StrictQueryMixin, APIView):
    """Sign-in endpoints share a strict rate per client."""

    permission_classes = [AllowAny]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "auth"


class TokenCreateApi(AuthApi):
    """Exchange a username and password for the user's API token (for scripts)."""

    class OutputSerializer(serializers.Serializer):
        """The token to send as `Authorization: Token <key>`."""

        token = serializers.CharField()

    @extend_schema(request=CredentialsSerializer, responses={200: OutputSerializer})
    def post(self, request: Request) -> Response:
        """The user's token (created on first use)."""
        credentials = CredentialsSerializer(data=request.data, context={"request": request._request})
        credentials.is_valid(raise_exception=True)
        token, _ = Token.objects.get_or_create(user=credentials.validated_data["user"])
        return Response({"token": token.key})


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
