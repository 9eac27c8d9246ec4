"""A notification and a request on each side of the world (tests/world.py), made on first use
through the services, for the tenant crawler and the row-level security world. The world's
all-roles member belongs to the local authority, so drafts as its SLO."""

from notifications.models import NotificationRequest, SeriousIncidentNotification
from notifications.services import drafts, requests


def a_notification(side) -> SeriousIncidentNotification:
    if "notification" not in side.extra:
        found = SeriousIncidentNotification.objects.filter(partnership=side.partnership).first()
        if found is None:
            la = side.all_roles
            found = drafts.notification_start(
                actor=la.user,
                membership=la,
                title="Child S",
                awareness_date=side.case.incident_date,
            )
            drafts.notification_update(
                actor=la.user,
                membership=la,
                notification=found,
                # "Sample": a canary of tests/test_access_log_coverage.py, so every
                # route that shows the child's name must log the read.
                children=[{"first_name": "Sam", "last_name": "Sample"}],
            )
        side.extra["notification"] = found
    return side.extra["notification"]


def a_request(side) -> NotificationRequest:
    if "notification_request" not in side.extra:
        from cases.models import Role

        slo = side.members[Role.SLO]  # the police SLO
        side.extra["notification_request"] = requests.notification_request_raise(
            actor=slo.user, membership=slo, case=side.case, reason="Neglect suspected."
        )
    return side.extra["notification_request"]
