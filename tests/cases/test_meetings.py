"""Meetings (issue 13): scheduling with invitations as iCalendar, updates and cancellations with
a new SEQUENCE, attendance and the partnership's quorum (Swindon 001: "if the meeting is not
quorate, it cannot go ahead"), the papers, and require_quorate for the stage apps."""

import copy
import datetime

import icalendar
import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from cases.emails import email_send
from cases.errors import InvalidTransition
from cases.history_display import history_rows
from cases.models import (
    AuditEvent,
    MeetingInvitee,
    MeetingRole,
    MeetingStatus,
    OutboundEmail,
    Role,
)
from cases.services import meetings as meeting_services
from cases.services.meetings import InviteeDetails, MeetingNotQuorate, require_quorate
from cases.workflow import PRESETS
from tests.factories import make_member

BM = Role.BUSINESS_MANAGER
NOW = timezone.now()


def _people(side):
    """A representative of each statutory partner and an outside critical friend."""
    la = make_member(side.partnership, Role.SLO, agency=side.agencies["la"], email="la@t.test")
    police = side.members[Role.SLO]  # the police's SLO
    health = make_member(
        side.partnership, Role.SLO, agency=side.agencies["health"], email="icb@t.test"
    )
    return la, police, health


def _schedule(side, people=None, *, starts=None, hours=2, **kwargs):
    bm = side.members[BM]
    starts = starts or NOW + datetime.timedelta(days=3)
    if people is None:
        people = [InviteeDetails(membership=m) for m in _people(side)]
    return meeting_services.meeting_schedule(
        actor=bm.user,
        membership=bm,
        case=side.case,
        kind=kwargs.pop("kind", "rapid_review"),
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=hours),
        location=kwargs.pop("location", "Committee Room 2"),
        invitees=people,
        purpose="rapid_review",
        **kwargs,
    )


def _swindon(side):
    side.partnership.workflow = copy.deepcopy(PRESETS["swindon"])
    side.partnership.save()


def _calendar(meeting, invitee=None) -> list[icalendar.Calendar]:
    rows = OutboundEmail.objects.filter(key__startswith=f"meeting:{meeting.pk}:").order_by("pk")
    if invitee is not None:
        rows = rows.filter(key__startswith=f"meeting:{meeting.pk}:{invitee.pk}:")
    return [icalendar.Calendar.from_ical(r.calendar) for r in rows if r.calendar]


def _event(cal):
    return next(c for c in cal.walk("VEVENT"))


def test_scheduling_invites_each_person_with_an_icalendar_request(world):
    side = world.alpha
    meeting = _schedule(side)
    invitees = list(MeetingInvitee.objects.filter(meeting=meeting))
    assert len(invitees) == 3
    assert {i.role for i in invitees} == {MeetingRole.STATUTORY_PARTNER}
    emails = OutboundEmail.objects.filter(key__startswith=f"meeting:{meeting.pk}:")
    assert emails.count() == 3
    assert sorted(e.to for e in emails) == sorted(i.address for i in invitees)
    cal = _calendar(meeting, invitees[0])[0]
    assert cal["METHOD"] == "REQUEST"
    event = _event(cal)
    assert str(event["UID"]) == meeting.uid
    assert event["SEQUENCE"] == 0
    start = event.decoded("DTSTART")
    assert str(start.tzinfo) == "Europe/London"
    assert start == meeting.starts_at
    assert event.decoded("DTEND") == meeting.ends_at
    assert cal.walk("VTIMEZONE"), "the zone's rules travel with the event"
    assert side.case.reference in str(event["SUMMARY"])
    # No personal details: not the child, nor the meeting's free-text title.
    for email in emails:
        for text in (email.subject, email.body_text, email.body_html, email.calendar):
            assert "Test Child" not in text and "Child T" not in text
    history = [r.sentence for r in history_rows(AuditEvent.objects.filter(case=side.case))]
    assert any("scheduled the meeting “Rapid review meeting”" in s for s in history)


