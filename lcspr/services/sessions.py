"""Reflective practitioner sessions of an LCSPR and the practitioners' feedback on the draft
findings (Swindon 001: "Reflective Practitioner Session", "Practitioner Feedback", Appendices
11-13).

    session_schedule        a meeting of kind practitioner_session (cases.services.meetings,
                            no e-mail yet) with the session's own copies of the invitation,
                            briefing and agenda, prefilled from the partnership's letters
                            (lcspr/session_wording.py)
    session_texts_save      the three texts edited (every error at once)
    session_send_invitations  each invitee not yet sent it is e-mailed the invitation with the
                            briefing and the agenda and the meeting's invite.ics, through the
                            one e-mail path (cases.emails.email_enqueue), once per invitee
    feedback_give           after the session, a practitioner's feedback on the draft findings
                            (their own, or recorded for them by the business manager or lead
                            reviewer)

The invitees, attendance, changes and cancellation are the meeting's (its page and services)."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from cases.audit import audit_record
from cases.emails import email_enqueue
from cases.errors import InvalidTransition
from cases.meeting_calendar import REQUEST, meeting_ical, meeting_url
from cases.models import (
    MeetingInvitee,
    MeetingKind,
    MeetingStatus,
    Membership,
    Role,
    Subject,
    SubjectRole,
    User,
)
from cases.models.meetings import _day, _time
from cases.permissions import can_view_case
from cases.services.meetings import InviteeDetails, meeting_schedule
from lcspr import permissions
from lcspr.choices import LcsprStatus
from lcspr.models import LocalReview, PractitionerFeedback, PractitionerSession
from lcspr.models.sessions import FindingsView, SessionFormat
from lcspr.session_wording import defaults, fill

PURPOSE = "lcspr_practitioner_session"
NOT_ALLOWED = "Only a business manager arranges the reflective practitioner sessions."
FEEDBACK_NOT_ALLOWED = (
    "Only the practitioner, the business manager or the lead reviewer records feedback."
)
TEXT_LIMIT = 20000
TEXTS = {
    "invitation_text": "Enter the invitation",
    "briefing_text": "Enter the briefing",
    "agenda_text": "Enter the agenda",
}


def _text(value) -> str:
    return (value or "").strip()


def _audit(actor, session, *, action, changes, note=""):
    case = session.review.case
    audit_record(
        actor=actor,
        partnership=case.partnership,
        action=action,
        obj=session,
        case=case,
        changes=changes,
        note=note,
    )


# --- Reads ----------------------------------------------------------------------------------------


def sessions_of(review: LocalReview):
    return (
        PractitionerSession.objects.filter(review=review)
        .select_related("meeting", "review__case__partnership")
        .order_by("meeting__starts_at", "pk")
    )


def can_see_all_feedback(membership: Membership, session: PractitionerSession) -> bool:
    """The business manager and the lead reviewer (who can see the case) read everyone's."""
    case = session.review.case
    return (
        membership.has_role(Role.BUSINESS_MANAGER) or membership.has_role(Role.LEAD_REVIEWER)
    ) and can_view_case(membership, case)


def own_invitee(membership: Membership, session: PractitionerSession) -> MeetingInvitee | None:
    return MeetingInvitee.objects.filter(
        meeting=session.meeting_id, membership=membership, removed_at__isnull=True
    ).first()


def visible_feedback(membership: Membership, session: PractitionerSession):
    rows = PractitionerFeedback.objects.filter(session=session).select_related(
        "invitee__membership__user", "invitee__agency", "recorded_by"
    )
    if can_see_all_feedback(membership, session):
        return rows
    return rows.filter(invitee__membership=membership)


def child_initials(case) -> str:
    children = Subject.objects.filter(case=case, role=SubjectRole.CHILD).order_by("pk")
    initials = [
        # GOV.UK style: initials without full stops ("PM"), so a sentence can end on them.
        "".join(part[0].upper() for part in (c.first_name, c.last_name) if part)
        for c in children
    ]
    return " and ".join(i for i in initials if i) or case.reference


def placeholder_values(session: PractitionerSession) -> dict[str, str]:
    from lcspr.services.reviewers import appointed_reviewer

    meeting = session.meeting
    starts = timezone.localtime(meeting.starts_at)
    ends = timezone.localtime(meeting.ends_at)
    if session.format == SessionFormat.VIRTUAL:
        venue = f"Online: {meeting.online_link}" if meeting.online_link else "Online"
    else:
        venue = meeting.location
    reviewer = appointed_reviewer(session.review)
    return {
        "child_initials": child_initials(session.review.case),
        "session_date": _day(starts),
        "session_time": f"{_time(starts)} to {_time(ends)}",
        "venue": venue,
        "lead_reviewer": reviewer.name if reviewer else "the lead reviewer",
        "reply_by": _day(session.reply_by) if session.reply_by else "as soon as you can",
        "partnership": session.partnership.name,
    }


