"""Agency information requests and their returns (issue 13): sent to the agencies picked,
written, quality-assured and signed off by the agency, chased, entered on the agency's behalf
or closed by the business manager; the clock's milestones; who sees what."""

import datetime

import pytest
from django.core import mail  # noqa: F401 - the outbox is checked through OutboundEmail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from cases.errors import InvalidTransition
from cases.models import (
    AccessLogEntry,
    AuditEvent,
    Chronology,
    Deadline,
    DeadlineStatus,
    OutboundEmail,
    Role,
)
from rapid_reviews.choices import RequestStatus
from rapid_reviews.returns import DEFAULT_RETURN_FIELDS, return_fields
from rapid_reviews.services import requests as svc
from tests.factories import make_member
from tests.rapid_reviews import records as rv
from tests.role_matrix import assert_matrix, expect

D = datetime.date
LATER = D(2099, 1, 4)
R = Role


def _send(s, *agencies, **kwargs):
    return svc.requests_send(
        actor=s.bm.user, membership=s.bm, review=s.review, agencies=list(agencies), **kwargs
    )


def _deadline(s, key):
    return Deadline.objects.get(case=s.case, stage="rapid_review", key=key)


def _returned(s, request, writer, signer):
    svc.return_save(
        actor=writer.user,
        membership=writer,
        request=request,
        answers={"involvement_summary": "Seen twice by the health visitor."},
    )
    svc.return_quality_assure(actor=writer.user, membership=writer, request=request)
    return svc.return_sign_off(
        actor=signer.user, membership=signer, request=request, not_involved=True
    )


def test_each_preset_has_its_seeds_return_questions():
    from cases.workflow import preset

    swindon = [f["key"] for f in preset("swindon")["rapid_review_return"]]
    assert swindon == [
        "organisational_involvement",
        "strengths",
        "areas_for_improvement",
        "learning_for_agency",
        "learning_for_partners",
        "childs_voice",
        "professional_curiosity",
        "information_sharing",
        "culture_race_ethnicity",
        "further_comments",
    ]
    for name in ("dorset", "bcp", "lincolnshire", "north-lincolnshire"):
        assert preset(name)["rapid_review_return"][0]["required"] is True


def test_settings_saved_before_the_setting_default_in_code(lincolnshire):
    partnership = lincolnshire.partnership
    partnership.workflow.pop("rapid_review_return")
    assert return_fields(partnership) == DEFAULT_RETURN_FIELDS


def test_a_bad_return_setting_is_refused():
    from cases.workflow import preset, workflow_settings_errors

    data = preset("swindon") | {"rapid_review_return": [{"key": "Bad Key", "required": "yes"}]}
    errors = workflow_settings_errors(data)
    assert any("rapid_review_return[0].key" in e for e in errors)
    assert any("rapid_review_return[0].label" in e for e in errors)
    assert any("rapid_review_return[0].required" in e for e in errors)


def test_send_involves_the_agency_meets_the_sent_milestone_and_emails_the_slos(lincolnshire):
    s = lincolnshire
    other = make_member(s.partnership, Role.SLO, agency=s.school, email="x@lincs.test")
    s.case.agencies.remove(s.school)
    police, school = _send(s, s.police, s.school, with_chronology=True)
    returns = _deadline(s, "agency_returns")
    assert (police.due_date, police.due_time) == (returns.due, datetime.time(9, 0))
    assert police.status == RequestStatus.SENT
    assert s.case.agencies.filter(pk=s.school.pk).exists()
    assert AuditEvent.objects.filter(
        action="case.update", note__contains="information requests"
    ).exists()
    assert _deadline(s, "tor_sent").status == DeadlineStatus.MET
    assert school.chronology.agency == s.school
    assert Chronology.objects.filter(case=s.case, purpose="rapid_review").count() == 2
    to = set(OutboundEmail.objects.values_list("to", flat=True))
    assert {s.police_slo.user.email, s.school_slo.user.email, other.user.email} <= to
    assert s.police_staff.user.email not in to
    assert all("Lily" not in e.body_text for e in OutboundEmail.objects.all())


def test_send_reports_every_error_at_once(lincolnshire):
    s = lincolnshire
    _send(s, s.police)
    with pytest.raises(ValidationError) as raised:
        _send(s, s.police, due_date=D(2020, 1, 1))
    assert raised.value.message_dict == {
        "agencies": ["Lincolnshire Police has already been sent a request"],
        "due_date": ["The date the return is due must be today or in the future"],
    }
    with pytest.raises(ValidationError) as raised:
        _send(s)
    assert "Select the agencies to send the request to" in raised.value.messages
    with pytest.raises(PermissionDenied):
        svc.requests_send(
            actor=s.la_slo.user, membership=s.la_slo, review=s.review, agencies=[s.la]
        )


