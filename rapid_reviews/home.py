"""What the rapid reviews app adds to the case page and to My work (cases.extensions)."""

from django.urls import reverse
from django.utils import timezone

from cases.clock import describe_clock, stage_progress
from cases.models import CaseStage, Deadline, DeadlineStatus, Membership, Role
from cases.permissions import visible_cases
from rapid_reviews import permissions, selectors
from rapid_reviews.choices import LIVE_STATUSES
from rapid_reviews.services.start import STAGE, stage_running
from rapid_reviews.timeline import review_clock

# Where the business manager may start a review from the case page: after the executive's
# decision or the notification, before the stage has started by itself.
STARTABLE_STAGES = (CaseStage.AWAITING_NOTIFICATION, CaseStage.NOTIFICATION, CaseStage.RAPID_REVIEW)


def rapid_review_case_panel(membership: Membership, case, slug: str) -> dict | None:
    reviews = list(selectors.visible_reviews(membership).filter(case=case))
    items = []
    for review in reviews:
        clock = review_clock(review)
        progress = clock["progress"]
        items.append(
            {
                "label": f"Rapid review: {progress.summary.lower()}"
                if progress
                else "Rapid review",
                "url": reverse("rapid_reviews:detail", args=[slug, review.pk]),
                "tag": review.get_status_display(),
                "tag_colour": "blue" if review.status in LIVE_STATUSES else "grey",
            }
        )
        items.append(
            {
                "label": "Information requests",
                "url": reverse("rapid_reviews:requests", args=[slug, review.pk]),
                "tag": "",
                "tag_colour": "",
            }
        )
        items += _report_items(membership, review, slug)
    started = any(r.status in LIVE_STATUSES for r in reviews)
    if (
        not started
        and case.stage in STARTABLE_STAGES
        and permissions.can_manage_review(membership, case)
        and not stage_running(case)
    ):
        items.append(
            {
                "label": "Start the rapid review",
                "url": reverse("rapid_reviews:start", args=[slug, case.pk]),
                "tag": "",
                "tag_colour": "",
            }
        )
    return {"title": "Rapid review", "items": items} if items else None


def _report_items(membership: Membership, review, slug: str) -> list[dict]:
    """The review's report and its open action items, for those who read reports."""
    from django.contrib.contenttypes.models import ContentType

    from cases.models import ActionItem
    from cases.models.actions import ACTIVE_STATUSES
    from rapid_reviews.choices import ReportStatus
    from rapid_reviews.models import RapidReviewReport

    if not permissions.can_read_report(membership, review):
        return []
    report = RapidReviewReport.objects.filter(rapid_review=review).first()
    if report is None:
        return []
    url = reverse("rapid_reviews:report", args=[slug, review.pk])
    items = [
        {
            "label": "Rapid review report",
            "url": url,
            "tag": ReportStatus(report.status).label,
            "tag_colour": "blue",
        }
    ]
    open_items = ActionItem.objects.filter(
        source_type=ContentType.objects.get_for_model(RapidReviewReport),
        source_id=report.pk,
        status__in=ACTIVE_STATUSES,
    ).count()
    if open_items:
        items.append(
            {
                "label": f"{open_items} open action item{'s' if open_items != 1 else ''}",
                "url": url + "#action-items",
                "tag": "",
                "tag_colour": "",
            }
        )
    return items


def rapid_review_work_sections(membership: Membership, slug: str) -> list[dict]:
    """The business manager's running reviews: "day N of 15", the next milestone, and those
    with overdue milestones first (the most overdue first)."""
    if not permissions.can_manage_rapid_reviews(membership):
        return []
    today = timezone.localdate()
    # Only what the rows show: the case's reference (no partnership, no starter).
    reviews = list(
        selectors.visible_reviews(membership)
        .filter(status__in=LIVE_STATUSES)
        .select_related(None)
        .select_related("case")
        .only("pk", "case", "case__reference")
    )
    # The stage's deadlines of those cases, once: the clocks and the overdue counts.
    by_case: dict[int, list[Deadline]] = {}
    deadlines = Deadline.objects.filter(case_id__in={r.case_id for r in reviews}, stage=STAGE)
    for deadline in deadlines.order_by("due", "key"):
        by_case.setdefault(deadline.case_id, []).append(deadline)
    overdue = {
        case_id: n
        for case_id, items in by_case.items()
        if (n := sum(d.status == DeadlineStatus.OPEN and d.due < today for d in items))
    }
    clocks = {
        case_id: stage_progress(items, membership.partnership, today)
        for case_id, items in by_case.items()
    }
    rows = []
    for r in reviews:
        item = {
            "label": f"{r.case.reference}: rapid review",
            "url": reverse("rapid_reviews:detail", args=[slug, r.pk]),
        }
        if overdue.get(r.case_id):
            n = overdue[r.case_id]
            item.update(tag=f"{n} milestone{'s' if n != 1 else ''} overdue", tag_colour="red")
        item = describe_clock(item, clocks.get(r.case_id))
        rows.append((-overdue.get(r.case_id, 0), item.get("due") or today, r.pk, item))
    items = [row[-1] for row in sorted(rows, key=lambda row: row[:3])]
    return [{"title": "Rapid reviews", "items": items, "empty_text": "No rapid review is running."}]


def information_request_work_sections(membership: Membership, slug: str) -> list[dict]:
    """My work: an agency's SLO sees its open information requests, due first; a business
    manager the late ones. One query a section."""
    from rapid_reviews.choices import OPEN_REQUEST_STATUSES
    from rapid_reviews.models import InformationRequest

    today = timezone.localdate()
    if permissions.can_manage_rapid_reviews(membership):
        title, empty = "Late information returns", "No information return is late."
        qs = selectors.visible_requests(membership).filter(due_date__lt=today)
    elif membership.agency_id and membership.has_role(Role.SLO):
        title, empty = "Information requests", "No information request waits for your agency."
        qs = InformationRequest.objects.filter(
            partnership=membership.partnership_id, agency=membership.agency_id
        ).filter(rapid_review__case__in=visible_cases(membership).values("pk"))
    else:
        return []
    # Only what the rows show (no review, no partnership): fewer joins, each under its policy.
    rows = (
        qs.filter(status__in=OPEN_REQUEST_STATUSES)
        .select_related(None)
        .select_related("case", "agency")
        .only(
            "pk",
            "rapid_review",
            "status",
            "due_date",
            "due_time",
            "case",
            "case__reference",
            "agency",
            "agency__name",
        )
    )
    items = []
    for r in rows.order_by("due_date", "pk")[:50]:
        late = r.due_date < today
        items.append(
            {
                "label": f"{r.case.reference}: {r.agency.name}, {r.get_status_display().lower()}",
                "url": reverse("rapid_reviews:request", args=[slug, r.rapid_review_id, r.pk]),
                "tag": "Late" if late else "",
                "tag_colour": "red" if late else "",
                "hint": f"Return due {r.due_date:%-d %B %Y}"
                + (f", by {r.due_time:%H:%M}" if r.due_time else ""),
            }
        )
    return [{"title": title, "items": items, "empty_text": empty}]
