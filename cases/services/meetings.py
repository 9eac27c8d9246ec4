"""Meetings of a case (cases.models.meetings): one service per transition, used by the pages,
the API and the stage apps alike (docs/meetings.md).

    meeting_schedule            a meeting with its invitees; each is e-mailed an invitation
                                with an iCalendar REQUEST
    meeting_update              a change of kind, title, time or place; a new SEQUENCE, e-mailed
    meeting_cancel              with the reason; an iCalendar CANCEL to every invitee
    meeting_invitee_add         someone more is invited (and e-mailed the invitation)
    meeting_invitee_remove      someone is taken off the list (and e-mailed a cancellation)
    meeting_record_attendance   who attended, apologies, the notes; whether it was quorate
                                under the partnership's `quorum` setting; the meeting is held
    meeting_add_document        a document of the case (or a file uploaded now) for the papers
    meeting_papers_send         members invited are e-mailed a link to the papers

and require_quorate(meeting), which a stage app calls before recording a decision taken at it.
E-mails say the kind of meeting, the case reference, when and where, with a link: never the
child, the incident, the meeting's title, its notes or its documents.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import get_random_string

from cases import permissions
from cases.audit import audit_record, snapshot
from cases.emails import email_enqueue
from cases.errors import DomainError, InvalidTransition
from cases.meeting_calendar import CANCEL, REQUEST, meeting_ical, meeting_uid, meeting_url
from cases.meeting_quorum import quorum_result
from cases.models import (
    Agency,
    Attachment,
    Case,
    Meeting,
    MeetingDocument,
    MeetingInvitee,
    MeetingKind,
    MeetingRole,
    MeetingStatus,
    Membership,
    Role,
    User,
)
from cases.services.documents import attachment_store

NOT_ALLOWED = "Only a business manager can schedule and manage meetings."
NOT_QUORATE = "The meeting was not quorate: it cannot record the review's decision"
NOT_RECORDED = (
    "The meeting's attendance has not been recorded: record who attended before recording "
    "the review's decision"
)
CHANGED_FIELDS = ("kind", "title", "starts_at", "ends_at", "location", "online_link")
# On the agenda of every meeting of a kind (Swindon 001: family engagement at every review
# panel meeting); said in the invitation and on the meeting's page.
STANDING_ITEMS = {MeetingKind.REVIEW_PANEL: "family engagement"}


class MeetingNotQuorate(DomainError):
    """A decision was to be recorded at a meeting that was not quorate (or not yet held)."""


@dataclass(frozen=True)
class InviteeDetails:
    """Who to invite: a member of the partnership, or someone from outside by name and e-mail
    address; their agency (a member's own by default) and their role in the meeting."""

    membership: Membership | None = None
    name: str = ""
    email: str = ""
    agency: Agency | None = None
    role: str = ""


def require_quorate(meeting: Meeting) -> None:
    """For a stage app, before it records a decision taken at `meeting` (docs/meetings.md):
    Swindon 001, The Rapid Review Meeting: "if the meeting is not quorate, it cannot go ahead"."""
    if meeting.status == MeetingStatus.CANCELLED:
        raise MeetingNotQuorate("The meeting was cancelled: it cannot record the review's decision")
    if meeting.quorate is None:
        raise MeetingNotQuorate(NOT_RECORDED)
    if not meeting.quorate:
        raise MeetingNotQuorate(NOT_QUORATE)


def _check_permission(membership: Membership | None, case: Case, check: bool) -> None:
    if check and (membership is None or not permissions.can_manage_meetings(membership, case)):
        raise PermissionDenied(NOT_ALLOWED)


def audit(*, actor, meeting: Meeting, action: str, changes: dict, note: str = "") -> None:
    audit_record(
        actor=actor,
        partnership=meeting.case.partnership,
        action=action,
        obj=meeting,
        case=meeting.case,
        changes=changes,
        note=note,
    )


def _check_times(starts_at, ends_at, errors: dict) -> None:
    if starts_at is None:
        errors["starts_at"] = "Enter the date and time the meeting starts"
    if ends_at is None:
        errors["ends_at"] = "Enter the time the meeting ends"
    elif starts_at is not None and ends_at <= starts_at:
        errors["ends_at"] = "The meeting must end after it starts"


def _details(
    *, kind, title, starts_at, ends_at, location, online_link, errors: dict
) -> dict[str, object]:
    if kind not in MeetingKind.values:
        errors["kind"] = "Select the kind of meeting"
    # Calendars keep whole minutes: so does the meeting, so that both say the same.
    starts_at, ends_at = (
        t.replace(second=0, microsecond=0) if t is not None else None for t in (starts_at, ends_at)
    )
    _check_times(starts_at, ends_at, errors)
    title = (title or "").strip() or (MeetingKind(kind).label if kind in MeetingKind.values else "")
    if len(title) > 200:
        errors["title"] = "The title must be 200 characters or fewer"
    if len(location or "") > 300:
        errors["location"] = "The location must be 300 characters or fewer"
    link = (online_link or "").strip()
    if link and not link.startswith("https://"):
        errors["online_link"] = (
            "Enter the online meeting link as a web address starting https://, for example "
            "https://teams.microsoft.com/l/meetup-join/…"
        )
    elif len(link) > 500:
        errors["online_link"] = "The online meeting link must be 500 characters or fewer"
    return {
        "kind": kind,
        "title": title,
        "starts_at": starts_at,
        "ends_at": ends_at,
        "location": (location or "").strip(),
        "online_link": link,
    }


def _default_role(membership: Membership) -> str:
    if membership.has_role(Role.BUSINESS_MANAGER):
        return MeetingRole.BUSINESS_MANAGER
    if membership.agency_id and membership.agency.is_statutory_partner:
        return MeetingRole.STATUTORY_PARTNER
    return MeetingRole.OTHER


def _invitee_rows(
    case: Case, people, errors: dict, *, field: str = "invitees", taken=()
) -> list[MeetingInvitee]:
    """Check the people to invite; their rows, unsaved. An error names the first problem of
    each sort, so the page can show them all at once."""
    rows: list[MeetingInvitee] = []
    members = set(taken)
    for person in people:
        agency = person.agency
        if agency is not None and agency.partnership_id != case.partnership_id:
            errors[f"{field}_agency"] = "Select an agency of the partnership"
            agency = None
        role = person.role
        if role and role not in MeetingRole.values:
            errors[f"{field}_role"] = "Select the person's role in the meeting"
        membership = person.membership
        if membership is not None:
            if membership.partnership_id != case.partnership_id or not membership.is_active:
                errors[field] = "Select people who are members of the partnership"
                continue
            if membership.pk in members:
                continue
            members.add(membership.pk)
            rows.append(
                MeetingInvitee(
                    partnership_id=case.partnership_id,
                    membership=membership,
                    agency=agency or membership.agency,
                    role=role or _default_role(membership),
                )
            )
            continue
        name, email = (person.name or "").strip(), (person.email or "").strip()
        if not name:
            errors[f"{field}_name"] = "Enter the name of the person from outside the partnership"
        elif len(name) > 200:
            errors[f"{field}_name"] = "The name must be 200 characters or fewer"
        if not email:
            errors[f"{field}_email"] = (
                "Enter the e-mail address of the person from outside the partnership"
            )
        else:
            try:
                validate_email(email)
            except ValidationError:
                errors[f"{field}_email"] = (
                    "Enter an e-mail address in the correct format, like name@example.com"
                )
        rows.append(
            MeetingInvitee(
                partnership_id=case.partnership_id,
                name=name,
                email=email,
                agency=agency,
                role=role or MeetingRole.OTHER,
            )
        )
    return rows


def _active_invitees(meeting: Meeting) -> list[MeetingInvitee]:
    return list(
        MeetingInvitee.objects.filter(meeting=meeting, removed_at__isnull=True)
        .select_related("membership__user", "agency")
        .order_by("pk")
    )


def _email_calendar(meeting: Meeting, invitees, *, method: str, template: str, headline: str):
    """One e-mail per invitee with the meeting as iCalendar; the key makes a retry queue none."""
    partnership = meeting.case.partnership
    for invitee in invitees:
        email_enqueue(
            key=f"meeting:{meeting.pk}:{invitee.pk}:{method}:{meeting.sequence}",
            to=invitee.address,
            template=template,
            partnership=partnership,
            calendar=meeting_ical(meeting, invitee, method=method),
            context=_email_context(meeting, headline),
        )


def _email_context(meeting: Meeting, headline: str) -> dict:
    return {
        "headline": headline,
        "partnership_name": meeting.case.partnership.name,
        "kind": meeting.get_kind_display(),
        "reference": meeting.case.reference,
        "when": meeting.when_text,
        "location": meeting.location,
        "online_link": meeting.online_link,
        "url": meeting_url(meeting),
        "standing_item": STANDING_ITEMS.get(meeting.kind, ""),
    }


def _names(invitees) -> list[str]:
    return [i.display_name for i in invitees]


@transaction.atomic
def meeting_schedule(
    *,
    actor: User,
    membership: Membership | None,
    case: Case,
    kind: str,
    starts_at: datetime.datetime | None,
    ends_at: datetime.datetime | None,
    title: str = "",
    location: str = "",
    online_link: str = "",
    invitees=(),
    purpose: str = "",
    check_permission: bool = True,
    notify: bool = True,
) -> Meeting:
    """Schedule a meeting of the case and e-mail each invitee an invitation (iCalendar
    REQUEST, SEQUENCE 0). Every problem is reported at once. notify=False for a stage app that
    sends its own invitation later (an LCSPR's practitioner session, lcspr.services.sessions)."""
    _check_permission(membership, case, check_permission)
    errors: dict[str, str] = {}
    details = _details(
        kind=kind,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        location=location,
        online_link=online_link,
        errors=errors,
    )
    rows = _invitee_rows(case, invitees, errors)
    if not rows and "invitees" not in errors:
        errors["invitees"] = "Select who is invited to the meeting"
    if errors:
        raise ValidationError(errors)
    meeting = Meeting(
        partnership_id=case.partnership_id,
        case=case,
        purpose=(purpose or "")[:40],
        uid=meeting_uid(get_random_string(24).lower()),
        created_by=actor,
        **details,
    )
    meeting.full_clean()
    meeting.save()
    for row in rows:
        row.meeting = meeting
    MeetingInvitee.objects.bulk_create(rows)
    after = {k: v for k, v in snapshot(meeting, CHANGED_FIELDS).items() if v not in (None, "")}
    audit(
        actor=actor,
        meeting=meeting,
        action="meeting.schedule",
        changes={**{k: [None, v] for k, v in after.items()}, "invited": [None, _names(rows)]},
    )
    if not notify:
        return meeting
    _email_calendar(
        meeting,
        _active_invitees(meeting),
        method=REQUEST,
        template="meeting_invitation",
        headline=f"You are invited to a {meeting.get_kind_display().lower()}.",
    )
    return meeting


def _locked(meeting: Meeting, *, allowed=(MeetingStatus.SCHEDULED,), doing: str) -> Meeting:
    meeting = (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("case__partnership")
        .get(pk=meeting.pk)
    )
    if meeting.status not in allowed:
        raise InvalidTransition(
            f"This meeting is {meeting.get_status_display().lower()}: it cannot {doing}."
        )
    return meeting


@transaction.atomic
def meeting_update(
    *,
    actor: User,
    membership: Membership | None,
    meeting: Meeting,
    kind: str,
    starts_at: datetime.datetime | None,
    ends_at: datetime.datetime | None,
    title: str = "",
    location: str = "",
    online_link: str = "",
    check_permission: bool = True,
) -> Meeting:
    """Change a scheduled meeting; if anything changed, its SEQUENCE goes up and every invitee
    is e-mailed the update (an iCalendar REQUEST that replaces the event)."""
    _check_permission(membership, meeting.case, check_permission)
    meeting = _locked(meeting, doing="be changed")
    errors: dict[str, str] = {}
    details = _details(
        kind=kind,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        location=location,
        online_link=online_link,
        errors=errors,
    )
    if errors:
        raise ValidationError(errors)
    before = snapshot(meeting, CHANGED_FIELDS)
    for name, value in details.items():
        setattr(meeting, name, value)
    after = snapshot(meeting, CHANGED_FIELDS)
    changes = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
    if not changes:
        return meeting
    meeting.sequence += 1
    meeting.full_clean()
    meeting.save()
    audit(actor=actor, meeting=meeting, action="meeting.update", changes=changes)
    _email_calendar(
        meeting,
        _active_invitees(meeting),
        method=REQUEST,
        template="meeting_invitation",
        headline=f"The {meeting.get_kind_display().lower()} has changed.",
    )
    return meeting


@transaction.atomic
def meeting_cancel(
    *,
    actor: User,
    membership: Membership | None,
    meeting: Meeting,
    reason: str,
    check_permission: bool = True,
) -> Meeting:
    """Cancel a scheduled meeting with the reason; every invitee is e-mailed an iCalendar
    CANCEL (the reason stays in the service: it may name people)."""
    _check_permission(membership, meeting.case, check_permission)
    if not (reason or "").strip():
        raise ValidationError({"reason": "Enter why the meeting is cancelled"})
    meeting = _locked(meeting, doing="be cancelled")
    meeting.status = MeetingStatus.CANCELLED
    meeting.cancelled_reason = reason.strip()
    meeting.cancelled_at = timezone.now()
    meeting.cancelled_by = actor
    meeting.sequence += 1
    meeting.save()
    audit(
        actor=actor,
        meeting=meeting,
        action="meeting.cancel",
        changes={"status": [MeetingStatus.SCHEDULED.value, MeetingStatus.CANCELLED.value]},
        note=meeting.cancelled_reason,
    )
    _email_calendar(
        meeting,
        _active_invitees(meeting),
        method=CANCEL,
        template="meeting_cancelled",
        headline=f"The {meeting.get_kind_display().lower()} is cancelled.",
    )
    return meeting


@transaction.atomic
def meeting_invitee_add(
    *,
    actor: User,
    membership: Membership | None,
    meeting: Meeting,
    person: InviteeDetails,
    check_permission: bool = True,
) -> MeetingInvitee:
    """Invite someone more. A scheduled meeting's new invitee is e-mailed the invitation; a
    meeting already held takes someone who came without an invitation, for the attendance."""
    _check_permission(membership, meeting.case, check_permission)
    meeting = _locked(
        meeting, allowed=(MeetingStatus.SCHEDULED, MeetingStatus.HELD), doing="take invitees"
    )
    errors: dict[str, str] = {}
    taken = MeetingInvitee.objects.filter(
        meeting=meeting, removed_at__isnull=True, membership__isnull=False
    ).values_list("membership_id", flat=True)
    rows = _invitee_rows(meeting.case, [person], errors, field="person", taken=taken)
    if not errors and not rows:
        errors["person"] = "This person is already invited"
    if errors:
        raise ValidationError(errors)
    invitee = rows[0]
    invitee.meeting = meeting
    invitee.save()
    audit(
        actor=actor,
        meeting=meeting,
        action="meeting.invitee_add",
        changes={"invitee": [None, invitee.display_name], "role": [None, invitee.role]},
    )
    if meeting.status == MeetingStatus.SCHEDULED:
        _email_calendar(
            meeting,
            [invitee],
            method=REQUEST,
            template="meeting_invitation",
            headline=f"You are invited to a {meeting.get_kind_display().lower()}.",
        )
    return invitee


@transaction.atomic
def meeting_invitee_remove(
    *,
    actor: User,
    membership: Membership | None,
    meeting: Meeting,
    invitee: MeetingInvitee,
    check_permission: bool = True,
) -> MeetingInvitee:
    """Take someone off the list (the row stays); while the meeting is scheduled they are
    e-mailed an iCalendar CANCEL for their copy."""
    _check_permission(membership, meeting.case, check_permission)
    meeting = _locked(meeting, doing="lose invitees")
    invitee = (
        MeetingInvitee.objects.select_for_update(of=("self",))
        .select_related("membership__user", "agency")
        .filter(meeting=meeting, pk=invitee.pk, removed_at__isnull=True)
        .first()
    )
    if invitee is None:
        raise InvalidTransition("This person is no longer invited to the meeting.")
    invitee.removed_at = timezone.now()
    invitee.save(update_fields=["removed_at"])
    audit(
        actor=actor,
        meeting=meeting,
        action="meeting.invitee_remove",
        changes={"invitee": [invitee.display_name, None]},
    )
    _email_calendar(
        meeting,
        [invitee],
        method=CANCEL,
        template="meeting_cancelled",
        headline=f"You are no longer invited to the {meeting.get_kind_display().lower()}.",
    )
    return invitee


@transaction.atomic
def meeting_record_attendance(
    *,
    actor: User,
    membership: Membership | None,
    meeting: Meeting,
    attended=(),
    apologies=(),
    notes: str | None = None,
    check_permission: bool = True,
    now: datetime.datetime | None = None,
) -> Meeting:
    """Who attended (invitees; the rest did not), who sent apologies, and the notes. Whether the
    meeting was quorate follows from the partnership's `quorum` setting as it is now, and is
    kept with the reason. The meeting is held. Recorded again, it is corrected."""
    _check_permission(membership, meeting.case, check_permission)
    meeting = _locked(
        meeting,
        allowed=(MeetingStatus.SCHEDULED, MeetingStatus.HELD),
        doing="have its attendance recorded",
    )
    if meeting.starts_at > (now or timezone.now()):
        raise InvalidTransition(
            "The meeting has not started yet: record who attended once it has started."
        )
    invitees = _active_invitees(meeting)
    by_pk = {i.pk: i for i in invitees}
    attended_ids = {getattr(i, "pk", i) for i in attended}
    apology_ids = {getattr(i, "pk", i) for i in apologies}
    errors: dict[str, str] = {}
    if not attended_ids <= by_pk.keys() or not apology_ids <= by_pk.keys():
        errors["attended"] = "Select people invited to the meeting"
    elif attended_ids & apology_ids:
        errors["apologies"] = "Someone who attended cannot also have sent apologies"
    if errors:
        raise ValidationError(errors)
    for invitee in invitees:
        invitee.attended = invitee.pk in attended_ids
        invitee.apologies = invitee.pk in apology_ids
    MeetingInvitee.objects.bulk_update(invitees, ["attended", "apologies"])
    present = [i for i in invitees if i.attended]
    quorate, reason = quorum_result(meeting.case.partnership, present)
    before = {
        "status": meeting.status,
        "quorate": meeting.quorate,
        "notes": meeting.notes,
    }
    meeting.status = MeetingStatus.HELD
    meeting.quorate = quorate
    meeting.quorum_reason = reason
    meeting.attendance_recorded_at = timezone.now()
    if notes is not None:
        meeting.notes = notes.strip()
    meeting.save()
    changes = {
        "attended": [None, _names(present)],
        "quorum": [None, "quorate" if quorate else "not quorate"],
    }
    if before["status"] != meeting.status:
        changes["status"] = [before["status"], meeting.status]
    if before["notes"] != meeting.notes:
        changes["notes"] = [before["notes"] or None, meeting.notes or None]
    audit(
        actor=actor,
        meeting=meeting,
        action="meeting.attendance",
        changes=changes,
        note=reason,
    )
    return meeting


@transaction.atomic
def meeting_add_document(
    *,
    actor: User,
    membership: Membership | None,
    meeting: Meeting,
    attachment: Attachment | None = None,
    uploaded=None,
    description: str = "",
    check_permission: bool = True,
) -> MeetingDocument:
    """Add a document of the case to the meeting's papers, or a file uploaded now (stored as a
    document of the case). Not to a cancelled meeting."""
    _check_permission(membership, meeting.case, check_permission)
    meeting = _locked(
        meeting,
        allowed=(MeetingStatus.SCHEDULED, MeetingStatus.HELD),
        doing="take documents",
    )
    case = meeting.case
    if (attachment is None) == (uploaded is None):
        raise ValidationError({"attachment": "Choose a document of the case or upload a file"})
    if attachment is not None and (
        attachment.case_id != case.pk or attachment.archived_at is not None
    ):
        raise ValidationError({"attachment": "Choose a document of this case"})
    if uploaded is not None:
        try:
            attachment = attachment_store(
                actor=actor,
                case=case,
                uploaded=uploaded,
                description=(description or "").strip()[:255],
            )
        except ValidationError as exc:
            raise ValidationError({"file": exc.messages}) from exc
    if MeetingDocument.objects.filter(meeting=meeting, attachment=attachment).exists():
        raise ValidationError({"attachment": "This document is already in the meeting's papers"})
    document = MeetingDocument.objects.create(
        partnership_id=case.partnership_id, meeting=meeting, attachment=attachment, added_by=actor
    )
    audit(
        actor=actor,
        meeting=meeting,
        action="meeting.document_add",
        changes={"document": [None, attachment.pk]},
    )
    return document


@transaction.atomic
def meeting_papers_send(
    *,
    actor: User,
    membership: Membership | None,
    meeting: Meeting,
    check_permission: bool = True,
) -> int:
    """E-mail the members invited a link to the papers (Dorset 002 5.14: papers to members by
    day 9). The e-mail carries no document: they sign in to read them. People from outside the
    partnership cannot sign in, so the business manager shares the papers with them another
    way (the page says so). How many were e-mailed."""
    _check_permission(membership, meeting.case, check_permission)
    meeting = _locked(meeting, doing="have its papers sent")
    if not MeetingDocument.objects.filter(meeting=meeting).exists():
        raise ValidationError({"papers": "Add the papers to the meeting before sending them"})
    members = [i for i in _active_invitees(meeting) if i.membership_id]
    if not members:
        raise ValidationError({"papers": "No member of the partnership is invited to send to"})
    meeting.papers_sent_at = timezone.now()
    meeting.save(update_fields=["papers_sent_at", "updated_at"])
    context = _email_context(
        meeting, f"The papers for the {meeting.get_kind_display().lower()} are ready."
    )
    for invitee in members:
        email_enqueue(
            key=f"meeting:{meeting.pk}:{invitee.pk}:papers:{meeting.papers_sent_at.isoformat()}",
            to=invitee.address,
            template="meeting_papers",
            partnership=meeting.case.partnership,
            context=context,
        )
    audit(
        actor=actor,
        meeting=meeting,
        action="meeting.papers_sent",
        changes={"sent_to": [None, _names(members)]},
    )
    return len(members)