def test_the_invitation_goes_out_with_an_ics_part(world, celery_eager):
    meeting = _schedule(world.alpha)
    row = OutboundEmail.objects.filter(key__startswith=f"meeting:{meeting.pk}:").first()
    mail.outbox.clear()
    email_send(row.pk)
    message = mail.outbox[0].message()
    parts = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    assert len(parts) == 1
    assert parts[0].get_param("method") == "REQUEST"
    assert parts[0].get_filename() == "invite.ics"
    assert icalendar.Calendar.from_ical(parts[0].get_payload(decode=True))["METHOD"] == "REQUEST"


def test_an_update_and_a_cancellation_send_a_higher_sequence(world):
    side = world.alpha
    bm = side.members[BM]
    meeting = _schedule(side)
    invitee = MeetingInvitee.objects.filter(meeting=meeting).first()
    later = meeting.starts_at + datetime.timedelta(days=1)
    meeting = meeting_services.meeting_update(
        actor=bm.user,
        membership=bm,
        meeting=meeting,
        kind=meeting.kind,
        starts_at=later,
        ends_at=later + datetime.timedelta(hours=3),
        location="Civic Offices",
    )
    assert meeting.sequence == 1
    update = _calendar(meeting, invitee)[-1]
    assert update["METHOD"] == "REQUEST" and _event(update)["SEQUENCE"] == 1
    assert _event(update).decoded("DTSTART") == later
    # Saving the same again sends nothing.
    count = OutboundEmail.objects.count()
    meeting_services.meeting_update(
        actor=bm.user,
        membership=bm,
        meeting=meeting,
        kind=meeting.kind,
        starts_at=later,
        ends_at=later + datetime.timedelta(hours=3),
        location="Civic Offices",
    )
    assert OutboundEmail.objects.count() == count
    meeting = meeting_services.meeting_cancel(
        actor=bm.user, membership=bm, meeting=meeting, reason="The chair is ill"
    )
    assert meeting.status == MeetingStatus.CANCELLED and meeting.sequence == 2
    cancel = _calendar(meeting, invitee)[-1]
    assert cancel["METHOD"] == "CANCEL"
    assert _event(cancel)["SEQUENCE"] == 2
    assert str(_event(cancel)["STATUS"]) == "CANCELLED"
    assert not any(
        "The chair is ill" in e.body_text + e.calendar
        for e in OutboundEmail.objects.filter(key__startswith=f"meeting:{meeting.pk}:")
    )
    with pytest.raises(InvalidTransition):
        meeting_services.meeting_cancel(actor=bm.user, membership=bm, meeting=meeting, reason="x")


def test_every_scheduling_error_at_once(world):
    side = world.alpha
    bm = side.members[BM]
    with pytest.raises(ValidationError) as caught:
        meeting_services.meeting_schedule(
            actor=bm.user,
            membership=bm,
            case=side.case,
            kind="picnic",
            starts_at=NOW,
            ends_at=NOW - datetime.timedelta(hours=1),
            online_link="teams",
            invitees=[InviteeDetails(name="Critical Friend", email="not-an-address")],
        )
    errors = caught.value.message_dict
    assert errors["kind"] == ["Select the kind of meeting"]
    assert errors["ends_at"] == ["The meeting must end after it starts"]
    assert "online_link" in errors
    assert errors["invitees_email"] == [
        "Enter an e-mail address in the correct format, like name@example.com"
    ]
    with pytest.raises(ValidationError) as caught:
        _schedule(side, people=[])
    assert caught.value.message_dict["invitees"] == ["Select who is invited to the meeting"]


def test_only_a_business_manager_schedules(world):
    side = world.alpha
    slo = side.members[Role.SLO]
    with pytest.raises(PermissionDenied):
        meeting_services.meeting_schedule(
            actor=slo.user,
            membership=slo,
            case=side.case,
            kind="rapid_review",
            starts_at=NOW,
            ends_at=NOW + datetime.timedelta(hours=1),
            invitees=[InviteeDetails(membership=slo)],
        )


def _attend(side, meeting, present, **kwargs):
    bm = side.members[BM]
    ids = [i.pk for i in MeetingInvitee.objects.filter(meeting=meeting) if i.membership in present]
    return meeting_services.meeting_record_attendance(
        actor=bm.user, membership=bm, meeting=meeting, attended=ids, **kwargs
    )


