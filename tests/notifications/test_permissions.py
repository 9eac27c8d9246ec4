"""Who may see and do what with a serious incident notification, one status per role (the
world's single-role members: those needing an agency are the police's; tests/role_matrix.py).
Only the local authority's SLOs and agency executives and the business managers draft; in the
world no single-role member is of the local authority, so the business manager alone."""

import pytest
from django.urls import reverse

from cases.models import Role
from notifications import permissions, selectors
from tests.notifications import records as nt
from tests.role_matrix import assert_matrix, expect

pytestmark = pytest.mark.django_db
R = Role
# The notification's case (opened for it, the local authority's only) is seen partnership-wide
# by these; the police's roles do not see it (404), nor the lead reviewer.
CASE_READERS = {R.BUSINESS_MANAGER, R.REVIEW_GROUP_MEMBER, R.EXECUTIVE, R.SCRUTINEER}
NOT_THEIRS = set(Role) - CASE_READERS


def _u(side, name, *args):
    return reverse(name, args=[side.partnership.slug, *args])


def test_list_filter_and_predicate_agree(world):
    side = world.alpha
    n = nt.a_notification(side)
    for role in Role:
        member = side.members[role]
        listed = selectors.visible_notifications(member).filter(pk=n.pk).exists()
        assert listed == permissions.can_view_notification(member, n), role
        assert listed == (role in CASE_READERS), role


def test_notification_pages_matrix(world, client_for):
    side = world.alpha
    n = nt.a_notification(side)
    assert_matrix(
        client_for,
        side,
        "get",
        _u(side, "notifications:detail", n.pk),
        expect(200, CASE_READERS, hidden=NOT_THEIRS),
        outsider=world.outsider,
    )
    for name in (
        "notifications:edit",
        "notifications:submit",
        "notifications:acknowledge",
        "notifications:withdraw",
    ):
        assert_matrix(
            client_for,
            side,
            "get",
            _u(side, name, n.pk),
            expect({200, 302}, {R.BUSINESS_MANAGER}, hidden=NOT_THEIRS),
            outsider=world.outsider,
        )
    assert_matrix(
        client_for,
        side,
        "get",
        _u(side, "notifications:start_direct"),
        expect(200, {R.BUSINESS_MANAGER}, hidden=()),
        outsider=world.outsider,
    )
    assert_matrix(
        client_for,
        side,
        "get",
        _u(side, "notifications:list"),
        expect(200, set(Role), hidden=()),
        outsider=world.outsider,
    )


def test_withdraw_page_post_matrix(world, client_for):
    """An empty reason: the page again with the error (200) for who may withdraw; 403 to the
    other readers; 404 to the rest. Nothing is withdrawn."""
    side = world.alpha
    n = nt.a_notification(side)
    assert_matrix(
        client_for,
        side,
        "post",
        _u(side, "notifications:withdraw", n.pk),
        expect(200, {R.BUSINESS_MANAGER}, hidden=NOT_THEIRS),
        {"reason": ""},
        outsider=world.outsider,
    )
    n.refresh_from_db()
    assert n.status != "withdrawn"


def test_api_matrix(world, client_for):
    side = world.alpha
    n = nt.a_notification(side)
    assert_matrix(
        client_for,
        side,
        "get",
        _u(side, "notifications_api:notification-detail", n.pk),
        expect(200, CASE_READERS, hidden=NOT_THEIRS),
        outsider=world.outsider,
    )
    assert_matrix(
        client_for,
        side,
        "post",
        _u(side, "notifications_api:notification-list"),
        expect(400, {R.BUSINESS_MANAGER}, hidden=()),  # 400: no title nor awareness date
        {},
        outsider=world.outsider,
        content_type="application/json",
    )
    assert_matrix(
        client_for,
        side,
        "post",
        _u(side, "notifications_api:notification-withdraw", n.pk),
        expect(400, {R.BUSINESS_MANAGER}, hidden=NOT_THEIRS),  # 400: no reason
        {},
        outsider=world.outsider,
        content_type="application/json",
    )


def test_copies_matrix(world, client_for):
    """Everyone who sees the notification reads its copies; only who manages it ticks them."""
    side = world.alpha
    n = nt.a_submitted_notification(side)
    copy = nt.a_copy(side)
    assert_matrix(
        client_for,
        side,
        "get",
        _u(side, "notifications_api:copy-list", n.pk),
        expect(200, CASE_READERS, hidden=NOT_THEIRS),
        outsider=world.outsider,
    )
    for name in ("notifications:copies", "notifications:copy_add"):
        assert_matrix(
            client_for,
            side,
            "get",
            _u(side, name, n.pk),
            expect(200, {R.BUSINESS_MANAGER}, hidden=NOT_THEIRS),
            outsider=world.outsider,
        )
    assert_matrix(
        client_for,
        side,
        "post",
        _u(side, "notifications:copy_unsent", n.pk, copy.pk),
        expect(302, {R.BUSINESS_MANAGER}, hidden=NOT_THEIRS),
        outsider=world.outsider,
    )
