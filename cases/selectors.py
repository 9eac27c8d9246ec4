"""Reads of cases. Every function starts from the partnership scope and the caller's membership."""

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from cases.models import (
    AccessLogEntry,
    Attachment,
    AuditEvent,
    Case,
    CaseNote,
    Membership,
    Subject,
)
from cases.permissions import mark_visible, visible_cases

# The cases list's sorts, each served by an index (tests/test_query_plans.py): opened by
# case_list_recent, reference by the unique (partnership, reference), title by case_list_title.
CASE_SORTS = {"opened": ("created_at", "id"), "reference": ("reference",), "title": ("title", "id")}


def case_list(
    *,
    membership: Membership,
    search: str = "",
    stage: str = "",
    sort: str = "opened",
    descending: bool = True,
) -> QuerySet[Case]:
    qs = visible_cases(membership).select_related("created_by").prefetch_related("agencies")
    if stage:
        qs = qs.filter(stage=stage)
    if search:
        qs = qs.filter(Q(reference__icontains=search) | Q(title__icontains=search))
    fields = CASE_SORTS.get(sort, CASE_SORTS["opened"])
    return qs.order_by(*(f"-{f}" if descending else f for f in fields))


def with_subject_counts(cases) -> list[Case]:
    """One page of cases, each with `subject_count` (people not archived), in one query."""
    cases = list(cases)
    counts = dict(
        Subject.objects.filter(case__in=[c.pk for c in cases], archived_at__isnull=True)
        .values_list("case")
        .annotate(n=Count("id"))
        .order_by()
    )
    for case in cases:
        case.subject_count = counts.get(case.pk, 0)
    return cases


def case_for_user(*, membership: Membership, pk: int) -> Case:
    """The case if the member may see it; 404 alike for missing, archived or someone else's."""
    case = get_object_or_404(
        visible_cases(membership).select_related("partnership", "created_by"), pk=pk
    )
    return mark_visible(case, membership)


def case_detail(*, membership: Membership, pk: int) -> Case:
    case = get_object_or_404(
        visible_cases(membership)
        .select_related("partnership", "created_by")
        .prefetch_related(
            "agencies",
            Prefetch("subjects", queryset=Subject.objects.filter(archived_at__isnull=True)),
            Prefetch("notes", queryset=CaseNote.objects.select_related("author")),
            Prefetch(
                "attachments",
                queryset=Attachment.objects.filter(archived_at__isnull=True).select_related(
                    "uploaded_by"
                ),
            ),
        ),
        pk=pk,
    )
    return mark_visible(case, membership)


def subject_for_case(*, case: Case, pk: int) -> Subject:
    return get_object_or_404(Subject.objects.filter(case=case, archived_at__isnull=True), pk=pk)


def attachment_for_case(*, case: Case, pk: int) -> Attachment:
    return get_object_or_404(Attachment.objects.filter(case=case, archived_at__isnull=True), pk=pk)


def case_history(*, case: Case) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(case=case).select_related("actor", "content_type")


def case_access_log(*, case: Case) -> QuerySet[AccessLogEntry]:
    return AccessLogEntry.objects.filter(case=case).select_related("user")


def partnership_members(*, membership: Membership) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(partnership=membership.partnership_id)
        .select_related("user", "agency", "partnership")
        .prefetch_related("roles")
        .order_by("user__full_name", "user__email")
    )


def case_deadlines(*, case: Case, stage: str | None = None) -> QuerySet:
    from cases.models import Deadline

    qs = Deadline.objects.filter(case=case).order_by("stage", "due", "key")
    return qs.filter(stage=stage) if stage else qs


def case_stage_progress(*, case: Case, today=None) -> list:
    """Progress of every stage of the case that has deadlines, most recent stage first."""
    from cases.clock import stage_progress

    by_stage: dict[str, list] = {}
    for deadline in case_deadlines(case=case):
        by_stage.setdefault(deadline.stage, []).append(deadline)
    progress = [stage_progress(items, case.partnership, today) for items in by_stage.values()]
    return sorted(progress, key=lambda p: p.day_zero, reverse=True)


# --- Statutory notices (cases.models.notices) ----------------------------------------------------


def case_notices(*, case: Case) -> QuerySet:
    """A case's notices, due soonest first (those with no date after), in three queries."""
    from django.db.models import F

    from cases.models import Notice

    return (
        Notice.objects.filter(case=case)
        .select_related("deadline", "sent_by", "evidence", "cancelled_by", "created_by")
        .prefetch_related("documents")
        .order_by(F("due_date").asc(nulls_last=True), "id")
    )


def case_notices_brief(*, case: Case) -> QuerySet:
    """The case page's panel: each notice's kind, status and due date, in one query."""
    from django.db.models import F

    from cases.models import Notice

    return Notice.objects.filter(case=case).order_by(F("due_date").asc(nulls_last=True), "id")


def notice_for_case(*, case: Case, pk: int):
    """One notice of a case the member can see; 404 alike for missing or another case's."""
    return get_object_or_404(case_notices(case=case), pk=pk)


def notices_due(*, membership: Membership) -> QuerySet:
    """The notices still to send on the cases the member can see, overdue (earliest) first."""
    from django.db.models import F

    from cases.models import Notice, NoticeStatus

    return (
        Notice.objects.filter(
            partnership=membership.partnership_id,
            status=NoticeStatus.DUE,
            case__in=visible_cases(membership).values("pk"),
        )
        .select_related("case")
        .order_by(F("due_date").asc(nulls_last=True), "id")
    )
