"""The case's awareness date changed on the case page (cases.services.cases.case_update): a
live notification takes the new date and its clock moves (registered from
NotificationsConfig.ready() with cases.extensions.register_awareness_listener). The other
direction, the notification's date changing the case's, is in services/drafts.py; each side
changes only what differs, so neither calls the other back."""

from cases.models import Deadline
from cases.services.deadlines import stage_recompute
from notifications.choices import LIVE_STATUSES
from notifications.models import SeriousIncidentNotification
from notifications.services._common import audit
from notifications.services.drafts import STAGE


def notification_follow_case(actor, membership, case) -> None:
    notification = (
        SeriousIncidentNotification.objects.select_for_update()
        .filter(case=case, status__in=LIVE_STATUSES)
        .first()
    )
    if notification is None or case.awareness_date is None:
        return
    if notification.awareness_date == case.awareness_date:
        return
    before = notification.awareness_date
    notification.awareness_date = case.awareness_date
    notification.save(update_fields=["awareness_date", "updated_at"])
    audit(
        actor=actor,
        obj=notification,
        case=case,
        action="update",
        changes={
            "awareness_date": [
                before.isoformat() if before else None,
                case.awareness_date.isoformat(),
            ]
        },
        note="The date the local authority became aware was changed on the case",
    )
    if Deadline.objects.filter(case=case, stage=STAGE).exists():
        stage_recompute(
            actor=actor,
            case=case,
            stage=STAGE,
            day_zero=case.awareness_date,
            reason="The case's date the local authority became aware was corrected",
        )
