"""Who may see and do what with a rapid review, one status per role (the world's single-role
members: those needing an agency are the police's; tests/role_matrix.py). The review's case
involves the police, so everyone but the lead reviewer (named on no case) reads it; only the
business manager starts or withdraws it."""

import pytest
from django.urls import reverse

from cases.models import Role
from rapid_reviews import permissions, selectors
from rapid_reviews.choices import ReviewStatus
from tests.rapid_reviews import records as rv
from tests.role_matrix import assert_matrix, expect

pytestmark = pytest.mark.django_db
R = Role
READERS = set(Role) - {R.LEAD_REVIEWER}
JSON = {"content_type": "application/json"}


def _u(side, name, *args):
    return reverse(name, args=[side.partnership.slug, *args])


def test_list_filter_and_predicate_agree(world):
    side = world.alpha
    review = rv.a_review(side)
    for role in Role:
        member = side.members[role]
        listed = selectors.visible_reviews(member).filter(pk=review.pk).exists()
        assert listed == permissions.can_view_review(member, review), role
        assert listed == (role in READERS), role


def test_pages_matrix(world, client_for):
    side = world.alpha
    review = rv.a_review(side)
    assert_matrix(
        client_for,
        side,
        "get",
        _u(side, "rapid_reviews:detail", review.pk),
        expect(200, READERS),
        outsider=world.outsider,
    )
    assert_matrix(
        client_for,
        side,
        "get",
        _u(side, "rapid_reviews:list"),
        expect(200, set(Role), hidden=()),
        outsider=world.outsider,
    )
    assert_matrix(
        client_for,
        side,
        "get",
        _u(side, "rapid_reviews:start", review.case.pk),
        expect(200, {R.BUSINESS_MANAGER}),
        outsider=world.outsider,
    )
    # An empty reason: the page again with the error for who may withdraw; nothing changes.
    assert_matrix(
        client_for,
        side,
        "post",
        _u(side, "rapid_reviews:withdraw", review.pk),
        expect(200, {R.BUSINESS_MANAGER}),
        {"reason": ""},
        outsider=world.outsider,
    )
    review.refresh_from_db()
    assert review.status == ReviewStatus.IN_PROGRESS


def test_api_matrix(world, client_for):
    side = world.alpha
    review = rv.a_review(side)
    assert_matrix(
        client_for,
        side,
        "get",
        _u(side, "rapid_reviews_api:rapid-review-detail", review.pk),
        expect(200, READERS),
        outsider=world.outsider,
    )
    assert_matrix(
        client_for,
        side,
        "get",
        _u(side, "rapid_reviews_api:rapid-review-list"),
        expect(200, set(Role), hidden=()),
        outsider=world.outsider,
    )
    # 409: the case's review is running.
    assert_matrix(
        client_for,
        side,
        "post",
        _u(side, "rapid_reviews_api:rapid-review-list"),
        expect(409, {R.BUSINESS_MANAGER}),
        {"case": review.case.pk, "source": "executive_decision"},
        outsider=world.outsider,
        **JSON,
    )
    assert_matrix(
        client_for,
        side,
        "post",
        _u(side, "rapid_reviews_api:rapid-review-withdraw", review.pk),
        expect(400, {R.BUSINESS_MANAGER}),  # 400: no reason
        {},
        outsider=world.outsider,
        **JSON,
    )