def test_the_agency_writes_quality_assures_and_a_senior_person_signs_off(lincolnshire):
    s = lincolnshire
    (request,) = _send(s, s.police)
    with pytest.raises(PermissionDenied):
        svc.return_save(actor=s.la_slo.user, membership=s.la_slo, request=request, answers={})
    with pytest.raises(ValidationError) as raised:
        svc.return_save(
            actor=s.police_staff.user,
            membership=s.police_staff,
            request=request,
            answers={"nonsense": "x", "analysis": "y" * 20001},
        )
    assert set(raised.value.message_dict) == {"nonsense", "analysis"}
    svc.return_save(
        actor=s.police_staff.user,
        membership=s.police_staff,
        request=request,
        answers={"analysis": "Good practice."},
    )
    with pytest.raises(ValidationError) as raised:
        svc.return_quality_assure(
            actor=s.police_staff.user, membership=s.police_staff, request=request
        )
    assert raised.value.message_dict == {
        "involvement_summary": [
            "Enter summary of your agency's involvement within the scope period"
        ]
    }
    with pytest.raises(InvalidTransition):
        svc.return_sign_off(
            actor=s.police_slo.user, membership=s.police_slo, request=request, not_involved=True
        )
    request = svc.return_save(
        actor=s.police_staff.user,
        membership=s.police_staff,
        request=request,
        answers={"involvement_summary": "Two call-outs.", "analysis": "Good practice."},
    )
    request = svc.return_quality_assure(
        actor=s.police_slo.user, membership=s.police_slo, request=request
    )
    assert request.status == RequestStatus.QUALITY_ASSURED
    with pytest.raises(PermissionDenied):
        svc.return_sign_off(
            actor=s.police_staff.user,
            membership=s.police_staff,
            request=request,
            not_involved=True,
        )
    with pytest.raises(ValidationError) as raised:
        svc.return_sign_off(actor=s.police_slo.user, membership=s.police_slo, request=request)
    assert raised.value.messages == ["Confirm that you were not involved in the case"]
    request = svc.return_sign_off(
        actor=s.police_slo.user, membership=s.police_slo, request=request, not_involved=True
    )
    assert request.status == RequestStatus.RETURNED
    assert request.not_involved_declared and request.signed_off_by == s.police_slo.user
    assert _deadline(s, "agency_returns").status == DeadlineStatus.MET
    with pytest.raises(InvalidTransition):
        svc.return_save(
            actor=s.police_staff.user, membership=s.police_staff, request=request, answers={}
        )


def test_the_writer_does_not_sign_off(lincolnshire):
    s = lincolnshire
    (request,) = _send(s, s.police)
    svc.return_save(
        actor=s.police_slo.user,
        membership=s.police_slo,
        request=request,
        answers={"involvement_summary": "Known."},
    )
    svc.return_quality_assure(actor=s.police_slo.user, membership=s.police_slo, request=request)
    with pytest.raises(ValidationError) as raised:
        svc.return_sign_off(
            actor=s.police_slo.user, membership=s.police_slo, request=request, not_involved=True
        )
    assert "did not write it" in raised.value.messages[0]


def test_chase_on_behalf_and_close_meet_the_returns_milestone(lincolnshire):
    s = lincolnshire
    police, icb, school = _send(s, s.police, s.icb, s.school)
    before = OutboundEmail.objects.count()
    police = svc.request_chase(actor=s.bm.user, membership=s.bm, request=police)
    police = svc.request_chase(actor=s.bm.user, membership=s.bm, request=police)
    assert police.chase_count == 2 and police.last_chased_at
    assert OutboundEmail.objects.count() == before + 2
    with pytest.raises(PermissionDenied):
        svc.request_chase(actor=s.police_slo.user, membership=s.police_slo, request=police)
    with pytest.raises(ValidationError) as raised:
        svc.request_close(actor=s.bm.user, membership=s.bm, request=school, reason=" ")
    assert raised.value.message_dict == {
        "reason": ["Enter why the request is closed without a response"]
    }
    svc.request_close(
        actor=s.bm.user, membership=s.bm, request=school, reason="No involvement found."
    )
    with pytest.raises(InvalidTransition):
        svc.request_chase(actor=s.bm.user, membership=s.bm, request=school)
    icb = svc.return_enter_on_behalf(
        actor=s.bm.user,
        membership=s.bm,
        request=icb,
        answers={"involvement_summary": "Sent by e-mail."},
    )
    assert icb.status == RequestStatus.RETURNED and icb.entered_on_behalf
    assert icb.entered_by == s.bm.user
    assert _deadline(s, "agency_returns").status == DeadlineStatus.OPEN
    _returned(s, police, s.police_staff, s.police_slo)
    assert _deadline(s, "agency_returns").status == DeadlineStatus.MET
    # A closed request frees the agency for a new one.
    (again,) = _send(s, s.school, due_date=LATER)
    assert again.status == RequestStatus.SENT
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "rapid_review.request_send",
        "rapid_review.request_chase",
        "rapid_review.request_close",
        "rapid_review.return_on_behalf",
        "rapid_review.return_sign_off",
    } <= actions
    closed = AuditEvent.objects.get(action="rapid_review.request_close")
    assert closed.note == "No involvement found."


