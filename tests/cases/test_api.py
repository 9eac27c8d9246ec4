"""The API: bad input answers 4xx with a reason, never a 500; token and session authentication;
the OpenAPI schema and docs page."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from cases.models import Case, Role, Subject
from tests.factories import UserFactory, api_token, make_member
from tests.world import PDF_BYTES

BM = Role.BUSINESS_MANAGER


def _api(side, name, **kwargs):
    return reverse(
        f"cases_api:{name}", kwargs={"partnership_slug": side.partnership.slug, **kwargs}
    )


@pytest.fixture
def bm_client(world, client_for):
    return client_for(world.alpha.user(BM))


def _post(client, url, data, method="post"):
    return getattr(client, method)(url, data, content_type="application/json")


# --- Reasons for bad input ----------------------------------------------------------------------


def test_case_create_reasons(world, bm_client):
    side = world.alpha
    url = _api(side, "case-list")
    response = _post(bm_client, url, {"summary": "no title"})
    assert response.status_code == 400
    assert response.json() == {"title": ["This field is required."]}

    response = _post(
        bm_client,
        url,
        {
            "title": "x" * 121,
            "incident_date": "yesterday",
            "agencies": [world.beta.agencies["police"].pk],
        },
    )
    assert response.status_code == 400
    body = response.json()
    assert set(body) == {"title", "incident_date", "agencies"}
    assert "Invalid pk" in body["agencies"][0]  # another partnership's agency does not exist here

    response = _post(bm_client, url, {"title": "Child K", "agencies": [side.agencies["la"].pk]})
    assert response.status_code == 201
    created = response.json()
    assert created["reference"].startswith("ALP-")
    assert created["agencies"] == [side.agencies["la"].pk]
    # Read-only fields are ignored, not obeyed.
    response = _post(
        bm_client,
        _api(side, "case-detail", pk=created["id"]),
        {"reference": "HACK-1", "stage": "closed"},
        method="patch",
    )
    assert response.status_code == 200
    case = Case.objects.get(pk=created["id"])
    assert (case.reference, case.stage) == (created["reference"], "referral")


def test_case_patch_restricts(world, bm_client):
    side = world.alpha
    url = _api(side, "case-detail", pk=side.case.pk)
    response = _post(bm_client, url, {"is_restricted": True, "title": "Child T1"}, "patch")
    assert response.status_code == 200
    side.case.refresh_from_db()
    assert side.case.is_restricted and side.case.title == "Child T1"


def test_subject_reasons_match_the_pages(world, bm_client):
    side = world.alpha
    url = _api(side, "subject-list", case_pk=side.case.pk)
    response = _post(
        bm_client,
        url,
        {
            "role": "child",
            "first_name": "A",
            "nhs_number": "9434765918",
            "date_of_birth": "2020-05-01",
            "date_of_death": "2019-01-01",
            "ethnicity": "other",
        },
    )
    assert response.status_code == 400
    body = response.json()
    assert "check digit" in body["nhs_number"][0]
    assert "after the date of birth" in body["date_of_death"][0]
    assert body["ethnicity_other"] == ["Enter the other ethnic group."]
    response = _post(bm_client, url, {"role": "uncle", "first_name": "A", "sex": "x"})
    assert response.status_code == 400
    assert set(response.json()) == {"role", "sex"}
    response = _post(
        bm_client, url, {"role": "sibling", "first_name": "B", "nhs_number": "943 476 5919"}
    )
    assert response.status_code == 201
    assert Subject.objects.get(pk=response.json()["id"]).nhs_number == "9434765919"
    detail = _api(side, "subject-detail", case_pk=side.case.pk, pk=side.subject.pk)
    response = _post(
        bm_client, detail, {"date_of_death": "1999-01-01", "date_of_birth": "2000-01-01"}, "patch"
    )
    assert response.status_code == 400
    assert "date_of_death" in response.json()


def test_invitation_reasons(world, bm_client):
    side = world.alpha
    url = _api(side, "invitation-create")
    cases = [
        ({"email": "a@example.test", "roles": ["emperor"]}, "roles"),
        ({"email": "a@example.test", "roles": ["slo"]}, "agency"),
        ({"email": "a@example.test", "roles": []}, "roles"),
        ({"email": "not-an-email", "roles": ["executive"]}, "email"),
        ({"email": side.user(Role.SLO).email, "roles": ["executive"]}, "email"),
        (
            {"email": "a@example.test", "roles": ["slo"], "agency": world.beta.agencies["la"].pk},
            "agency",
        ),
    ]
    for payload, field in cases:
        response = _post(bm_client, url, payload)
        assert response.status_code == 400, (payload, response.content)
        assert field in response.json(), (payload, response.json())
    response = _post(
        bm_client,
        url,
        {"email": "Sam@Example.test", "roles": ["slo"], "agency": side.agencies["police"].pk},
    )
    assert response.status_code == 201
    assert response.json()["email"] == "sam@example.test"


def test_domain_errors_are_400_with_a_reason(world, client_for):
    """A service refusing on business grounds answers with its reason."""
    side = world.alpha
    reviewer = UserFactory(email="independent@example.test")
    make_member(world.beta.partnership, Role.LEAD_REVIEWER, user=reviewer)
    client = client_for(side.user(BM))
    response = _post(
        client,
        _api(side, "invitation-create"),
        {"email": "independent@example.test", "roles": ["lead_reviewer"]},
    )
    assert response.status_code == 201  # existing accounts can be invited


def test_malformed_requests(world, bm_client):
    side = world.alpha
    url = _api(side, "case-list")
    response = bm_client.post(url, "{not json", content_type="application/json")
    assert response.status_code == 400
    assert "JSON parse error" in response.json()["detail"]
    response = bm_client.post(url, "title=x", content_type="text/plain")
    assert response.status_code == 415
    response = bm_client.get(url, {"page": "9999"})
    assert response.status_code == 404
    response = bm_client.delete(_api(side, "case-detail", pk=side.case.pk))
    assert response.status_code == 405


GARBAGE = [
    [],
    [1, 2, 3],
    "a string",
    None,
    0,
    {"title": None, "first_name": None, "text": None, "email": None, "roles": None},
    {"title": ["x"], "first_name": {"a": 1}, "text": [], "email": 5, "roles": "slo"},
    {"agencies": "1", "agency": "police"},
    {"agencies": [None, "x", 1.5, -1, 2**70]},
    {"agency": 2**70},
    {"incident_date": 20260101, "date_of_birth": "0000-00-00", "awareness_date": "2026-02-30"},
    {"role": "child", "first_name": "x" * 100_000},
    {"role": "child", "first_name": "nul\x00byte", "title": "nul\x00", "text": "nul\x00"},
    {"is_restricted": "maybe", "nhs_number": 9434765919},
    {"roles": [["executive"]], "email": "a@b.test"},
    {"roles": ["executive"] * 1000, "email": "a@b.test"},
]


@pytest.mark.parametrize(
    ("name", "method", "child"),
    [
        ("case-list", "post", False),
        ("case-detail", "patch", False),
        ("subject-list", "post", True),
        ("subject-detail", "patch", True),
        ("note-list", "post", True),
        ("invitation-create", "post", False),
    ],
)
def test_garbage_never_500(world, bm_client, name, method, child):
    side = world.alpha
    if name == "case-detail":
        kwargs = {"pk": side.case.pk}
    elif name == "subject-detail":
        kwargs = {"case_pk": side.case.pk, "pk": side.subject.pk}
    elif child:
        kwargs = {"case_pk": side.case.pk}
    else:
        kwargs = {}
    url = _api(side, name, **kwargs)
    for payload in GARBAGE:
        response = getattr(bm_client, method)(
            url, json.dumps(payload), content_type="application/json"
        )
        assert response.status_code < 500, (payload, response.status_code)
        if response.status_code >= 400:
            assert response.json(), payload  # a reason, not an empty body


def test_attachment_garbage_never_500(world, bm_client):
    side = world.alpha
    url = _api(side, "attachment-list", case_pk=side.case.pk)
    for data in (
        {},
        {"file": "not a file"},
        {"file": SimpleUploadedFile("x.exe", b"MZ" + b"\0" * 64)},
    ):
        response = bm_client.post(url, data)
        assert response.status_code == 400, data
        assert "file" in response.json()
    response = bm_client.post(url, {"file": SimpleUploadedFile("ok.pdf", PDF_BYTES)})
    assert response.status_code == 201
    assert response.json()["content_type"] == "application/pdf"


# --- Authentication -----------------------------------------------------------------------------


def test_token_authentication(world):
    side = world.alpha
    user = side.user(Role.SLO)
    client = Client(HTTP_AUTHORIZATION=f"Token {api_token(user)}")
    response = client.get(_api(side, "case-list"))
    assert response.status_code == 200
    assert [c["id"] for c in response.json()["results"]] == [side.case.pk]
    me = client.get(reverse("api_me")).json()
    assert [m["partnership"] for m in me] == ["alpha"]
    bad = Client(HTTP_AUTHORIZATION="Token not-a-real-token").get(_api(side, "case-list"))
    assert bad.status_code == 401
    assert bad["WWW-Authenticate"] == "Token"
    assert bad.json() == {"detail": "Invalid token."}


def test_anonymous_gets_no_data(world):
    response = Client().get(_api(world.alpha, "case-list"))
    assert response.status_code == 401
    assert "results" not in response.json()


# --- OpenAPI ------------------------------------------------------------------------------------


def test_schema_generates_without_errors_or_warnings(tmp_path):
    out = tmp_path / "schema.yml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    text = out.read_text()
    assert "/api/p/{partnership_slug}/cases/" in text
    assert "tokenAuth" in text and "cookieAuth" in text


@pytest.mark.parametrize("signed_in", [False, True])
def test_schema_and_docs_pages_render(world, client_for, signed_in):
    client = client_for(world.alpha.user(BM)) if signed_in else Client()
    schema = client.get(reverse("api_schema"))
    assert schema.status_code == 200
    assert b"openapi: 3" in schema.content
    docs = client.get(reverse("api_docs"))
    assert docs.status_code == 200
    assert b"swagger" in docs.content.lower()
    assert b"cdn" not in docs.content.lower()  # served from our own static files


@pytest.mark.parametrize("name", ["subject-list", "note-list", "attachment-list"])
def test_child_endpoints_find_the_case_before_reading_the_body(world, client_for, name):
    """An empty POST about another partnership's case is a 404, never a 400 that shows the
    case exists (the case used to be looked up only after the body was validated)."""
    beta = world.beta
    client = client_for(beta.user(BM))
    for case_pk in (world.alpha.case.pk, 2_000_000_000):
        response = client.post(_api(beta, name, case_pk=case_pk), {})
        assert response.status_code == 404, (case_pk, response.content)
