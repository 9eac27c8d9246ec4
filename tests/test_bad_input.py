"""Bad input answers 4xx with a reason, never 500 (issue 10, point 5)."""

import pytest
from django.urls import reverse

from cases.models import Role
from tests.factories import api_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def bm(world):
    return world.alpha.members[Role.BUSINESS_MANAGER]


@pytest.fixture
def api(bm):
    from rest_framework.test import APIClient

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(bm.user)}")
    return client


@pytest.mark.parametrize(
    ("name", "query"),
    [
        ("cases:case_list", "q=%00"),
        ("cases:case_list", "stage=%00"),
        ("cases_api:case-list", "q=%00"),
        ("cases:search", "q=%00"),
        ("cases_api:search", "q=Thorn%00ton"),
        ("cases:case_list", "sort=%00"),
        ("referrals:list", "status=%00"),
        ("referrals:queue", "status=a%00b"),
    ],
)
def test_a_nul_character_in_the_query_is_a_400(world, bm, client_for, api, name, query):
    url = reverse(name, args=[world.alpha.partnership.slug]) + "?" + query
    client = api if "_api:" in name else client_for(bm.user)
    response = client.get(url)
    assert response.status_code == 400, response.status_code
    assert "NUL" in response.content.decode()


def test_a_nul_character_in_a_json_body_is_a_400(world, api):
    url = reverse("cases_api:workflow-settings", args=[world.alpha.partnership.slug])
    response = api.patch(
        url, data='{"reminder_policy": {"x": "a\\u0000b"}}', content_type="application/json"
    )
    assert response.status_code == 400
    assert "NUL" in response.json()["detail"]


def test_a_day_zero_beyond_the_calendar_is_a_400(world, api):
    url = reverse("cases_api:schedule-preview", args=[world.alpha.partnership.slug])
    response = api.get(url, {"stage": "rapid_review", "day_zero": "9999-12-31"})
    assert response.status_code == 400
    assert "between 2000 and 2100" in str(response.json())


@pytest.mark.parametrize("method", ["options", "trace"])
def test_options_and_trace_on_the_workflow_settings_never_fail(world, api, method):
    url = reverse("cases_api:workflow-settings", args=[world.alpha.partnership.slug])
    response = getattr(api, method)(url)
    assert response.status_code in (200, 405), response.status_code


@pytest.mark.parametrize(
    "path",
    ["/api/p/alpha/cases/not-a-number/", "/api/p/no-such-partnership/cases/", "/api/nowhere/"],
)
def test_the_api_answers_not_found_in_json(world, api, path):
    response = api.get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Not found."}


def test_the_schema_says_a_membership_may_have_no_agency(api):
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    agency = schema["components"]["schemas"]["Membership"]["properties"]["agency"]
    assert agency.get("nullable") is True, agency