def test_swindon_quorum_needs_each_statutory_partner_and_refuses_the_decision(world):
    side = world.alpha
    _swindon(side)
    la, police, health = _people(side)
    past = NOW - datetime.timedelta(hours=3)
    meeting = _schedule(
        side, [InviteeDetails(membership=m) for m in (la, police, health)], starts=past
    )
    with pytest.raises(MeetingNotQuorate, match="has not been recorded"):
        require_quorate(meeting)
    meeting = _attend(side, meeting, [la, police], notes="Facts agreed.")
    assert meeting.status == MeetingStatus.HELD
    assert meeting.quorate is False
    assert "no one attended from Alpha ICB" in meeting.quorum_reason
    with pytest.raises(
        MeetingNotQuorate,
        match="The meeting was not quorate: it cannot record the review's decision",
    ):
        require_quorate(meeting)
    # Corrected: the ICB's representative was there after all.
    meeting = _attend(side, meeting, [la, police, health])
    assert meeting.quorate is True
    assert "each statutory partner attended" in meeting.quorum_reason
    require_quorate(meeting)
    history = [r.sentence for r in history_rows(AuditEvent.objects.filter(case=side.case))]
    assert any("recorded who attended the meeting" in s and "not quorate" in s for s in history)


def test_minimum_count_quorum(world):
    side = world.alpha
    side.partnership.workflow = {
        **copy.deepcopy(PRESETS["swindon"]),
        "quorum": {"rule": "minimum_count", "minimum": 3},
    }
    side.partnership.save()
    la, police, health = _people(side)
    meeting = _schedule(
        side,
        [InviteeDetails(membership=m) for m in (la, police, health)],
        starts=NOW - datetime.timedelta(hours=3),
    )
    assert _attend(side, meeting, [la, police]).quorate is False
    assert _attend(side, meeting, [la, police, health]).quorate is True


def test_attendance_waits_for_the_meeting_and_a_cancelled_one_decides_nothing(world):
    side = world.alpha
    bm = side.members[BM]
    meeting = _schedule(side)
    with pytest.raises(InvalidTransition, match="has not started"):
        _attend(side, meeting, [])
    meeting = meeting_services.meeting_cancel(
        actor=bm.user, membership=bm, meeting=meeting, reason="Moved"
    )
    with pytest.raises(MeetingNotQuorate, match="cancelled"):
        require_quorate(meeting)


def test_invitees_added_and_removed_are_told(world):
    side = world.alpha
    bm = side.members[BM]
    meeting = _schedule(side)
    friend = meeting_services.meeting_invitee_add(
        actor=bm.user,
        membership=bm,
        meeting=meeting,
        person=InviteeDetails(
            name="Chris Friend", email="friend@elsewhere.test", role=MeetingRole.CRITICAL_FRIEND
        ),
    )
    assert _calendar(meeting, friend)[0]["METHOD"] == "REQUEST"
    with pytest.raises(ValidationError):
        meeting_services.meeting_invitee_add(
            actor=bm.user,
            membership=bm,
            meeting=meeting,
            person=InviteeDetails(membership=side.members[Role.SLO]),
        )
    meeting_services.meeting_invitee_remove(
        actor=bm.user, membership=bm, meeting=meeting, invitee=friend
    )
    assert _calendar(meeting, friend)[-1]["METHOD"] == "CANCEL"
    friend.refresh_from_db()
    assert friend.removed_at is not None  # kept, not deleted


def test_papers_go_to_members_as_a_link_only(world):
    side = world.alpha
    bm = side.members[BM]
    meeting = _schedule(
        side,
        [
            InviteeDetails(membership=side.members[Role.SLO]),
            InviteeDetails(name="Chris Friend", email="friend@elsewhere.test"),
        ],
    )
    with pytest.raises(ValidationError, match="Add the papers"):
        meeting_services.meeting_papers_send(actor=bm.user, membership=bm, meeting=meeting)
    meeting_services.meeting_add_document(
        actor=bm.user, membership=bm, meeting=meeting, attachment=side.attachment
    )
    sent = meeting_services.meeting_papers_send(actor=bm.user, membership=bm, meeting=meeting)
    assert sent == 1
    papers = OutboundEmail.objects.filter(key__contains=":papers:")
    assert [e.to for e in papers] == [side.members[Role.SLO].user.email]
    assert not papers[0].calendar
    assert "report.pdf" not in papers[0].body_text