def test_history_sentences(lincolnshire):
    from cases.history_display import history_rows

    s = lincolnshire
    (request,) = _send(s, s.police)
    svc.request_close(actor=s.bm.user, membership=s.bm, request=request, reason="Not known")
    events = AuditEvent.objects.filter(action__startswith="rapid_review.request")
    texts = [row.sentence for row in history_rows(events, partnership=s.partnership)]
    assert any("sent an information request to Lincolnshire Police" in t for t in texts)
    assert any("closed the request to Lincolnshire Police without a response" in t for t in texts)


def _u(side, name, *args):
    return reverse(f"rapid_reviews:{name}", args=[side.partnership.slug, *args])


READERS = {
    R.BUSINESS_MANAGER,
    R.EXECUTIVE,
    R.REVIEW_GROUP_MEMBER,
    R.SCRUTINEER,
    R.SLO,
    R.AGENCY_STAFF,
    R.AGENCY_EXECUTIVE,
}
WIDE = READERS - {R.SLO, R.AGENCY_STAFF, R.AGENCY_EXECUTIVE}


def test_role_matrix(world, client_for):
    side = world.alpha
    police = rv.a_request(side)
    la = side.extra["information_request_la"]
    review = police.rapid_review
    for url in (_u(side, "requests", review.pk), _u(side, "request", review.pk, police.pk)):
        assert_matrix(client_for, side, "get", url, expect(200, READERS), outsider=world.outsider)
    # Another agency's request: 404 to the police's members.
    assert_matrix(
        client_for,
        side,
        "get",
        _u(side, "request", review.pk, la.pk),
        expect(200, WIDE, hidden={R.LEAD_REVIEWER, R.SLO, R.AGENCY_STAFF, R.AGENCY_EXECUTIVE}),
        outsider=world.outsider,
    )
    for name in ("requests_send", "request_close", "request_on_behalf"):
        args = (review.pk,) if name == "requests_send" else (review.pk, police.pk)
        assert_matrix(
            client_for,
            side,
            "get",
            _u(side, name, *args),
            expect(200, {R.BUSINESS_MANAGER}),
            outsider=world.outsider,
        )
    assert_matrix(
        client_for,
        side,
        "post",
        _u(side, "return_save", review.pk, police.pk),
        expect({302, 400}, {R.SLO, R.AGENCY_STAFF, R.AGENCY_EXECUTIVE}),
        outsider=world.outsider,
    )
    # The other partnership's request: 404 under this partnership's address too.
    other = rv.a_request(world.beta)
    bm = client_for(side.user(R.BUSINESS_MANAGER))
    assert bm.get(_u(side, "request", review.pk, other.pk)).status_code == 404


