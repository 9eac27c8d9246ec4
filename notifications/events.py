"""The case's day-zero event the notifications app records: the serious incident notification,
the day the local authority submitted it (Dorset 002 5.1: "the date of the Serious Incident
Notification is day zero")."""

from cases.calendar import local_date
from notifications.models import SeriousIncidentNotification


def notification_events(case) -> dict:
    submitted = (
        SeriousIncidentNotification.objects.filter(case=case, submitted_at__isnull=False)
        .order_by("-submitted_at", "-pk")
        .values_list("submitted_at", flat=True)
        .first()
    )
    return {"notification": local_date(submitted) if submitted else None}
