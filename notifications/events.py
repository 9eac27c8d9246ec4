"""The case's day-zero events the notifications app records: the serious incident notification,
the day the local authority submitted it (Dorset 002 5.1: "the date of the Serious Incident
Notification is day zero"), and the National Panel's recommendation of a local review."""

from cases.calendar import local_date
from notifications.choices import PanelDecision
from notifications.models import PanelResponse, SeriousIncidentNotification


def notification_events(case) -> dict:
    submitted = (
        SeriousIncidentNotification.objects.filter(case=case, submitted_at__isnull=False)
        .order_by("-submitted_at", "-pk")
        .values_list("submitted_at", flat=True)
        .first()
    )
    return {
        "notification": local_date(submitted) if submitted else None,
        "panel_recommendation": _panel_recommendation(case),
    }


def _panel_recommendation(case):
    """The day the National Panel's reply recommending a local review arrived (Dorset 002 7.6
    counts the LCSPR's six months from it)."""
    return (
        PanelResponse.objects.filter(
            case=case, decision=PanelDecision.LOCAL_REVIEW, received_on__isnull=False
        )
        .order_by("-received_on", "-pk")
        .values_list("received_on", flat=True)
        .first()
    )