def test_the_pages_send_write_sign_off_chase_and_close(world, client_for):
    side = world.alpha
    review = rv.a_review(side)
    bm = client_for(side.user(R.BUSINESS_MANAGER))
    assert "Information requests" in bm.get(_u(side, "detail", review.pk)).text
    send_url = _u(side, "requests_send", review.pk)
    response = bm.post(send_url, {})
    assert response.status_code == 400
    assert "Select the agencies to send the request to" in response.text
    response = bm.post(
        send_url,
        {
            "statutory": [side.agencies["police"].pk],
            "others": [side.agencies["school"].pk],
            "due_date_day": "4",
            "due_date_month": "1",
            "due_date_year": "2099",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    police = review.information_requests.get(agency=side.agencies["police"])
    school = review.information_requests.get(agency=side.agencies["school"])
    page = bm.get(_u(side, "requests", review.pk)).text
    assert "Police" in page and "Academy" in page
    staff = client_for(side.user(R.AGENCY_STAFF))
    slo = client_for(side.user(R.SLO))
    fields = [f["key"] for f in return_fields(side.partnership)]
    response = staff.post(_u(side, "return_save", review.pk, police.pk), {fields[0]: "Known."})
    assert response.status_code == 302
    response = staff.post(_u(side, "return_quality_assure", review.pk, police.pk))
    assert response.status_code == 302
    response = slo.post(_u(side, "return_sign_off", review.pk, police.pk), {})
    assert response.status_code == 400
    assert "Confirm that you were not involved in the case" in response.text
    response = slo.post(_u(side, "return_sign_off", review.pk, police.pk), {"not_involved": "on"})
    assert response.status_code == 302
    police.refresh_from_db()
    assert police.status == RequestStatus.RETURNED
    assert bm.post(_u(side, "request_chase", review.pk, school.pk)).status_code == 302
    response = bm.post(_u(side, "request_close", review.pk, school.pk), {"reason": ""})
    assert response.status_code == 400
    assert "Enter why the request is closed without a response" in response.text
    response = bm.post(_u(side, "request_close", review.pk, school.pk), {"reason": "Not known."})
    assert response.status_code == 302
    school.refresh_from_db()
    assert school.status == RequestStatus.CLOSED and school.chase_count == 1
    assert AccessLogEntry.objects.filter(
        case=review.case, object_repr__startswith="Information request to"
    ).exists()


def _api(member):
    from django.test import Client

    from tests.factories import api_token

    return Client(HTTP_AUTHORIZATION=f"Token {api_token(member.user)}")


def _a(s, name, *args):
    return reverse(
        f"rapid_reviews_api:information-request-{name}", args=[s.partnership.slug, *args]
    )


def _post(client, url, data=None):
    return client.post(url, data or {}, content_type="application/json")


def test_the_api_covers_every_step(lincolnshire):
    s = lincolnshire
    review = s.review.pk
    bm, police, staff = _api(s.bm), _api(s.police_slo), _api(s.police_staff)
    assert _post(police, _a(s, "list", review), {"agencies": [s.police.pk]}).status_code == 403
    bad = _post(bm, _a(s, "list", review), {"agencies": [], "due_date": "2020-01-01"})
    assert bad.status_code == 400 and set(bad.json()) == {"agencies", "due_date"}
    sent = _post(bm, _a(s, "list", review), {"agencies": [s.police.pk, s.school.pk]})
    assert sent.status_code == 201, sent.content
    (p, school) = sent.json()
    assert p["status"] == "sent" and p["due_time"] == "09:00:00"
    assert [r["agency"] for r in police.get(_a(s, "list", review)).json()["results"]] == [
        s.police.pk
    ]
    assert police.get(_a(s, "detail", review, school["id"])).status_code == 404
    assert len(bm.get(_a(s, "list", review)).json()["results"]) == 2
    saved = _post(
        staff, _a(s, "return", review, p["id"]), {"answers": {"involvement_summary": "Known."}}
    )
    assert saved.status_code == 200 and saved.json()["status"] == "in_progress"
    assert (
        _post(police, _a(s, "sign-off", review, p["id"]), {"not_involved": True}).status_code == 409
    )
    assert _post(staff, _a(s, "quality-assure", review, p["id"])).status_code == 200
    assert (
        _post(staff, _a(s, "sign-off", review, p["id"]), {"not_involved": True}).status_code == 403
    )
    bad = _post(police, _a(s, "sign-off", review, p["id"]), {"not_involved": False})
    assert bad.status_code == 400 and "not_involved" in bad.json()
    done = _post(police, _a(s, "sign-off", review, p["id"]), {"not_involved": True})
    assert done.status_code == 200 and done.json()["status"] == "returned"
    assert _post(police, _a(s, "chase", review, school["id"])).status_code == 404
    chased = _post(bm, _a(s, "chase", review, school["id"]))
    assert chased.json()["chase_count"] == 1
    bad = _post(bm, _a(s, "close", review, school["id"]), {"reason": ""})
    assert bad.json() == {"reason": ["Enter why the request is closed without a response"]}
    on_behalf = _post(
        bm, _a(s, "on-behalf", review, school["id"]), {"answers": {"involvement_summary": "x"}}
    )
    assert on_behalf.json()["entered_on_behalf"] is True
    assert _post(bm, _a(s, "close", review, school["id"]), {"reason": "x"}).status_code == 409


def test_my_work_shows_the_slo_its_agencys_requests_and_the_manager_the_late_ones(lincolnshire):

    from rapid_reviews.home import information_request_work_sections
    from rapid_reviews.models import InformationRequest

    s = lincolnshire
    police, la = _send(s, s.police, s.la, due_date=LATER)
    (section,) = information_request_work_sections(s.police_slo, s.partnership.slug)
    assert [i["url"] for i in section["items"]] == [police.get_absolute_url()]
    (section,) = information_request_work_sections(s.bm, s.partnership.slug)
    assert section["items"] == []
    InformationRequest.objects.filter(pk=la.pk).update(due_date=D(2026, 12, 1))
    (section,) = information_request_work_sections(s.bm, s.partnership.slug)
    assert [(i["url"], i["tag"]) for i in section["items"]] == [(la.get_absolute_url(), "Late")]
    assert information_request_work_sections(s.police_staff, s.partnership.slug) == []
