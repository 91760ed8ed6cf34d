"""Review actions on a flag, one endpoint each; every one calls tracker.conflicts.services.

A client sends the `version` it read; if the flag changed meanwhile, the answer is 409 with the
flag's current state, so a concurrent edit is detected and never silently lost.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth import get_user_model
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.generics import get_object_or_404
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tracker.api.exceptions import Conflict
from tracker.api.permissions import ReviewersOnly
from tracker.api.schema import ErrorDetailSerializer
from tracker.api.serializers.flags import FlagDetailSerializer, FlagNoteSerializer
from tracker.api.views.base import StrictQueryMixin
from tracker.api.views.flags import FlagNoteListApi
from tracker.common import roles
from tracker.conflicts import services
from tracker.conflicts.choices import FlagStatus
from tracker.conflicts.models import Flag
from tracker.conflicts.selectors import flag_queryset


class FlagConflictSerializer(serializers.Serializer):
    """409: the error, and the flag as it is now."""

    error = ErrorDetailSerializer()
    current = FlagDetailSerializer()


class VersionedInput(serializers.Serializer):
    """The version of the flag the reviewer read."""

    expected_version = serializers.IntegerField(min_value=1, help_text="The flag's `version` as last read.")


class ReasonInput(VersionedInput):
    """A version and an optional reason."""

    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")


class RequiredReasonInput(VersionedInput):
    """A version and a reason (dismissals must say why)."""

    reason = serializers.CharField(max_length=2000, help_text="Why the flag is dismissed.")


class AssignInput(VersionedInput):
    """A version and the reviewer to assign (null to unassign)."""

    assignee = serializers.CharField(allow_null=True, max_length=150, help_text="A reviewer's username, or null.")

    def validate_assignee(self, value: str | None) -> Any:
        """The reviewer with this username."""
        if value is None:
            return None
        user = get_user_model().objects.filter(username=value, is_active=True).first()
        if user is None or not roles.is_reviewer(user):
            raise serializers.ValidationError("No active reviewer has this username.")
        return user


class FlagActionApi(StrictQueryMixin, APIView):
    """A review action on one flag, for reviewers."""

    permission_classes = [ReviewersOnly]
    input_serializer: ClassVar[type[serializers.Serializer]] = VersionedInput

    def act(self, flag: Flag, data: dict[str, Any], user: Any) -> Flag:
        """Apply the action through the service."""
        raise NotImplementedError

    def post(self, request: Request, pk: int) -> Response:
        """Validate, act, answer with the flag as it now is."""
        flag = get_object_or_404(Flag, pk=pk)
        data = self.input_serializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            self.act(flag, data.validated_data, request.user)
        except services.FlagConflictError as error:
            current = flag_queryset().get(pk=pk)
            raise Conflict(FlagDetailSerializer(current, context={"request": request}).data, str(error)) from error
        except services.FlagTransitionError as error:
            raise ValidationError({"non_field_errors": [str(error)]}, code="invalid_transition") from error
        return Response(FlagDetailSerializer(flag_queryset().get(pk=pk), context={"request": request}).data)


def _action_schema(input_serializer: type[serializers.Serializer], summary: str) -> Any:
    return extend_schema(request=input_serializer, responses={200: FlagDetailSerializer, 409: FlagConflictSerializer},
                         summary=summary)


class _Transition(FlagActionApi):
    to: ClassVar[str]

    def act(self, flag: Flag, data: dict[str, Any], user: Any) -> Flag:
        """Move the flag to `to`."""
        return services.flag_transition(
            flag=flag, to=self.to, by=user, reason=data.get("reason", ""), expected_version=data["expected_version"]
        )


class FlagStartReviewApi(_Transition):
    """Take a new (or reopened) flag into review."""

    to = FlagStatus.IN_REVIEW
    input_serializer = ReasonInput

    @_action_schema(ReasonInput, "Start (or reopen) the review of a flag")
    def post(self, request: Request, pk: int) -> Response:
        """Start the review."""
        return super().post(request, pk)


class FlagConfirmApi(_Transition):
    """Confirm that the conflict is real."""

    to = FlagStatus.CONFIRMED
    input_serializer = ReasonInput

    @_action_schema(ReasonInput, "Confirm a flag")
    def post(self, request: Request, pk: int) -> Response:
        """Confirm."""
        return super().post(request, pk)


class FlagDismissApi(_Transition):
    """Dismiss a flag, saying why."""

    to = FlagStatus.DISMISSED
    input_serializer = RequiredReasonInput

    @_action_schema(RequiredReasonInput, "Dismiss a flag with a reason")
    def post(self, request: Request, pk: int) -> Response:
        """Dismiss."""
        return super().post(request, pk)


class FlagResolveApi(_Transition):
    """Mark the conflict resolved (the law or the partnership changed)."""

    to = FlagStatus.RESOLVED
    input_serializer = ReasonInput

    @_action_schema(ReasonInput, "Resolve a flag")
    def post(self, request: Request, pk: int) -> Response:
        """Resolve."""
        return super().post(request, pk)


class FlagAssignApi(FlagActionApi):
    """Assign a flag to a reviewer, or unassign it."""

    input_serializer = AssignInput

    def act(self, flag: Flag, data: dict[str, Any], user: Any) -> Flag:
        """Assign through the service."""
        return services.flag_assign(
            flag=flag, assignee=data["assignee"], by=user, expected_version=data["expected_version"]
        )

    @_action_schema(AssignInput, "Assign a flag")
    def post(self, request: Request, pk: int) -> Response:
        """Assign."""
        return super().post(request, pk)


class NoteInput(serializers.Serializer):
    """A private note."""

    text = serializers.CharField(max_length=10_000)


class FlagNotesApi(FlagNoteListApi):
    """Read and add private notes on a flag (reviewers only)."""

    @extend_schema(request=NoteInput, responses={201: FlagNoteSerializer})
    def post(self, request: Request, pk: int) -> Response:
        """Add the note."""
        flag = get_object_or_404(Flag, pk=pk)
        data = NoteInput(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            note = services.flag_note_add(flag=flag, author=request.user, text=data.validated_data["text"])
        except services.FlagTransitionError as error:
            raise ValidationError({"text": [str(error)]}) from error
        return Response(FlagNoteSerializer(note).data, status=201)
