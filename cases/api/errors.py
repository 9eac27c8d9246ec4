from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions, status
from rest_framework.metadata import SimpleMetadata
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from cases.errors import DomainError, InvalidTransition


def exception_handler(exc, context):
    """Domain and model validation errors become 4xx answers with a reason, never a 500."""
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        exc = exceptions.ValidationError(detail)
    elif isinstance(exc, InvalidTransition):
        return Response({"detail": str(exc)}, status=status.HTTP_409_CONFLICT)
    elif isinstance(exc, DomainError):
        return Response({"detail": str(exc)}, status=status.HTTP_400_BAD_REQUEST)
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    return drf_exception_handler(exc, context)


class Metadata(SimpleMetadata):
    """OPTIONS describes a view's write actions where it has a serializer to describe them by;
    views that take free JSON (the workflow settings) answer with their name and formats only,
    instead of failing on the missing serializer."""

    def determine_actions(self, request, view):
        try:
            return super().determine_actions(request, view)
        except AssertionError:  # DRF: "should either include a `serializer_class`"
            return {}
