"""The rapid review meeting's decision: the decision against each criterion and the
recommendation, written in the report, recorded as agreed at a meeting of the case. Only a
quorate meeting can (cases.services.meetings.require_quorate; Swindon 001, The Rapid Review
Meeting: "if the meeting is not quorate, it cannot go ahead"). It meets the clock's
`rapid_review_meeting` step."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from cases.calendar import local_date
from cases.errors import InvalidTransition
from cases.models import Meeting, Membership, User
from cases.services.deadlines import deadline_meet
from cases.services.meetings import MeetingNotQuorate, require_quorate
from rapid_reviews import permissions
from rapid_reviews import report_sections as rs
from rapid_reviews.models import RapidReviewReport
from rapid_reviews.services.report import is_editable, report_audit, report_locked

MEETING_STEP = "rapid_review_meeting"
DECISION_SECTIONS = ("criteria", "recommendation", "rationale")


@transaction.atomic
def report_decision_record(
    *, actor: User, membership: Membership, report: RapidReviewReport, meeting: Meeting | None
) -> RapidReviewReport:
    review = report.rapid_review
    if not permissions.can_manage_review(membership, review.case):
        raise PermissionDenied(permissions.NOT_ALLOWED)
    report = report_locked(report)
    if not is_editable(report):
        raise InvalidTransition(
            "The report is in sign-off or submitted: the meeting's decision is recorded while it"
            " is a draft."
        )
    errors: dict[str, str] = {}
    if meeting is None or meeting.case_id != review.case_id:
        errors["meeting"] = "Select the meeting that agreed the decision"
    else:
        try:
            require_quorate(meeting)
        except MeetingNotQuorate as exc:
            errors["meeting"] = str(exc)
    for key in DECISION_SECTIONS:
        if rs.is_blank(key, report.content.get(key)):
            errors[key] = rs.BY_KEY[key].required or f"Enter the {rs.BY_KEY[key].label.lower()}"
    if errors:
        raise ValidationError(errors)
    before = report.decision_meeting
    report.decision_meeting = meeting
    report.decision_recorded_by = actor
    report.decision_recorded_at = timezone.now()
    report.save(update_fields=["decision_meeting", "decision_recorded_by", "decision_recorded_at"])
    report_audit(
        actor,
        report,
        "rapid_review.report_decision",
        changes={
            "meeting": [before.title if before else None, meeting.title],
            "held_on": [None, local_date(meeting.starts_at).isoformat()],
        },
    )
    deadline_meet(
        actor=actor,
        case=review.case,
        stage="rapid_review",
        key=MEETING_STEP,
        met_on=local_date(meeting.starts_at),
    )
    return report