def test_another_partnerships_attachment_or_member_is_refused(world):
    side, other = world.alpha, world.beta
    bm = side.members[BM]
    with pytest.raises(ValidationError):
        _schedule(side, [InviteeDetails(membership=other.members[Role.SLO])])
    meeting = _schedule(side)
    with pytest.raises(ValidationError):
        meeting_services.meeting_add_document(
            actor=bm.user, membership=bm, meeting=meeting, attachment=other.attachment
        )


# --- Pages and API --------------------------------------------------------------------------

JSON = {"content_type": "application/json"}


def _url(name, side, *args):
    from django.urls import reverse

    return reverse(name, args=[side.partnership.slug, *args])


def test_the_schedule_form_shows_every_error_at_once(world, client_for):
    side = world.alpha
    client = client_for(side.user(BM))
    response = client.post(_url("cases:meeting_schedule", side, side.case.pk), {})
    text = response.content.decode()
    assert response.status_code == 200
    for message in (
        "Select the kind of meeting",
        "Enter the date of the meeting",
        "Enter the time the meeting starts",
        "Enter the time the meeting ends or choose how long it lasts",
        "Select who is invited to the meeting",
    ):
        assert message in text
    response = client.post(
        _url("cases:meeting_schedule", side, side.case.pk),
        {
            "kind": "rapid_review",
            "date_day": "2",
            "date_month": "3",
            "date_year": "2027",
            "start_time": "2pm",
            "end_time": "1pm",
            "members": [str(side.members[Role.SLO].pk)],
            "external_role": "other",
        },
    )
    assert "The meeting must end after it starts" in response.content.decode()


def test_an_invitee_who_cannot_see_the_case_sees_the_meeting_and_its_papers(world, client_for):
    side = world.alpha
    reviewer = side.members[Role.LEAD_REVIEWER]  # sees only what they are named on
    meeting = _schedule(side, [InviteeDetails(membership=reviewer)])
    bm = side.members[BM]
    meeting_services.meeting_add_document(
        actor=bm.user, membership=bm, meeting=meeting, attachment=side.attachment
    )
    client = client_for(reviewer.user)
    assert client.get(_url("cases:case_detail", side, side.case.pk)).status_code == 404
    page = client.get(_url("cases:meeting_detail", side, side.case.pk, meeting.pk))
    assert page.status_code == 200
    download = client.get(
        _url("cases:meeting_document_download", side, side.case.pk, meeting.pk, side.attachment.pk)
    )
    assert download.status_code == 200
    home = client.get(_url("cases:home", side))
    assert "Your meetings in the next 14 days" in home.content.decode()
    # Another partnership's member: 404.
    other = client_for(world.beta.user(BM))
    assert (
        other.get(
            f"/p/{side.partnership.slug}/cases/{side.case.pk}/meetings/{meeting.pk}/"
        ).status_code
        == 404
    )


def test_the_api_schedules_records_attendance_and_answers_409_and_400(world, client_for):
    side = world.alpha
    _swindon(side)
    la, police, health = _people(side)
    client = client_for(side.user(BM))
    url = _url("cases_api:meeting-list", side, side.case.pk)
    bad = client.post(url, {"kind": "rapid_review", "invitees": []}, **JSON)
    assert bad.status_code == 400
    starts = timezone.now() + datetime.timedelta(days=2)
    created = client.post(
        url,
        {
            "kind": "rapid_review",
            "starts_at": starts.isoformat(),
            "ends_at": (starts + datetime.timedelta(hours=2)).isoformat(),
            "invitees": [{"membership": m.pk} for m in (la, police, health)],
        },
        **JSON,
    )
    assert created.status_code == 201, created.content
    meeting = created.json()
    attendance = _url("cases_api:meeting-attendance", side, side.case.pk, meeting["id"])
    early = client.post(attendance, {"attended": []}, **JSON)
    assert early.status_code == 409
    slo = client_for(side.user(Role.SLO))
    assert slo.get(url).status_code == 200
    assert slo.post(attendance, {"attended": []}, **JSON).status_code == 403
