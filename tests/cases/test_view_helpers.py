"""cases.views.helpers.form_page: the shape of a page with one form that one service saves (a GET
shows the form, a valid POST calls the service and redirects with a message, the form's or the
service's errors show the form again with 400)."""

from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.test import RequestFactory

from cases.errors import DomainError
from cases.views import helpers


class NameForm(forms.Form):
    name = forms.CharField(error_messages={"required": "Enter the name"})


class Calls:
    def __init__(self, result=None, error=None):
        self.result, self.error, self.kwargs = result, error, None

    def __call__(self, **kwargs):
        self.kwargs = kwargs
        if self.error:
            raise self.error
        return self.result


def _request(method="get", data=None):
    request = getattr(RequestFactory(), method)("/form/", data or {})
    request.user, request.membership = "the user", "the membership"
    request._messages = CookieStorage(request)
    return request


def _page(monkeypatch, request, service, **options):
    rendered = {}

    def render(request, template, context, status):
        rendered.update(template=template, context=context)
        return HttpResponse(status=status)

    monkeypatch.setattr(helpers, "render", render)
    form = NameForm(helpers.posted(request))
    options = {"done": "Saved.", "then": "/done/", **options}
    response = helpers.form_page(
        request, form, service, template="t.html", context={"title": "T"}, **options
    )
    return response, form, rendered


def test_a_get_shows_the_form_and_calls_nothing(monkeypatch):
    service = Calls()
    response, form, rendered = _page(monkeypatch, _request(), service, item="x")
    assert response.status_code == 200
    assert rendered == {"template": "t.html", "context": {"title": "T", "form": form}}
    assert service.kwargs is None


def test_a_valid_post_calls_the_service_says_done_and_redirects(monkeypatch):
    service = Calls(result="the row")
    request = _request("post", {"name": "Ann"})
    response, _, rendered = _page(monkeypatch, request, service, item="x")
    assert service.kwargs == {
        "actor": "the user",
        "membership": "the membership",
        "item": "x",
        "name": "Ann",
    }
    assert (response.status_code, response.url) == (302, "/done/")
    assert [str(m) for m in get_messages(request)] == ["Saved."]
    assert rendered == {}


def test_done_then_and_data_may_be_functions(monkeypatch):
    service = Calls(result="row 7")
    request = _request("post", {"name": "Ann"})
    response, _, _ = _page(
        monkeypatch,
        request,
        service,
        data=lambda form: {"called": form.cleaned_data["name"].upper()},
        done=lambda row: f"{row} was saved.",
        then=lambda row: f"/{row.split()[1]}/",
    )
    assert service.kwargs == {"actor": "the user", "membership": "the membership", "called": "ANN"}
    assert response.url == "/7/"
    assert [str(m) for m in get_messages(request)] == ["row 7 was saved."]


def test_the_forms_errors_answer_400_without_calling_the_service(monkeypatch):
    service = Calls()
    response, form, _ = _page(monkeypatch, _request("post"), service)
    assert response.status_code == 400
    assert form.errors == {"name": ["Enter the name"]}
    assert service.kwargs is None


def test_the_services_errors_go_on_the_form_with_400(monkeypatch):
    request = _request("post", {"name": "Ann"})
    error = ValidationError({"name": "Enter a shorter name"})
    response, form, _ = _page(monkeypatch, request, Calls(error=error))
    assert response.status_code == 400
    assert form.errors == {"name": ["Enter a shorter name"]}
    assert list(get_messages(request)) == []

    response, form, _ = _page(monkeypatch, request, Calls(error=DomainError("Not now.")))
    assert response.status_code == 400
    assert form.non_field_errors() == ["Not now."]
