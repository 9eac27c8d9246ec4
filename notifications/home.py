"""The notifications section of My work (cases.views.home.my_work) and the case page's panel,
registered from NotificationsConfig.ready()."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Min
from django.urls import reverse
from django.utils import timezone

from cases.clock import describe_clock, stage_clocks
from cases.models import Membership, SignOff
from notifications import permissions, selectors
from notifications.choices import STATUS_COLOURS, NotificationStatus
from notifications.models import NotificationCopy, SeriousIncidentNotification
from notifications.services.drafts import CHAIN_STATUS, DOCUMENT_TYPE, STAGE

S = NotificationStatus
LIMIT = 30
HINTS = {
    S.DRAFT: "Draft: complete the answers and send it for sign-off",
    S.IN_SIGN_OFF: "With the sign-off chain",
    S.READY: "Signed off: submit it through the national portal and record the submission",
    S.SUBMITTED: "Submitted: record when the National Panel says a rapid review is required",
}


def _chain_statuses(notifications) -> dict[int, str]:
    """What the sign-off chain says each notification's status is now (read only: the pages
    and the API write it, notifications.services.drafts.notification_sync)."""
    ids = [n.pk for n in notifications if n.status in (S.DRAFT, S.IN_SIGN_OFF, S.READY)]
    if not ids:
        return {}
    found = {}
    sign_offs = SignOff.objects.filter(
        content_type=ContentType.objects.get_for_model(SeriousIncidentNotification),
        object_id__in=ids,
        document_type=DOCUMENT_TYPE,
    ).order_by("object_id", "-started_at", "-id")
    for sign_off in sign_offs.only("object_id", "status"):
        found.setdefault(int(sign_off.object_id), CHAIN_STATUS.get(sign_off.status))
    return {k: v for k, v in found.items() if v}


def notification_work_sections(membership: Membership, slug: str) -> list[dict]:
    """For the local authority's drafters and the business managers: drafts, those in
    sign-off and ready to submit, those submitted and waiting for the Panel's acknowledgement,
    and agencies' requests to notify not yet answered; overdue first."""
    if not permissions.can_draft_notifications(membership):
        return []
    partnership = membership.partnership
    live = list(
        selectors.visible_notifications(membership)
        .filter(status__in=[S.DRAFT, S.IN_SIGN_OFF, S.READY])
        .order_by("created_at")[:LIMIT]
    ) + list(
        selectors.visible_notifications(membership)
        .filter(status=S.SUBMITTED, rapid_review_acknowledged_on__isnull=True)
        .order_by("submitted_at")[:LIMIT]
    )
    requests = list(selectors.visible_requests(membership).filter(answer="")[:LIMIT])
    chain = _chain_statuses(live)
    case_ids = [n.case_id for n in live] + [r.case_id for r in requests]
    clocks = stage_clocks(case_ids, partnership, STAGE)
    items = []
    for n in live:
        status = chain.get(n.pk, n.status)
        item = {
            "label": f"{n.case.reference}: serious incident notification",
            "url": reverse("notifications:detail", args=[slug, n.pk]),
            "tag": S(status).label,
            "tag_colour": STATUS_COLOURS.get(status, "grey"),
            "hint": HINTS.get(status, ""),
        }
        if status == S.SUBMITTED and n.submitted_at:
            item["hint"] = (
                f"Submitted {n.submitted_at:%-d %B %Y}: record when the National Panel says a"
                " rapid review is required"
            )
        items.append(describe_clock(item, clocks.get(n.case_id)))
    for r in requests:
        item = {
            "label": f"{r.case.reference}: request to notify from {r.agency or r.raised_by}",
            "url": reverse("notifications:request", args=[slug, r.pk]),
            "tag": "Waiting for your answer",
            "tag_colour": "yellow",
            "hint": f"Raised {r.created_at:%-d %B %Y}: agree or disagree, with the reason",
            "case_id": r.case_id,
        }
        items.append(describe_clock(item, clocks.get(r.case_id)))
    items.extend(_copies_due(membership, slug))
    return [
        {
            "title": "Serious incident notifications",
            "items": items,
            "empty_text": "No notification or request to notify needs the local authority.",
        }
    ]


def _copies_due(membership: Membership, slug: str) -> list[dict]:
    """Per submitted notification, the copies not yet sent (Dorset 002 3.6): how many and the
    earliest due date, overdue in red. One query."""
    today = timezone.localdate()
    pending = (
        NotificationCopy.objects.filter(
            notification__in=selectors.visible_notifications(membership)
            .filter(status=S.SUBMITTED)
            .values("pk"),
            sent_on__isnull=True,
            removed_at__isnull=True,
        )
        .values("notification_id", "notification__case__reference")
        .annotate(count=Count("pk"), due=Min("due_date"))
        .order_by("due", "notification_id")[:LIMIT]
    )
    items = []
    for row in pending:
        due, count = row["due"], row["count"]
        overdue = bool(due and due < today)
        item = {
            "label": f"{row['notification__case__reference']}: copies of the serious incident"
            " notification",
            "url": reverse("notifications:copies", args=[slug, row["notification_id"]]),
            "tag": "Overdue" if overdue else "Copies to send",
            "tag_colour": "red" if overdue else "yellow",
            "hint": f"{count} {'copy' if count == 1 else 'copies'} not yet recorded as sent",
        }
        if due:
            item.update(next_step="Send the copies", due=due, overdue=overdue)
        items.append(item)
    return items


def notification_case_panel(membership: Membership, case, slug: str) -> dict | None:
    """The case's notifications and requests to notify, with a link to start one."""
    notifications = list(selectors.case_notifications(case))
    requests = list(selectors.visible_requests(membership).filter(case=case))
    items = [
        {
            "label": "Serious incident notification",
            "url": reverse("notifications:detail", args=[slug, n.pk]),
            "tag": n.get_status_display(),
            "tag_colour": n.status_colour,
        }
        for n in notifications
    ] + [
        {
            "label": f"Request to notify from {r.agency or r.raised_by}",
            "url": reverse("notifications:request", args=[slug, r.pk]),
            "tag": r.get_answer_display() if r.answer else "Waiting for the local authority",
            "tag_colour": "grey" if r.answer else "yellow",
        }
        for r in requests
    ]
    live = any(n.status in (S.DRAFT, S.IN_SIGN_OFF, S.READY) for n in notifications)
    from notifications.services.drafts import STARTABLE_STAGES

    if (
        not live
        and case.stage in STARTABLE_STAGES
        and permissions.can_manage_notification(membership, case)
    ):
        items.append(
            {
                "label": "Start the serious incident notification",
                "url": reverse("notifications:start", args=[slug, case.pk]),
            }
        )
    elif (
        not live
        and case.stage in STARTABLE_STAGES
        and permissions.can_raise_request(membership, case)
    ):
        items.append(
            {
                "label": "Ask the local authority to notify",
                "url": reverse("notifications:request_add", args=[slug, case.pk]),
            }
        )
    if not items:
        return None
    return {"title": "Serious incident notification", "items": items}
