"""The tenant-isolation crawler: every URL, pages and API alike, answers another partnership's
records with 404, exactly like records that do not exist.

The URLs come from the URL resolver itself, so a new URL is covered without anyone writing a test
for it; its parameters come from tests/tenant_registry.py, and a URL missing there fails by name.
"""

import pytest
from django.test import Client
from django.urls import reverse

from cases.models import Role
from tests.factories import api_token
from tests.tenant_registry import (
    GLOBAL_URLS,
    TENANT_PARAMETER,
    TENANT_URLS,
    all_urls,
    unregistered,
)
from tests.world import shared_world_fixtures

# One world for the module: each URL's test runs in a savepoint of its own.
_shared_world_module, shared_world = shared_world_fixtures()

ALL_URLS = all_urls()
TENANT = [u for u in ALL_URLS if u.is_tenant]
PAGE_METHODS = ("get", "post")
API_METHODS = ("get", "post", "put", "patch", "delete")
# Authentication is method-blind: the token and the outsider are tried with these only.
OTHER_CLIENT_METHODS = ("get", "post")
MISSING_ID = 2_147_483_000  # an id no record has


def _fill(entry, side) -> dict:
    kwargs = TENANT_URLS[entry.key](side)
    expected = set(entry.params) - {TENANT_PARAMETER}
    assert set(kwargs) == expected, (
        f"tests/tenant_registry.py fills {sorted(kwargs)} for {entry.key!r}, "
        f"but its route {entry.route} takes {sorted(expected)}"
    )
    return kwargs


def _url(entry, slug: str, kwargs: dict) -> str:
    return reverse(entry.key, kwargs={TENANT_PARAMETER: slug, **kwargs})


def _missing(kwargs: dict) -> dict:
    return {k: MISSING_ID if isinstance(v, int) else f"{v}-missing" for k, v in kwargs.items()}


def _request(client: Client, method: str, url: str):
    if method == "get":
        return client.get(url)
    if method == "post":
        return client.post(url, {})
    # The API's other methods: a JSON body, as a real client sends.
    return getattr(client, method)(url, {}, content_type="application/json")


@pytest.mark.parametrize("entry", ALL_URLS, ids=lambda e: e.key)
def test_url_is_registered(entry):
    problem = unregistered(entry)
    if problem:
        pytest.fail(problem)


def test_registry_names_only_existing_urls():
    keys = {u.key for u in ALL_URLS}
    stale = sorted((set(TENANT_URLS) | set(GLOBAL_URLS)) - keys)
    assert not stale, f"tests/tenant_registry.py registers URLs that no longer exist: {stale}"
    misplaced = sorted(k for k in GLOBAL_URLS if k in {u.key for u in TENANT})
    assert not misplaced, f"These take a partnership_slug; move them to TENANT_URLS: {misplaced}"


def test_crawler_finds_pages_and_api():
    """Guard the walker itself: it must see nested includes and DRF routes."""
    keys = {u.key for u in TENANT}
    assert "cases:case_detail" in keys
    assert "cases_api:subject-detail" in keys
    assert any(u.is_api for u in TENANT) and any(not u.is_api for u in TENANT)


@pytest.mark.parametrize("entry", TENANT, ids=lambda e: e.key)
def test_other_partnership_gets_404(entry, shared_world, client_for):
    problem = unregistered(entry)
    if problem:
        pytest.fail(problem)
    world = shared_world
    victim, attacker_side = world.alpha, world.beta
    kwargs = _fill(entry, victim)
    victim_url = _url(entry, victim.partnership.slug, kwargs)
    attacker = attacker_side.all_roles.user  # every role, in the other partnership

    clients = {"session": client_for(attacker)}
    if entry.is_api:
        clients["token"] = Client(HTTP_AUTHORIZATION=f"Token {api_token(attacker)}")
    clients["outsider"] = client_for(world.outsider)
    methods = API_METHODS if entry.is_api else PAGE_METHODS

    failures = []

    def check(label, client, method, url, *, missing_url=None):
        response = _request(client, method, url)
        status = response.status_code
        if status == 404:
            return
        # Method not allowed on this URL at all: fine if a missing record answers the same.
        if (
            status == 405
            and missing_url is not None
            and _request(client, method, missing_url).status_code == 405
        ):
            return
        failures.append(f"{method.upper()} {url} as {label}: expected 404, got {status}")

    def methods_for(label):
        return methods if label == "session" else OTHER_CLIENT_METHODS

    # (b)/(c) The victim's slug: not a member there, whatever the ids.
    for label, client in clients.items():
        for method in methods_for(label):
            check(label, client, method, victim_url)

    # (a)/(c) The attacker's own slug with the victim's ids.
    if kwargs:
        cross_url = _url(entry, attacker_side.partnership.slug, kwargs)
        missing_url = _url(entry, attacker_side.partnership.slug, _missing(kwargs))
        for label, client in clients.items():
            if label == "outsider":
                continue
            for method in methods_for(label):
                check(label, client, method, cross_url, missing_url=missing_url)

    assert not failures, "Another partnership's records must answer 404:\n" + "\n".join(failures)

    # (d) Sanity: the victim's own business manager reaches the same URL, so the filler is right
    # and this test can fail.
    owner = client_for(victim.members[Role.BUSINESS_MANAGER].user)
    status = owner.get(victim_url).status_code
    assert status != 404, (
        f"GET {victim_url} as {victim.partnership.slug}'s own business manager answered 404: "
        f"the filler for {entry.key!r} in tests/tenant_registry.py does not point at a record "
        f"the partnership can reach, so the isolation checks above prove nothing"
    )
