from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from cases.audit import audit_record
from cases.emails import email_enqueue
from cases.models import AgencyType, Membership, Role
from notifications.models import SeriousIncidentNotification


def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def locked(notification: SeriousIncidentNotification) -> SeriousIncidentNotification:
    fresh = SeriousIncidentNotification.objects.select_for_update().get(pk=notification.pk)
    notification.refresh_from_db()
    return fresh


def audit(*, actor, obj, case, action: str, changes=None, note: str = ""):
    return audit_record(
        actor=actor,
        partnership=case.partnership,
        action=f"notification.{action}",
        obj=obj,
        case=case,
        changes=changes or {},
        note=note,
    )


def la_members(partnership_id) -> list[str]:
    """The local authority's notifying members and the business managers."""
    la = Membership.objects.active().filter(
        partnership=partnership_id,
        agency__agency_type=AgencyType.LOCAL_AUTHORITY,
        roles__role__in=[Role.SLO, Role.AGENCY_EXECUTIVE],
    )
    bms = Membership.objects.active().filter(
        partnership=partnership_id, roles__role=Role.BUSINESS_MANAGER
    )
    return sorted(
        set(la.values_list("user__email", flat=True))
        | set(bms.values_list("user__email", flat=True))
    )


def partners(partnership_id) -> list[str]:
    """The partnership's leadership and the statutory partners' lead officers: told that a
    notification was made (Dorset 002 2.6 and 3.6)."""
    qs = Membership.objects.active().filter(partnership=partnership_id)
    leaders = qs.filter(roles__role__in=[Role.BUSINESS_MANAGER, Role.EXECUTIVE])
    slos = qs.filter(roles__role=Role.SLO, agency__is_statutory_partner=True)
    return sorted(
        set(leaders.values_list("user__email", flat=True))
        | set(slos.values_list("user__email", flat=True))
    )


def tell(
    *,
    key: str,
    recipients,
    actor,
    case,
    headline: str,
    status: str,
    path: str,
    about: str = "Serious incident notification",
) -> int:
    """E-mails that say only what happened, the case reference and a link: never a name.
    `about` names the record in the subject and the link (the notification, the Panel's
    reply)."""
    skip = getattr(actor, "email", None)
    url = settings.SITE_URL + path
    sent = 0
    for to in sorted(set(recipients) - {skip}):
        if email_enqueue(
            key=f"{key}:{to}",
            to=to,
            template="notification_update",
            partnership=case.partnership,
            context={
                "partnership_name": case.partnership.name,
                "reference": case.reference,
                "status": status,
                "headline": headline,
                "url": url,
                "about": about,
            },
        ):
            sent += 1
    return sent


def detail_path(notification) -> str:
    return reverse(
        "notifications:detail", args=[notification.case.partnership.slug, notification.pk]
    )
