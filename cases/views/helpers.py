from functools import wraps

from django.core.exceptions import PermissionDenied, ValidationError

from cases.errors import DomainError

_FAILED = object()


def posted(request):
    """The POST data for a bound form, even when it is empty (an empty QueryDict is falsy, so
    `request.POST or None` would show a blank form instead of the errors)."""
    return request.POST if request.method == "POST" else None


def posted_files(request):
    return request.FILES if request.method == "POST" else None


def run_service(form, fn, **kwargs):
    """Call a service; put its validation or domain errors on the form. Returns FAILED on error.
    A form's `service_fields` maps a service's field name to the form's, where they differ."""
    try:
        return fn(**kwargs)
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            names = getattr(form, "service_fields", {})
            for field, errors in exc.message_dict.items():
                field = names.get(field, field)
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, exc.messages)
    except DomainError as exc:
        form.add_error(None, str(exc))
    return _FAILED


def failed(result) -> bool:
    return result is _FAILED


def require(predicate):
    """View decorator: 403 unless predicate(request.membership) holds."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not predicate(request.membership):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
