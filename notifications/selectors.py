"""Reads: every query starts from the partnership and the cases the member can see."""

from django.db.models import QuerySet
from django.http import Http404

from cases.permissions import mark_visible, visible_cases
from notifications.choices import LIVE_STATUSES
from notifications.models import (
    NotificationCopy,
    NotificationRequest,
    PanelResponse,
    SeriousIncidentNotification,
)


def visible_notifications(membership) -> QuerySet[SeriousIncidentNotification]:
    """The list filter paired with permissions.can_view_notification."""
    return SeriousIncidentNotification.objects.filter(
        partnership=membership.partnership_id,
        case__in=visible_cases(membership).values("pk"),
    ).select_related("case", "case__partnership")


def notification_for_user(*, membership, pk) -> SeriousIncidentNotification:
    """404 alike for a notification that does not exist and one the member may not see."""
    found = visible_notifications(membership).filter(pk=pk).first()
    if found is None:
        raise Http404("No such notification")
    mark_visible(found.case, membership)
    return found


def live_notification(case) -> SeriousIncidentNotification | None:
    return (
        SeriousIncidentNotification.objects.filter(case=case, status__in=LIVE_STATUSES)
        .select_related("case")
        .first()
    )


def case_notifications(case) -> QuerySet[SeriousIncidentNotification]:
    return SeriousIncidentNotification.objects.filter(case=case).select_related("case")


def visible_requests(membership) -> QuerySet[NotificationRequest]:
    return NotificationRequest.objects.filter(
        partnership=membership.partnership_id,
        case__in=visible_cases(membership).values("pk"),
    ).select_related("case", "case__partnership", "agency", "raised_by")


def request_for_user(*, membership, pk) -> NotificationRequest:
    found = visible_requests(membership).filter(pk=pk).first()
    if found is None:
        raise Http404("No such request")
    mark_visible(found.case, membership)
    return found


def visible_panel_responses(membership) -> QuerySet[PanelResponse]:
    return PanelResponse.objects.filter(
        partnership=membership.partnership_id,
        case__in=visible_cases(membership).values("pk"),
    ).select_related("case", "case__partnership", "letter")


def panel_response_for_user(*, membership, pk) -> PanelResponse:
    found = visible_panel_responses(membership).filter(pk=pk).first()
    if found is None:
        raise Http404("No such reply")
    mark_visible(found.case, membership)
    return found


def case_panel_responses(case) -> QuerySet[PanelResponse]:
    return PanelResponse.objects.filter(case=case).order_by("-round", "-id")


def copy_of_notification(notification, pk):
    """One of the notification's copies (404 for another's: the notification was checked)."""
    found = NotificationCopy.objects.filter(notification=notification, pk=pk).first()
    if found is None:
        raise Http404("No such copy")
    found.notification = notification
    return found
