from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render

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


def form_page(request, form, service, /, *, template, context, done, then, data=None, **kwargs):
    """A page with one form that one service saves. A valid POST calls `service` with the actor,
    the membership, `kwargs` and the form's cleaned data (or `data(form)` where the service's
    arguments are not the form's fields), then says `done` and redirects to `then`; either may be
    a function of what the service returned. Otherwise (a GET, the form's or the service's
    errors) it renders `template` with the form and `context`, 400 when there are errors."""
    if request.method == "POST" and form.is_valid():
        result = run_service(
            form,
            service,
            actor=request.user,
            membership=request.membership,
            **kwargs,
            **(form.cleaned_data if data is None else data(form)),
        )
        if not failed(result):
            messages.success(request, done(result) if callable(done) else done)
            return redirect(then(result) if callable(then) else then)
    return render(request, template, {**context, "form": form}, status=400 if form.errors else 200)


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
