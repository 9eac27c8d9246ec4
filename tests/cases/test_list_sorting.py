"""The cases and referrals lists sort by their columns (issue 11): whitelisted keys, the heading
as the link, aria-sort on the sorted column, and the other keys ignored."""

import re

import pytest
from django.urls import reverse

from cases.models import Role
from cases.services import cases as case_services
from tests.referrals import helpers

pytestmark = pytest.mark.django_db


def _cases(side, *titles):
    bm = side.members[Role.BUSINESS_MANAGER]
    return [case_services.case_create(actor=bm.user, membership=bm, title=t) for t in titles]


def _order(html, names):
    return sorted(names, key=html.index)


def _list(client, side, **params):
    url = reverse("cases:case_list", args=[side.partnership.slug])
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def test_cases_list_sorts_by_title_both_ways(world, client_for):
    side = world.alpha
    _cases(side, "Child B", "Child Z", "Child A")
    client = client_for(side.members[Role.BUSINESS_MANAGER].user)
    titles = ["Child A", "Child B", "Child T", "Child Z"]  # Child T: the world's own case
    html = _list(client, side, sort="title")
    assert _order(html, titles) == titles
    assert re.search(r'<th scope="col" class="govuk-table__header" aria-sort="ascending">', html)
    assert "(sorted ascending)" in html
    html = _list(client, side, sort="title", order="desc")
    assert _order(html, titles) == titles[::-1]
    assert 'aria-sort="descending"' in html


def test_the_sorted_columns_link_sorts_it_the_other_way(world, client_for):
    side = world.alpha
    client = client_for(side.members[Role.BUSINESS_MANAGER].user)
    html = _list(client, side, sort="title", q="Child", page="1")
    # Filters kept, the page dropped, the direction turned round.
    assert 'href="?sort=title&amp;q=Child&amp;order=desc"' in html
    assert 'href="?sort=reference&amp;q=Child"' in html


def test_cases_list_opens_newest_first_and_ignores_unknown_sorts(world, client_for):
    side = world.alpha
    _cases(side, "Child Older")
    _cases(side, "Child Newer")
    client = client_for(side.members[Role.BUSINESS_MANAGER].user)
    for params in ({}, {"sort": "created_by"}, {"sort": "title; drop table", "order": "x"}):
        html = _list(client, side, **params)
        assert _order(html, ["Child Older", "Child Newer"]) == ["Child Newer", "Child Older"]
        assert 'aria-sort="descending"' in html  # the Opened column


def test_cases_list_is_paginated(world, client_for):
    side = world.alpha
    _cases(side, *[f"Child {n:02d}" for n in range(26)])
    client = client_for(side.members[Role.BUSINESS_MANAGER].user)
    html = _list(client, side, sort="title")
    assert "govuk-pagination" in html and "Child 24" in html and "Child T" not in html
    html = _list(client, side, sort="title", page=2)
    assert "Child T" in html and "Child 00" not in html


def test_referral_list_sorts_by_reference(world, client_for):
    side = world.alpha
    first = helpers.submitted(side)
    second = helpers.submitted(side)
    client = client_for(side.members[Role.BUSINESS_MANAGER].user)
    url = reverse("referrals:list", args=[side.partnership.slug])
    refs = [first.reference, second.reference]
    html = client.get(url, {"sort": "reference"}).content.decode()
    assert _order(html, refs) == refs and 'aria-sort="ascending"' in html
    html = client.get(url, {"sort": "reference", "order": "desc"}).content.decode()
    assert _order(html, refs) == refs[::-1]