def filled_texts(session: PractitionerSession) -> dict[str, str]:
    values = placeholder_values(session)
    return {
        "invitation": fill(session.invitation_text, values),
        "briefing": fill(session.briefing_text, values),
        "agenda": fill(session.agenda_text, values),
    }


def invitations_due(session: PractitionerSession) -> list[MeetingInvitee]:
    """Invitees not yet sent the invitation."""
    return list(
        MeetingInvitee.objects.filter(meeting=session.meeting_id, removed_at__isnull=True)
        .exclude(pk__in=session.invited)
        .select_related("membership__user", "agency")
        .order_by("pk")
    )


def _key(session, invitee) -> str:
    return f"lcspr_session:{session.pk}:{invitee.pk}:invitation"


# --- Writes ---------------------------------------------------------------------------------------


def _require(membership: Membership, review: LocalReview) -> None:
    if not permissions.can_manage_lcspr(membership, review.case):
        raise PermissionDenied(NOT_ALLOWED)


@transaction.atomic
def session_schedule(
    *,
    actor: User,
    membership: Membership,
    review: LocalReview,
    format: str,
    starts_at: datetime.datetime | None,
    ends_at: datetime.datetime | None,
    location: str = "",
    online_link: str = "",
    reply_by: datetime.date | None = None,
    invitees=(),
) -> PractitionerSession:
    """Arrange a session: its meeting (invitees, no e-mail until the invitations are sent) and
    its texts prefilled from the seed's wording. Every error at once, the meeting's among them."""
    _require(membership, review)
    if review.status != LcsprStatus.IN_PROGRESS:
        raise InvalidTransition(
            f"The LCSPR is {review.get_status_display().lower()}: no session can be arranged."
        )
    errors: dict[str, str] = {}
    if format not in SessionFormat.values:
        errors["format"] = "Select whether the session is face to face or virtual"
    elif format == SessionFormat.FACE_TO_FACE and not _text(location):
        errors["location"] = "Enter where the session is held"
    elif format == SessionFormat.VIRTUAL and not _text(online_link):
        errors["online_link"] = "Enter the online meeting link"
    today = timezone.localdate()
    if reply_by is not None:
        if reply_by < today:
            errors["reply_by"] = "The date to reply by must be today or in the future"
        elif starts_at is not None and reply_by > timezone.localtime(starts_at).date():
            errors["reply_by"] = "The date to reply by must be on or before the session"
    try:
        meeting = meeting_schedule(
            actor=actor,
            membership=membership,
            case=review.case,
            kind=MeetingKind.PRACTITIONER_SESSION,
            title="Reflective practitioner session",
            starts_at=starts_at,
            ends_at=ends_at,
            location=location,
            online_link=online_link,
            invitees=invitees,
            purpose=PURPOSE,
            check_permission=False,
            notify=False,
        )
    except ValidationError as exc:
        raise ValidationError({**exc.message_dict, **errors}) from exc
    if errors:
        raise ValidationError(errors)
    session = PractitionerSession.objects.create(
        partnership_id=review.partnership_id,
        review=review,
        meeting=meeting,
        format=format,
        reply_by=reply_by,
        created_by=actor,
        **defaults(review.case.partnership),
    )
    _audit(
        actor,
        session,
        action="practitioner_session.schedule",
        changes={
            "format": [None, format],
            "when": [None, meeting.when_text],
            "reply_by": [None, reply_by.isoformat() if reply_by else None],
        },
    )
    return session


def _locked(session: PractitionerSession) -> PractitionerSession:
    return (
        PractitionerSession.objects.select_for_update(of=("self",))
        .select_related("meeting", "review__case__partnership")
        .get(pk=session.pk)
    )


@transaction.atomic
def session_texts_save(
    *,
    actor: User,
    membership: Membership,
    session: PractitionerSession,
    invitation_text: str | None = None,
    briefing_text: str | None = None,
    agenda_text: str | None = None,
) -> PractitionerSession:
    """Save the texts given; each must be written and at most 20,000 characters."""
    _require(membership, session.review)
    session = _locked(session)
    if session.meeting.status == MeetingStatus.CANCELLED:
        raise InvalidTransition("The session was cancelled: its texts cannot change.")
    given = {
        "invitation_text": invitation_text,
        "briefing_text": briefing_text,
        "agenda_text": agenda_text,
    }
    errors: dict[str, str] = {}
    changed = []
    for field, value in given.items():
        if value is None:
            continue
        value = value.strip()
        if not value:
            errors[field] = TEXTS[field]
        elif len(value) > TEXT_LIMIT:
            errors[field] = f"The {field.split('_')[0]} must be 20,000 characters or fewer"
        elif value != getattr(session, field):
            setattr(session, field, value)
            changed.append(field.split("_")[0])
    if errors:
        raise ValidationError(errors)
    if changed:
        session.save()
        _audit(
            actor, session, action="practitioner_session.texts", changes={"texts": [None, changed]}
        )
    return session


