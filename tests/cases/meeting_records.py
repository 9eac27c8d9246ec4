"""A meeting on a side's case, for the tenant crawler's registry, the role matrix, the
row-level security world and the accessibility pages: made on first use through the service,
so the shared world stays as it is for everyone else. It started an hour ago and is still
scheduled, so every page of it opens: change, cancel, attendance, the papers."""

import datetime

from django.utils import timezone

from cases.models import Meeting, MeetingInvitee, MeetingStatus, Role
from cases.services import meetings as meeting_services
from cases.services.meetings import InviteeDetails
from cases.tenancy import partnership_scope


def a_meeting(side) -> Meeting:
    """A scheduled rapid review meeting of the side's case with the police's SLO, the member
    holding every role (the local authority) and an outside critical friend; the case's
    document among its papers."""
    with partnership_scope(side.partnership):
        meeting = (
            Meeting.objects.filter(case=side.case, status=MeetingStatus.SCHEDULED)
            .order_by("pk")
            .first()
        )
        return meeting or _schedule(side)


def _schedule(side) -> Meeting:
    bm = side.members[Role.BUSINESS_MANAGER]
    starts = (timezone.now() - datetime.timedelta(hours=1)).replace(second=0, microsecond=0)
    meeting = meeting_services.meeting_schedule(
        actor=bm.user,
        membership=bm,
        case=side.case,
        kind="rapid_review",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3),
        location="Committee Room 2",
        purpose="rapid_review",
        invitees=[
            InviteeDetails(membership=side.members[Role.SLO]),
            InviteeDetails(membership=side.all_roles),
            InviteeDetails(
                name="Chris Friend", email="friend@elsewhere.test", role="critical_friend"
            ),
        ],
    )
    meeting_services.meeting_add_document(
        actor=bm.user, membership=bm, meeting=meeting, attachment=side.attachment
    )
    return meeting


def an_invitee(side) -> MeetingInvitee:
    """The meeting's critical friend (from outside the partnership)."""
    meeting = a_meeting(side)
    with partnership_scope(side.partnership):
        return MeetingInvitee.objects.filter(meeting=meeting, membership__isnull=True).first()
