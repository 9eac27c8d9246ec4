"""Every page and API route that shows a person's details writes an access-log row.

The routes come from tests/tenant_registry.py (so a new route is walked the moment it is
registered, and the crawler makes registration compulsory). Each is fetched by a member who
holds every role; a response that contains one of the world's canaries (the child's NHS
number, a draft referral child's surname) must have added a row to the access log.
"""

import pytest
from django.urls import reverse

from cases.models import AccessLogEntry
from tests.tenant_registry import TENANT_PARAMETER, TENANT_URLS, all_urls
from tests.world import shared_world_fixtures

_shared_world_module, shared_world = shared_world_fixtures()

# The child's NHS number (not spaced: "943 476 5919" is also the GOV.UK example in hints) and the
# surname of the referral children and family members of tests/referrals/world.py.
CANARIES = ("9434765919", "Sample")
ROUTES = [u for u in all_urls() if u.is_tenant]


def _get(client, entry, side):
    kwargs = TENANT_URLS[entry.key](side)
    url = reverse(entry.key, kwargs={TENANT_PARAMETER: side.partnership.slug, **kwargs})
    return url, client.get(url)


@pytest.mark.parametrize("entry", ROUTES, ids=lambda e: e.key)
def test_a_route_that_shows_personal_details_logs_the_read(entry, shared_world, client_for):
    side = shared_world.alpha
    client = client_for(side.all_roles.user)
    TENANT_URLS[entry.key](side)  # records the route needs exist before counting
    before = AccessLogEntry.objects.count()
    url, response = _get(client, entry, side)
    if response.status_code != 200:
        return
    body = b"".join(response.streaming_content) if response.streaming else response.content
    text = body.decode("utf-8", "replace")
    shown = [c for c in CANARIES if c in text]
    if not shown:
        return
    assert AccessLogEntry.objects.count() > before, (
        f"GET {url} showed personal details ({', '.join(shown)}) without an access-log row"
    )


def test_the_walk_sees_personal_details_somewhere(shared_world, client_for):
    """The canaries are real: the case page shows the child's NHS number."""
    side = shared_world.alpha
    client = client_for(side.all_roles.user)
    response = client.get(
        reverse("cases_api:subject-list", args=[side.partnership.slug, side.case.pk])
    )
    assert "9434765919" in response.content.decode()
