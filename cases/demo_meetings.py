"""The demo's meeting (issue 13): Swindon's rapid review meeting on its first demo case, next
week, scheduled through the service as the business manager would. Someone from each
statutory partner is invited with their agency, so the meeting can be quorate under Swindon's
rule (docs/meetings.md): the police's safeguarding lead officer, the council's executive in
the chair and the ICB's review group member; and the business manager. The invitations are
queued in the outbox like any other e-mail."""

import datetime

from django.utils import timezone

from cases.models import MeetingKind, MeetingRole, Role
from cases.services.meetings import InviteeDetails, meeting_schedule


def _next_week() -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=7)
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))


def load_demo_meeting(case, members: dict) -> None:
    bm = members[Role.BUSINESS_MANAGER]
    starts = _next_week()
    meeting_schedule(
        actor=bm.user,
        membership=bm,
        case=case,
        kind=MeetingKind.RAPID_REVIEW,
        purpose="rapid_review",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3),
        location="Committee Room 2 (demo)",
        online_link="https://teams.microsoft.com/l/meetup-join/demo",
        invitees=[
            InviteeDetails(membership=members[Role.EXECUTIVE], role=MeetingRole.CHAIR),
            InviteeDetails(membership=members[Role.SLO]),
            InviteeDetails(membership=members[Role.REVIEW_GROUP_MEMBER]),
            InviteeDetails(membership=bm),
        ],
    )
