"""Reflective practitioner sessions, practitioners' feedback on the draft findings, and the comms
plan with its reactive statement (issue 14; Swindon 001 Appendices 11-13, Dorset 002
7.16-7.20): services, pages, API, permissions, history."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from cases.document_templates import template_spec
from cases.errors import InvalidTransition
from cases.history_display import history_rows
from cases.models import AuditEvent, Deadline, MeetingInvitee, MeetingKind, OutboundEmail, Role
from cases.services.meetings import meeting_record_attendance
from lcspr.choices import LcsprSource
from lcspr.models import PractitionerFeedback
from lcspr.models.sessions import CommsChannel
from lcspr.services import comms
from lcspr.services import sessions as svc
from lcspr.services.start import lcspr_start
from lcspr.services.target import lcspr_target_set
from tests.factories import make_member
from tests.lcspr.conftest import panel_recommends

D = datetime.date


def _at(day: D, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, hour))


def _review(s):
    panel_recommends(s, D(2026, 12, 1))
    review = lcspr_start(
        actor=s.bm.user,
        membership=s.bm,
        case=s.case,
        source=LcsprSource.PANEL_RECOMMENDATION,
    )
    return lcspr_target_set(actor=s.bm.user, membership=s.bm, review=review, target=D(2027, 5, 25))


JANUARY_12 = D(2027, 1, 12)


def _session(s, review, day=JANUARY_12, **kwargs):
    from cases.services.meetings import InviteeDetails

    return svc.session_schedule(
        actor=s.bm.user,
        membership=s.bm,
        review=review,
        format=kwargs.pop("format", "face_to_face"),
        starts_at=_at(day, 10),
        ends_at=_at(day, 13),
        location="Committee Room 2, County Hall",
        reply_by=kwargs.pop("reply_by", None),
        invitees=[
            InviteeDetails(membership=s.la_slo),
            InviteeDetails(membership=s.fire_slo),
            InviteeDetails(name="Olive Outside", email="olive@school.test", agency=s.la),
        ],
        **kwargs,
    )


def _held(s, session, attended=2):
    invitees = list(MeetingInvitee.objects.filter(meeting=session.meeting).order_by("pk"))
    meeting_record_attendance(
        actor=s.bm.user,
        membership=s.bm,
        meeting=session.meeting,
        attended=invitees[:attended],
        now=session.meeting.ends_at,
    )
    return invitees


def test_schedule_every_error_and_the_texts(dorset, mid_december):
    s = dorset
    review = _review(s)
    with pytest.raises(ValidationError) as raised:
        svc.session_schedule(
            actor=s.bm.user,
            membership=s.bm,
            review=review,
            format="virtual",
            starts_at=None,
            ends_at=None,
            reply_by=D(2026, 12, 1),
        )
    errors = raised.value.message_dict
    assert errors["online_link"] == ["Enter the online meeting link"]
    assert errors["reply_by"] == ["The date to reply by must be today or in the future"]
    assert errors["starts_at"] == ["Enter the date and time the meeting starts"]
    assert errors["invitees"] == ["Select who is invited to the meeting"]
    with pytest.raises(PermissionDenied):
        svc.session_schedule(
            actor=s.la_slo.user,
            membership=s.la_slo,
            review=review,
            format="face_to_face",
            starts_at=None,
            ends_at=None,
        )
    session = _session(s, review, reply_by=D(2027, 1, 5))
    assert session.meeting.kind == MeetingKind.PRACTITIONER_SESSION
    assert session.invitation_text == template_spec("practitioner_invitation").default_body
    assert not OutboundEmail.objects.exists()  # nothing until the invitations are sent
    texts = svc.filled_texts(session)
    assert "Tuesday 12 January 2027, 10am to 1pm" in texts["invitation"]
    assert "Committee Room 2, County Hall" in texts["agenda"]
    assert "Tuesday 5 January 2027" in texts["invitation"]
    assert "$" not in texts["briefing"]
    with pytest.raises(ValidationError) as raised:
        svc.session_texts_save(
            actor=s.bm.user, membership=s.bm, session=session, invitation_text=" ", agenda_text=""
        )
    assert set(raised.value.message_dict) == {"invitation_text", "agenda_text"}
    session = svc.session_texts_save(
        actor=s.bm.user, membership=s.bm, session=session, agenda_text="Our agenda, $venue"
    )
    assert svc.filled_texts(session)["agenda"] == "Our agenda, Committee Room 2, County Hall"


def test_a_partnerships_own_invitation_starts_its_new_sessions(dorset, mid_december):
    from cases.services.document_templates import document_template_save

    s = dorset
    review = _review(s)
    document_template_save(
        actor=s.bm.user,
        membership=s.bm,
        key="practitioner_invitation",
        title="Invitation to a reflective practitioner session",
        body="Dear colleague, please join the session about $child_initials on $session_date.",
    )
    session = _session(s, review)
    assert session.invitation_text.startswith("Dear colleague, please join the session about")
    assert "Tuesday 12 January 2027" in svc.filled_texts(session)["invitation"]
    assert session.agenda_text == template_spec("practitioner_agenda").default_body


def test_invitations_go_once_with_the_calendar(
    dorset, mid_december, django_capture_on_commit_callbacks
):
    s = dorset
    session = _session(s, _review(s))
    with django_capture_on_commit_callbacks():
        sent = svc.session_send_invitations(actor=s.bm.user, membership=s.bm, session=session)
    assert sent == 3
    emails = OutboundEmail.objects.order_by("to")
    assert [e.to for e in emails] == [
        "fay.fire@dorset.test",
        "lee.lead@dorset.test",
        "olive@school.test",
    ]
    email = emails[0]
    assert "BEGIN:VEVENT" in email.calendar and "METHOD:REQUEST" in email.calendar
    assert "Reflective practitioner session" in email.body_text
    assert "About the Reflective Practitioner Session" in email.body_text
    assert "Welcome and Introductions" in email.body_text
    with pytest.raises(ValidationError):
        svc.session_send_invitations(actor=s.bm.user, membership=s.bm, session=session)
    assert OutboundEmail.objects.count() == 3


def test_feedback_each_sees_their_own_the_lead_reviewer_all(dorset, mid_december):
    s = dorset
    session = _session(s, _review(s), day=D(2026, 12, 10))
    own = svc.own_invitee(s.la_slo, session)
    with pytest.raises(InvalidTransition):
        svc.feedback_give(
            actor=s.la_slo.user,
            membership=s.la_slo,
            session=session,
            view="agrees",
            comments="x",
            given_on=D(2026, 12, 14),
        )
    invitees = _held(s, session)
    with pytest.raises(ValidationError) as raised:
        svc.feedback_give(actor=s.la_slo.user, membership=s.la_slo, session=session)
    assert raised.value.message_dict == {
        "view": ["Select whether the practitioner agrees with the findings"],
        "comments": ["Enter the feedback on the draft findings"],
        "given_on": ["Enter the date the feedback was given"],
    }
    svc.feedback_give(
        actor=s.la_slo.user,
        membership=s.la_slo,
        session=session,
        view="partly",
        comments="The chronology misses the May home visit.",
        given_on=D(2026, 12, 14),
    )
    # A practitioner cannot record someone else's.
    with pytest.raises(PermissionDenied):
        svc.feedback_give(
            actor=s.la_slo.user,
            membership=s.la_slo,
            session=session,
            invitee=invitees[2],
            view="agrees",
            comments="x",
            given_on=D(2026, 12, 14),
        )
    svc.feedback_give(
        actor=s.bm.user,
        membership=s.bm,
        session=session,
        invitee=invitees[2],
        view="agrees",
        comments="Recorded from the phone call.",
        given_on=D(2026, 12, 15),
    )
    lead = make_member(s.partnership, Role.LEAD_REVIEWER, email="lead@dorset.test")
    from cases.services.cases import case_access_grant

    case_access_grant(actor=s.bm.user, membership=s.bm, case=s.case, member=lead)
    assert svc.visible_feedback(lead, session).count() == 2
    assert [f.invitee_id for f in svc.visible_feedback(s.la_slo, session)] == [own.pk]
    assert svc.visible_feedback(s.fire_slo, session).count() == 0
    assert PractitionerFeedback.objects.count() == 2
    event = AuditEvent.objects.filter(action="practitioner_session.feedback").first()
    assert "feedback on the draft findings" in history_rows([event])[0].sentence


def test_comms_plan_agreed_meets_the_dorset_step(dorset, mid_december):
    s = dorset
    review = _review(s)
    with pytest.raises(ValidationError) as raised:
        comms.comms_item_add(actor=s.bm.user, membership=s.bm, review=review)
    assert set(raised.value.message_dict) == {"audience", "message", "channel", "owner", "due_on"}
    with pytest.raises(ValidationError) as raised:
        comms.comms_plan_agree(actor=s.bm.user, membership=s.bm, review=review)
    assert set(raised.value.message_dict) == {"agreed_on", "agreed_by", "items"}
    with pytest.raises(PermissionDenied):
        comms.comms_item_add(actor=s.la_slo.user, membership=s.la_slo, review=review)
    item = comms.comms_item_add(
        actor=s.bm.user,
        membership=s.bm,
        review=review,
        audience="Members of the council",
        message="The report will be published on 25 May.",
        channel=CommsChannel.BRIEFING,
        owner=s.exec,
        due_on=D(2027, 5, 18),
    )
    comms.comms_item_update(
        actor=s.bm.user,
        membership=s.bm,
        item=item,
        audience=item.audience,
        message=item.message,
        channel=item.channel,
        owner=s.bm,
        due_on=item.due_on,
        status="done",
    )
    comms.comms_plan_agree(
        actor=s.bm.user,
        membership=s.bm,
        review=review,
        agreed_on=D(2026, 12, 14),
        agreed_by="Comms planning meeting",
    )
    step = Deadline.objects.get(case=s.case, stage="publication", key="comms_meeting")
    assert step.status == "met" and step.met_on == D(2026, 12, 14)
    with pytest.raises(InvalidTransition):
        comms.comms_plan_agree(
            actor=s.bm.user,
            membership=s.bm,
            review=review,
            agreed_on=D(2026, 12, 14),
            agreed_by="x",
        )
    with pytest.raises(ValidationError) as raised:
        comms.reactive_statement_agree(actor=s.bm.user, membership=s.bm, review=review)
    assert "statement" in raised.value.message_dict
    comms.reactive_statement_save(
        actor=s.bm.user,
        membership=s.bm,
        review=review,
        statement="The partnership has published a review.",
        owner=s.exec,
    )
    plan = comms.reactive_statement_agree(
        actor=s.bm.user,
        membership=s.bm,
        review=review,
        agreed_on=D(2026, 12, 15),
        agreed_by="Executive Director",
    )
    assert plan.statement_agreed_by == "Executive Director"
    plan = comms.reactive_statement_save(
        actor=s.bm.user, membership=s.bm, review=review, statement="Changed.", owner=s.exec
    )
    assert plan.statement_agreed_on is None  # agreed again after a change
    for code in ("comms_plan.item_add", "comms_plan.agree", "reactive_statement.agree"):
        event = AuditEvent.objects.filter(action=code).first()
        assert "LCSPR's" in history_rows([event])[0].sentence


def test_pages(dorset, mid_december, client_for):
    s = dorset
    review = _review(s)
    bm, slo, fire = client_for(s.bm.user), client_for(s.la_slo.user), client_for(s.fire_slo.user)
    detail = bm.get(reverse("lcspr:detail", args=["dorset", review.pk])).content.decode()
    assert "Arrange a reflective practitioner session" in detail
    schedule = reverse("lcspr:session_schedule", args=["dorset", review.pk])
    assert slo.get(schedule).status_code == 403
    assert bm.get(schedule).status_code == 200
    bad = bm.post(schedule, {"format": "virtual", "date_day": "", "members": []})
    assert bad.status_code == 400
    html = bad.content.decode()
    assert "Enter the date of the meeting" in html
    assert "Select who is invited to the meeting" in html
    good = bm.post(
        schedule,
        {
            "format": "face_to_face",
            "date_day": "12",
            "date_month": "1",
            "date_year": "2027",
            "start_time": "10am",
            "duration": "210",
            "location": "County Hall",
            "members": [str(s.la_slo.pk), str(s.fire_slo.pk)],
            "external_name": "Olive Outside",
            "external_email": "olive@school.test",
        },
    )
    assert good.status_code == 302, good.content.decode()[:3000]
    session = review.practitioner_sessions.get()
    page = bm.get(good.url).content.decode()
    assert "Send the invitations" in page and "Olive Outside" in page
    texts = reverse("lcspr:session_texts", args=["dorset", session.pk])
    assert slo.get(texts).status_code == 403
    bad = bm.post(texts, {"invitation_text": "", "briefing_text": "", "agenda_text": "A"})
    assert bad.status_code == 400
    assert "Enter the invitation" in bad.content.decode()
    assert "Enter the briefing" in bad.content.decode()
    send = reverse("lcspr:session_send", args=["dorset", session.pk])
    assert slo.post(send).status_code == 403
    assert bm.post(send).status_code == 302
    assert OutboundEmail.objects.count() == 3
    feedback = reverse("lcspr:session_feedback", args=["dorset", session.pk])
    assert "after the session" in slo.get(feedback).content.decode()
    comms_url = reverse("lcspr:comms_plan", args=["dorset", review.pk])
    assert slo.get(comms_url).status_code == 200
    add = reverse("lcspr:comms_item_add", args=["dorset", review.pk])
    assert slo.get(add).status_code == 403
    bad = bm.post(add, {})
    assert bad.status_code == 400
    for message in ("Enter who the audience is", "Enter the message", "Select who owns this item"):
        assert message in bad.content.decode()
    ok = bm.post(
        add,
        {
            "audience": "The press",
            "message": "Reactive only.",
            "channel": "press_release",
            "owner": str(s.exec.pk),
            "due_on_day": "18",
            "due_on_month": "5",
            "due_on_year": "2027",
            "status": "planned",
        },
    )
    assert ok.status_code == 302
    assert "The press" in bm.get(comms_url).content.decode()
    statement = reverse("lcspr:reactive_statement", args=["dorset", review.pk])
    assert bm.post(statement, {}).status_code == 400
    assert fire.get(comms_url).status_code == 404  # Dorset Fire is not involved in the case


def test_feedback_page_practitioner_sees_own(dorset, mid_december, client_for):
    s = dorset
    session = _session(s, _review(s), day=D(2026, 12, 10))
    _held(s, session)
    url = reverse("lcspr:session_feedback", args=["dorset", session.pk])
    fire = client_for(s.fire_slo.user)  # invited, but not involved in the case
    assert fire.get(reverse("lcspr:session_detail", args=["dorset", session.pk])).status_code == 200
    bad = fire.post(url, {})
    assert bad.status_code == 400
    assert "Select whether the practitioner agrees with the findings" in bad.content.decode()
    ok = fire.post(
        url,
        {
            "view": "disagrees",
            "comments": "Our service was not asked.",
            "given_on_day": "14",
            "given_on_month": "12",
            "given_on_year": "2026",
        },
    )
    assert ok.status_code == 302
    svc.feedback_give(
        actor=s.la_slo.user,
        membership=s.la_slo,
        session=session,
        view="agrees",
        comments="Lee's own view.",
        given_on=D(2026, 12, 14),
    )
    page = fire.get(url).content.decode()
    assert "Our service was not asked." in page and "Lee&#x27;s own view." not in page
    bm_page = client_for(s.bm.user).get(url).content.decode()
    assert "Our service was not asked." in bm_page and "Lee&#x27;s own view." in bm_page
    outsider = make_member(s.partnership, Role.EXECUTIVE, email="x@dorset.test")
    assert client_for(outsider.user).get(url).status_code == 403


def test_another_partnership_gets_404(dorset, bcp, mid_december, client_for):
    s = dorset
    review = _review(s)
    session = _session(s, review)
    other = client_for(bcp.bm.user)
    for name, pk in (
        ("session_detail", session.pk),
        ("session_feedback", session.pk),
        ("session_texts", session.pk),
        ("comms_plan", review.pk),
        ("comms_item_add", review.pk),
    ):
        assert other.get(reverse(f"lcspr:{name}", args=["dorset", pk])).status_code == 404
        assert other.get(reverse(f"lcspr:{name}", args=["bcp", pk])).status_code == 404


def test_api(dorset, mid_december):
    from django.test import Client

    from tests.factories import api_token

    s = dorset
    review = _review(s)
    api = Client(HTTP_AUTHORIZATION=f"Token {api_token(s.bm.user)}")
    slo = Client(HTTP_AUTHORIZATION=f"Token {api_token(s.la_slo.user)}")
    listing = reverse("lcspr_api:session-list", args=["dorset", review.pk])
    body = {
        "format": "virtual",
        "starts_at": "2026-12-10T10:00:00Z",
        "ends_at": "2026-12-10T13:30:00Z",
        "online_link": "",
        "members": [s.la_slo.pk],
        "outside": [{"name": "Olive Outside", "email": "olive@school.test", "agency": s.la.pk}],
    }
    assert slo.post(listing, body, "application/json").status_code == 403
    bad = api.post(listing, body, "application/json")
    assert bad.status_code == 400 and bad.json() == {
        "online_link": ["Enter the online meeting link"]
    }
    body["online_link"] = "https://teams.example.org/meet/1"
    created = api.post(listing, body, "application/json")
    assert created.status_code == 201
    session = created.json()
    assert [i["name"] for i in session["invitees"]] == [
        s.la_slo.user.get_full_name(),
        "Olive Outside",
    ]
    assert slo.get(listing).json()["results"][0]["id"] == session["id"]
    texts = reverse("lcspr_api:session-texts", args=["dorset", session["id"]])
    assert api.post(texts, {"briefing_text": ""}, "application/json").json() == {
        "briefing_text": ["Enter the briefing"]
    }
    send = reverse("lcspr_api:session-send", args=["dorset", session["id"]])
    assert api.post(send).status_code == 409  # it has started
    feedback = reverse("lcspr_api:session-feedback", args=["dorset", session["id"]])
    early = slo.post(
        feedback,
        {"view": "agrees", "comments": "Yes.", "given_on": "2026-12-14"},
        "application/json",
    )
    assert early.status_code == 409
    _held(s, _session_row(session["id"]))
    given = slo.post(
        feedback,
        {"view": "agrees", "comments": "Yes.", "given_on": "2026-12-14"},
        "application/json",
    )
    assert given.status_code == 201 and given.json()["view"] == "agrees"
    outside = session["invitees"][1]["id"]
    assert (
        slo.post(
            feedback,
            {"invitee": outside, "view": "agrees", "comments": "x", "given_on": "2026-12-14"},
            "application/json",
        ).status_code
        == 403
    )
    assert (
        api.post(
            feedback,
            {"invitee": outside, "view": "disagrees", "comments": "No.", "given_on": "2026-12-14"},
            "application/json",
        ).status_code
        == 201
    )
    assert api.get(feedback).json()["count"] == 2 and slo.get(feedback).json()["count"] == 1

    plan = reverse("lcspr_api:comms-plan", args=["dorset", review.pk])
    assert api.get(plan).json()["items"] == []
    items = reverse("lcspr_api:comms-item-list", args=["dorset", review.pk])
    item = {
        "audience": "",
        "message": "Published next week.",
        "channel": "email",
        "owner": s.exec.pk,
        "due_on": None,
    }
    bad = api.post(items, item, "application/json")
    assert bad.status_code == 400
    assert set(bad.json()) == {"audience", "due_on"}
    item.update(audience="Members of the council", due_on="2027-05-18")
    assert slo.post(items, item, "application/json").status_code == 403
    added = api.post(items, item, "application/json")
    assert added.status_code == 201 and added.json()["items"][0]["owner"] == s.exec.pk
    agree = reverse("lcspr_api:comms-plan-agree", args=["dorset", review.pk])
    ok = {"agreed_on": "2026-12-15", "agreed_by": "Comms planning meeting"}
    assert api.post(agree, ok, "application/json").json()["agreed_on"] == "2026-12-15"
    assert api.post(agree, ok, "application/json").status_code == 409
    statement = reverse("lcspr_api:comms-statement", args=["dorset", review.pk])
    saved = api.post(
        statement, {"statement": "We publish.", "owner": s.exec.pk}, "application/json"
    )
    assert saved.json()["statement_owner"] == s.exec.pk
    missing = reverse("lcspr_api:session-detail", args=["dorset", session["id"] + 1000])
    assert api.get(missing).status_code == 404


def _session_row(pk):
    from lcspr.models import PractitionerSession

    return PractitionerSession.objects.get(pk=pk)


def test_the_invitation_names_the_child_by_initials(dorset, mid_december):
    from cases.services.subjects import subject_add

    s = dorset
    review = _review(s)
    session = _session(s, review)
    assert svc.child_initials(s.case) == s.case.reference  # no child recorded yet
    subject_add(
        actor=s.bm.user,
        membership=s.bm,
        case=s.case,
        role="child",
        first_name="Amy",
        last_name="Brown",
    )
    invitation = svc.filled_texts(session)["invitation"]
    assert "regarding AB." in invitation and "Amy" not in invitation
    assert "Pan-Dorset Safeguarding Children Partnership" in invitation
