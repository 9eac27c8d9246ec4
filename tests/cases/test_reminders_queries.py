"""Reminder lists cost the same number of queries for 5 rows and for 500."""

import datetime as dt
import itertools

import pytest
from django.urls import reverse

from cases.models import Case, Deadline, Notification, NotificationKind, Role
from tests.query_guard import assert_constant_queries

_serial = itertools.count(1)


def grow_notifications(side, user):
    """Notifications about deadlines of different cases."""

    def grow(n):
        start = next(_serial) * 10_000
        cases = Case.objects.bulk_create(
            [
                Case(
                    partnership=side.partnership,
                    reference=f"{side.partnership.code}-N-{start + i}",
                    title="Case",
                    created_by=user,
                )
                for i in range(n)
            ]
        )
        deadlines = Deadline.objects.bulk_create(
            [
                Deadline(
                    partnership=side.partnership,
                    case=c,
                    stage="rapid_review",
                    key="step",
                    label="A step",
                    day_zero=dt.date(2026, 11, 2),
                    due=dt.date(2026, 11, 23),
                )
                for c in cases
            ]
        )
        Notification.objects.bulk_create(
            [
                Notification(
                    partnership=side.partnership,
                    user=user,
                    deadline=d,
                    key=f"q:{d.pk}",
                    kind=NotificationKind.REMINDER,
                    step="due",
                    step_date=d.due,
                    message=f"{d.pk} is due",
                )
                for d in deadlines
            ]
        )
        return deadlines

    return grow


@pytest.mark.parametrize("name", ["cases:notifications", "cases_api:notification-list"])
def test_notification_lists(world, client_for, name):
    side = world.alpha
    user = side.user(Role.BUSINESS_MANAGER)
    url = reverse(name, args=[side.partnership.slug])
    assert_constant_queries(client_for(user), url, grow_notifications(side, user))


def test_deadlines_api(world, client_for):
    side = world.alpha
    user = side.user(Role.BUSINESS_MANAGER)

    def grow(n):
        start = next(_serial) * 10_000
        Deadline.objects.bulk_create(
            [
                Deadline(
                    partnership=side.partnership,
                    case=side.case,
                    stage="rapid_review",
                    key=f"k{start + i}",
                    label="A step",
                    day_zero=dt.date(2026, 11, 2),
                    due=dt.date(2026, 11, 23),
                )
                for i in range(n)
            ]
        )

    url = reverse("cases_api:deadline-list", args=[side.partnership.slug, side.case.pk])
    assert_constant_queries(client_for(user), url, grow)


def test_my_work_with_many_reminders(world, client_for):
    side = world.alpha
    user = side.user(Role.BUSINESS_MANAGER)
    url = reverse("cases:home", args=[side.partnership.slug])
    assert_constant_queries(client_for(user), url, grow_notifications(side, user))