@transaction.atomic
def session_send_invitations(
    *, actor: User, membership: Membership, session: PractitionerSession
) -> int:
    """E-mail the invitation (with the briefing, the agenda and the invite.ics) to each invitee
    not yet sent it; how many. Refused once the session has started or was cancelled."""
    _require(membership, session.review)
    session = _locked(session)
    meeting = session.meeting
    if meeting.status != MeetingStatus.SCHEDULED or meeting.starts_at <= timezone.now():
        raise InvalidTransition(
            "The session has already started or was cancelled: invitations are not sent."
        )
    due = invitations_due(session)
    if not due:
        raise ValidationError({"invitees": "Everyone invited has been sent the invitation"})
    texts = filled_texts(session)
    context = {
        "partnership_name": session.partnership.name,
        "reference": session.review.case.reference,
        "when": meeting.when_text,
        "location": meeting.location,
        "online_link": meeting.online_link,
        "url": meeting_url(meeting),
        **texts,
    }
    for invitee in due:
        email_enqueue(
            key=_key(session, invitee),
            to=invitee.address,
            template="practitioner_session_invitation",
            partnership=session.partnership,
            calendar=meeting_ical(meeting, invitee, method=REQUEST),
            context=context,
        )
    session.invitations_sent_at = timezone.now()
    session.invited = sorted({*session.invited, *(i.pk for i in due)})
    session.save(update_fields=["invitations_sent_at", "invited", "updated_at"])
    _audit(
        actor,
        session,
        action="practitioner_session.invite",
        changes={"sent_to": [None, [i.display_name for i in due]]},
    )
    return len(due)


@transaction.atomic
def feedback_give(
    *,
    actor: User,
    membership: Membership,
    session: PractitionerSession,
    invitee: MeetingInvitee | None = None,
    view: str = "",
    comments: str = "",
    given_on: datetime.date | None = None,
) -> PractitionerFeedback:
    """A practitioner's feedback on the draft findings, once the session is held: their own
    (invitee left out), or recorded for an invitee by the business manager or lead reviewer.
    Given again, it is corrected."""
    manager = can_see_all_feedback(membership, session)
    own = own_invitee(membership, session)
    if invitee is None:
        invitee = own
    if invitee is None or (not manager and (own is None or invitee.pk != own.pk)):
        raise PermissionDenied(FEEDBACK_NOT_ALLOWED)
    session = _locked(session)
    if session.meeting.status != MeetingStatus.HELD:
        raise InvalidTransition(
            "Feedback is given after the session: record who attended it first."
        )
    if invitee.meeting_id != session.meeting_id or invitee.removed_at is not None:
        raise ValidationError({"invitee": "Select a practitioner invited to the session"})
    errors: dict[str, str] = {}
    if view not in FindingsView.values:
        errors["view"] = "Select whether the practitioner agrees with the findings"
    comments = _text(comments)
    if not comments:
        errors["comments"] = "Enter the feedback on the draft findings"
    elif len(comments) > TEXT_LIMIT:
        errors["comments"] = "The feedback must be 20,000 characters or fewer"
    today = timezone.localdate()
    if given_on is None:
        errors["given_on"] = "Enter the date the feedback was given"
    elif given_on > today:
        errors["given_on"] = "The date the feedback was given must be today or in the past"
    elif given_on < timezone.localtime(session.meeting.starts_at).date():
        errors["given_on"] = "The date the feedback was given must be on or after the session"
    if errors:
        raise ValidationError(errors)
    row = PractitionerFeedback.objects.filter(session=session, invitee=invitee).first()
    before = {"view": row.view, "given_on": row.given_on.isoformat()} if row else {}
    if row is None:
        row = PractitionerFeedback(
            partnership_id=session.partnership_id, session=session, invitee=invitee
        )
    row.view, row.comments, row.given_on, row.recorded_by = view, comments, given_on, actor
    row.save()
    after = {"view": view, "given_on": given_on.isoformat()}
    _audit(
        actor,
        session,
        action="practitioner_session.feedback",
        changes={
            "practitioner": [None, invitee.display_name],
            **{k: [before.get(k), v] for k, v in after.items() if before.get(k) != v},
        },
    )
    return row


def invitee_details(members=(), outside=()) -> list[InviteeDetails]:
    """Members and outside practitioners ({name, email, agency}) as the meeting takes them."""
    return [InviteeDetails(membership=m) for m in members] + [
        InviteeDetails(name=o.get("name", ""), email=o.get("email", ""), agency=o.get("agency"))
        for o in outside
    ]
