"""Reads of meetings (cases.models.meetings), each from the partnership scope and the member:
`visible_meetings` is the list filter paired with `permissions.can_view_meeting`."""

import datetime

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from cases.models import Case, Meeting, MeetingDocument, MeetingInvitee, MeetingStatus, Membership
from cases.permissions import visible_meetings

UPCOMING_DAYS = 14


def with_people(qs: QuerySet[Meeting]) -> QuerySet[Meeting]:
    return qs.select_related("case", "partnership", "created_by", "cancelled_by").prefetch_related(
        Prefetch(
            "invitees",
            queryset=MeetingInvitee.objects.filter(removed_at__isnull=True).select_related(
                "membership__user", "agency"
            ),
            to_attr="active_invitees",
        )
    )


def case_meetings(*, case: Case) -> QuerySet[Meeting]:
    """A case's meetings, soonest first (for a member who can see the case)."""
    return Meeting.objects.filter(case=case).select_related("partnership").order_by("starts_at")


def meeting_for_user(*, membership: Membership, case_pk: int, pk: int) -> Meeting:
    """The meeting if the member can see its case or is invited; 404 alike for a missing one,
    another case's and another partnership's."""
    meeting = with_people(visible_meetings(membership)).filter(case_id=case_pk, pk=pk).first()
    if meeting is None:
        raise Http404("No such meeting")
    return meeting


def meeting_documents(meeting: Meeting) -> list[MeetingDocument]:
    return list(
        MeetingDocument.objects.filter(
            meeting=meeting, attachment__archived_at__isnull=True
        ).select_related("attachment", "added_by")
    )


def upcoming_meetings(
    *, membership: Membership, now: datetime.datetime | None = None
) -> QuerySet[Meeting]:
    """My work: scheduled meetings the member is invited to in the next 14 days."""
    now = now or timezone.now()
    return (
        Meeting.objects.filter(
            partnership=membership.partnership_id,
            status=MeetingStatus.SCHEDULED,
            ends_at__gte=now,
            starts_at__lt=now + datetime.timedelta(days=UPCOMING_DAYS),
            pk__in=MeetingInvitee.objects.filter(
                membership=membership.pk, removed_at__isnull=True
            ).values("meeting_id"),
        )
        .select_related("case", "partnership")
        .order_by("starts_at", "pk")
    )
