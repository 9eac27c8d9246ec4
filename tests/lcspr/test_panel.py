"""The LCSPR's review panel with declarations, and its terms of reference signed off at the
first panel (issue 14; Swindon 001 sections 5-8 and Appendices 5 and 6, Dorset 002 7.8, BCP 003
sections 10-11), on Dorset's preset."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from cases.errors import InvalidTransition
from cases.models import AuditEvent, Deadline, DeadlineStatus, MeetingKind, Role
from cases.services.meetings import InviteeDetails, meeting_record_attendance, meeting_schedule
from lcspr.choices import LcsprSource, PanelConflicts, PanelRole, PanelTermsStatus
from lcspr.history import LABELS
from lcspr.models import PanelTerms
from lcspr.services.panel import (
    missing_partners,
    panel_member_add,
    panel_member_declare,
    panel_member_remove,
)
from lcspr.services.panel_terms import (
    panel_terms_approve,
    panel_terms_draft,
    panel_terms_revise,
    panel_terms_sign_off,
    panel_terms_update,
)
from lcspr.services.start import lcspr_start
from tests.factories import make_member
from tests.lcspr.conftest import panel_recommends

D = datetime.date
TODAY = D(2026, 12, 15)
UTC = datetime.UTC


@pytest.fixture
def lcspr(dorset, mid_december):
    s = dorset
    panel_recommends(s, D(2026, 12, 1))
    s.review = lcspr_start(
        actor=s.bm.user,
        membership=s.bm,
        case=s.case,
        source=LcsprSource.PANEL_RECOMMENDATION,
    )
    s.expert_member = make_member(
        s.partnership, Role.LEAD_REVIEWER, email="pat.panel@reviews.test", full_name="Pat Panel"
    )
    return s


def _add(s, **kwargs):
    return panel_member_add(actor=s.bm.user, membership=s.bm, review=s.review, **kwargs)


def _declare(s, member, **kwargs):
    values = {
        "conflicts": PanelConflicts.NONE,
        "declared_on": D(2026, 12, 10),
        "confidentiality_signed_on": D(2026, 12, 10),
        **kwargs,
    }
    return panel_member_declare(actor=s.bm.user, membership=s.bm, member=member, **values)


def _held_panel(s, day=None):
    day = day or D(2026, 12, 14)
    meeting = meeting_schedule(
        actor=s.bm.user,
        membership=s.bm,
        case=s.case,
        kind=MeetingKind.REVIEW_PANEL,
        starts_at=datetime.datetime(day.year, day.month, day.day, 10, tzinfo=UTC),
        ends_at=datetime.datetime(day.year, day.month, day.day, 12, tzinfo=UTC),
        invitees=[InviteeDetails(membership=s.bm)],
        purpose="lcspr",
    )
    return meeting_record_attendance(
        actor=s.bm.user,
        membership=s.bm,
        meeting=meeting,
        attended=list(meeting.invitees.all()),
    )


def _complete(s, terms):
    return panel_terms_update(
        actor=s.bm.user,
        membership=s.bm,
        terms=terms,
        overview="Child D was injured at home.",
        lines_of_enquiry="How did agencies share information?",
    )


def test_adding_lists_every_error_at_once_and_only_a_business_manager_may(lcspr):
    s = lcspr
    with pytest.raises(ValidationError) as raised:
        _add(s)
    assert set(raised.value.message_dict) == {"member", "name", "panel_role"}
    with pytest.raises(ValidationError) as raised:
        _add(s, name="Dr Expert", panel_role=PanelRole.STATUTORY_PARTNER, email="nope")
    assert set(raised.value.message_dict) == {
        "job_title",
        "organisation",
        "email",
        "statutory_partner",
    }
    with pytest.raises(PermissionDenied):
        panel_member_add(
            actor=s.la_slo.user,
            membership=s.la_slo,
            review=s.review,
            member=s.la_slo,
            panel_role=PanelRole.OTHER,
        )
    _add(s, member=s.bm, panel_role=PanelRole.BUSINESS_MANAGER)
    with pytest.raises(ValidationError) as raised:
        _add(s, member=s.bm, panel_role=PanelRole.OTHER)
    assert raised.value.message_dict["member"] == ["That person is already on the panel"]


def test_the_page_shows_which_statutory_partners_are_missing(lcspr):
    s = lcspr
    assert missing_partners(s.review) == [
        "Local authority",
        "Police",
        "Integrated care board (health)",
    ]
    _add(
        s,
        member=s.la_slo,
        panel_role=PanelRole.STATUTORY_PARTNER,
        statutory_partner="local_authority",
    )
    _add(
        s,
        name="DI Dee",
        job_title="Detective Inspector",
        organisation="Dorset Police",
        panel_role=PanelRole.STATUTORY_PARTNER,
        statutory_partner="police",
    )
    assert missing_partners(s.review) == ["Integrated care board (health)"]


def test_a_member_sees_the_case_only_once_declaration_and_confidentiality_are_recorded(
    lcspr, client_for
):
    s = lcspr
    case_url = reverse("cases:case_detail", args=["dorset", s.case.pk])
    lcspr_url = reverse("lcspr:detail", args=["dorset", s.review.pk])
    terms_url = reverse("lcspr:terms", args=["dorset", s.review.pk])
    pat = client_for(s.expert_member.user)
    assert pat.get(case_url).status_code == 404

    row = _add(s, member=s.expert_member, panel_role=PanelRole.EXPERT)
    assert pat.get(case_url).status_code == 404
    with pytest.raises(ValidationError) as raised:
        _declare(
            s,
            row,
            conflicts=PanelConflicts.DECLARED,
            declared_on=None,
            confidentiality_signed_on=D(2027, 1, 1),
        )
    assert set(raised.value.message_dict) == {
        "conflicts_details",
        "chair_decision",
        "declared_on",
        "confidentiality_signed_on",
    }
    row = _declare(
        s,
        row,
        conflicts=PanelConflicts.DECLARED,
        conflicts_details="Supervised the social worker in 2023.",
        chair_decision="Takes part; leaves the discussion of children's social care practice.",
        confidentiality_signed_on=None,
    )
    assert row.access_granted_at is None
    assert pat.get(case_url).status_code == 404
    assert pat.get(lcspr_url).status_code == 404

    row = _declare(
        s,
        row,
        conflicts=PanelConflicts.DECLARED,
        conflicts_details="Supervised the social worker in 2023.",
        chair_decision="Takes part; leaves the discussion of children's social care practice.",
    )
    assert row.access_granted_at is not None
    assert pat.get(case_url).status_code == 200
    assert pat.get(lcspr_url).status_code == 200
    assert pat.get(terms_url).status_code == 200
    # The panel's declarations are the business manager's.
    assert pat.get(reverse("lcspr:panel", args=["dorset", s.review.pk])).status_code == 403

    # Corrected to say the agreement is not signed after all: the access goes, and comes back
    # once it is.
    declared = {
        "conflicts": PanelConflicts.DECLARED,
        "conflicts_details": "Supervised the social worker in 2023.",
        "chair_decision": "Takes part; leaves the discussion of children's social care practice.",
    }
    row = _declare(s, row, confidentiality_signed_on=None, **declared)
    assert row.access_granted_at is None
    assert pat.get(case_url).status_code == 404
    row = _declare(s, row, **declared)
    assert row.access_granted_at is not None
    assert pat.get(case_url).status_code == 200

    # Someone who could already see the case is not added to the access list.
    slo_row = _declare(
        s,
        _add(
            s,
            member=s.la_slo,
            panel_role=PanelRole.STATUTORY_PARTNER,
            statutory_partner="local_authority",
        ),
    )
    assert slo_row.access_granted_at is None

    with pytest.raises(ValidationError):
        panel_member_remove(actor=s.bm.user, membership=s.bm, member=row, reason="")
    panel_member_remove(actor=s.bm.user, membership=s.bm, member=row, reason="Left her post")
    assert pat.get(case_url).status_code == 404
    actions = set(AuditEvent.objects.filter(case=s.case).values_list("action", flat=True))
    assert {
        "lcspr_panel.add",
        "lcspr_panel.declare",
        "lcspr_panel.remove",
        "case.access_grant",
        "case.access_revoke",
    } <= actions


def test_terms_prefilled_signed_off_at_the_first_panel_then_changed_with_approval(lcspr):
    s = lcspr
    terms = panel_terms_draft(actor=s.bm.user, membership=s.bm, review=s.review)
    assert terms.version == 1
    assert "Dorset Council" in terms.agencies
    steps = [row["step"] for row in terms.timeline]
    assert any("First Review Panel Meeting" in step for step in steps)
    with pytest.raises(InvalidTransition):
        panel_terms_draft(actor=s.bm.user, membership=s.bm, review=s.review)

    with pytest.raises(ValidationError) as raised:
        panel_terms_update(
            actor=s.bm.user,
            membership=s.bm,
            terms=terms,
            timeline=[{"step": "", "date": "2026-12-01"}, {"step": "X", "date": "31/02/2026"}],
        )
    assert "Row 1: enter the step" in raised.value.message_dict["timeline"][0]

    with pytest.raises(ValidationError) as raised:
        panel_terms_sign_off(actor=s.bm.user, membership=s.bm, terms=terms, meeting=None)
    assert {"overview", "lines_of_enquiry", "meeting"} <= set(raised.value.message_dict)

    terms = _complete(s, terms)
    meeting = _held_panel(s)
    terms = panel_terms_sign_off(actor=s.bm.user, membership=s.bm, terms=terms, meeting=meeting)
    assert terms.status == PanelTermsStatus.SIGNED_OFF
    step = Deadline.objects.get(case=s.case, key="first_panel_meeting")
    assert step.status == DeadlineStatus.MET
    assert step.met_on == D(2026, 12, 14)
    assert step.met_on <= step.due

    with pytest.raises(InvalidTransition):
        panel_terms_update(actor=s.bm.user, membership=s.bm, terms=terms, overview="Changed")

    v2 = panel_terms_revise(
        actor=s.bm.user,
        membership=s.bm,
        review=s.review,
        change_summary="A line of enquiry on the school's referral added.",
    )
    assert v2.version == 2 and v2.status == PanelTermsStatus.DRAFT
    with pytest.raises(InvalidTransition):
        panel_terms_revise(actor=s.bm.user, membership=s.bm, review=s.review)
    with pytest.raises(InvalidTransition):
        panel_terms_sign_off(actor=s.bm.user, membership=s.bm, terms=v2, meeting=meeting)
    with pytest.raises(ValidationError) as raised:
        panel_terms_approve(actor=s.bm.user, membership=s.bm, terms=v2, approved_on=D(2027, 1, 1))
    assert set(raised.value.message_dict) == {"approved_by", "approved_on"}
    v2 = panel_terms_approve(
        actor=s.bm.user,
        membership=s.bm,
        terms=v2,
        approved_by="Practice Review Group",
        approved_on=TODAY,
    )
    assert v2.status == PanelTermsStatus.APPROVED
    assert v2.decided_by == s.bm.user
    assert PanelTerms.objects.filter(review=s.review).count() == 2
    assert PanelTerms.objects.get(review=s.review, version=1).status == PanelTermsStatus.SIGNED_OFF


def test_signing_off_needs_a_held_review_panel_meeting_of_the_case(lcspr):
    s = lcspr
    terms = _complete(s, panel_terms_draft(actor=s.bm.user, membership=s.bm, review=s.review))
    scheduled = meeting_schedule(
        actor=s.bm.user,
        membership=s.bm,
        case=s.case,
        kind=MeetingKind.REVIEW_PANEL,
        starts_at=datetime.datetime(2026, 12, 18, 10, tzinfo=UTC),
        ends_at=datetime.datetime(2026, 12, 18, 12, tzinfo=UTC),
        invitees=[InviteeDetails(membership=s.bm)],
    )
    with pytest.raises(ValidationError) as raised:
        panel_terms_sign_off(actor=s.bm.user, membership=s.bm, terms=terms, meeting=scheduled)
    assert "has been held" in raised.value.message_dict["meeting"][0]


def test_the_pages(lcspr, client_for):
    s = lcspr
    bm = client_for(s.bm.user)
    args = ["dorset", s.review.pk]
    detail = bm.get(reverse("lcspr:detail", args=args)).content.decode()
    assert reverse("lcspr:panel", args=args) in detail
    assert reverse("lcspr:terms", args=args) in detail
    page = bm.get(reverse("lcspr:panel", args=args)).content.decode()
    assert "Not yet represented: Local authority, Police, Integrated care board (health)" in page
    assert client_for(s.la_slo.user).get(reverse("lcspr:panel", args=args)).status_code == 403

    add = reverse("lcspr:panel_add", args=args)
    response = bm.post(add, {"name": "Dr Expert"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Enter their job title or role" in body
    assert "Select their role on the panel" in body
    assert 'value="Dr Expert"' in body
    response = bm.post(
        add,
        {
            "member": str(s.expert_member.pk),
            "panel_role": "lead_reviewer",
        },
    )
    assert response.status_code == 302, response.content.decode()
    row = s.review.panel.get()
    declare = reverse("lcspr:panel_declare", args=[*args, row.pk])
    response = bm.post(declare, {"conflicts": "declared"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Enter the details of the conflict of interest" in body
    assert "Enter the chair&#x27;s decision on the conflict of interest" in body
    assert "Enter the date of the declaration" in body
    response = bm.post(
        declare,
        {
            "conflicts": "none",
            "declared_on_day": 10,
            "declared_on_month": 12,
            "declared_on_year": 2026,
            "confidentiality_signed_on_day": 10,
            "confidentiality_signed_on_month": 12,
            "confidentiality_signed_on_year": 2026,
        },
    )
    assert response.status_code == 302, response.content.decode()
    assert "can now see the case" in bm.get(response.url).content.decode()

    terms_url = reverse("lcspr:terms", args=args)
    assert bm.post(terms_url).status_code == 302
    edit = reverse("lcspr:terms_edit", args=[*args, 1])
    response = bm.post(edit, {"overview": "Kept", "timeline": "First panel | 32/12/2026"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Line 1: enter the date as day/month/year" in body
    assert "Kept" in body
    response = bm.post(
        edit,
        {
            "overview": "Child D was injured at home.",
            "purpose": "Learning.",
            "lines_of_enquiry": "Information sharing.",
            "timeframe": "Six months.",
            "family_involvement": "Invited.",
            "agencies": "Dorset Council",
            "timeline": "First review panel meeting | 22/12/2026\nReport drafted",
        },
    )
    assert response.status_code == 302, response.content.decode()
    version = bm.get(reverse("lcspr:terms_version", args=[*args, 1])).content.decode()
    assert "22 December 2026" in version and "Report drafted" in version
    meeting = _held_panel(s)
    sign_off = reverse("lcspr:terms_sign_off", args=[*args, 1])
    assert bm.post(sign_off, {}).status_code == 400
    response = bm.post(sign_off, {"meeting": str(meeting.pk)})
    assert response.status_code == 302, response.content.decode()
    assert "Signed off at the panel" in bm.get(response.url).content.decode()
    revise = reverse("lcspr:terms_revise", args=args)
    assert bm.post(revise, {}).status_code == 400
    assert bm.post(revise, {"change_summary": "More."}).status_code == 302
    approve = reverse("lcspr:terms_approve", args=[*args, 2])
    response = bm.post(approve, {})
    assert response.status_code == 400
    assert "Enter who approved the change" in response.content.decode()
    response = bm.post(
        approve,
        {
            "approved_by": "Practice Review Group",
            "approved_on_day": 15,
            "approved_on_month": 12,
            "approved_on_year": 2026,
        },
    )
    assert response.status_code == 302, response.content.decode()
    # The meeting page says family engagement is a standing item.
    meeting_page = bm.get(meeting.get_absolute_url()).content.decode()
    assert "family engagement" in meeting_page


def test_another_partnership_gets_404(lcspr, client_for, bcp):
    s = lcspr
    other = client_for(bcp.bm.user)
    row = _add(s, member=s.bm, panel_role=PanelRole.CHAIR)
    panel_terms_draft(actor=s.bm.user, membership=s.bm, review=s.review)
    for url in (
        reverse("lcspr:panel", args=["dorset", s.review.pk]),
        reverse("lcspr:panel_member", args=["dorset", s.review.pk, row.pk]),
        reverse("lcspr:terms_version", args=["dorset", s.review.pk, 1]),
    ):
        assert other.get(url).status_code in (403, 404)


def test_every_audit_code_has_a_label():
    for code in (
        "lcspr_panel.add",
        "lcspr_panel.declare",
        "lcspr_panel.remove",
        "lcspr_terms.draft",
        "lcspr_terms.update",
        "lcspr_terms.sign_off",
        "lcspr_terms.revise",
        "lcspr_terms.approve",
    ):
        assert code in LABELS


def test_the_panel_and_terms_api(lcspr, bcp):
    from django.test import Client

    from tests.factories import api_token

    s = lcspr
    api = Client(HTTP_AUTHORIZATION=f"Token {api_token(s.bm.user)}")
    base = f"/api/p/dorset/lcsprs/{s.review.pk}/"
    response = api.post(f"{base}panel/", {"panel_role": "expert"}, content_type="application/json")
    assert response.status_code == 400
    assert {"member", "name"} <= set(response.json())
    response = api.post(
        f"{base}panel/",
        {"member": s.expert_member.pk, "panel_role": "expert"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    row = response.json()
    assert row["declarations_recorded"] is False
    response = api.post(
        f"{base}panel/{row['id']}/declaration/",
        {
            "conflicts": "none",
            "declared_on": "2026-12-10",
            "confidentiality_signed_on": "2026-12-10",
        },
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["access_granted_at"] is not None
    assert api.get(f"{base}panel/").json()["results"][0]["display_name"] == "Pat Panel"

    assert api.post(f"{base}terms/").status_code == 201
    assert api.post(f"{base}terms/").status_code == 409
    response = api.patch(
        f"{base}terms/1/",
        {
            "overview": "Child D.",
            "lines_of_enquiry": "Sharing.",
            "timeline": [{"step": "First panel", "date": "2026-12-14"}],
        },
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["timeline"] == [{"step": "First panel", "date": "2026-12-14"}]
    response = api.post(
        f"{base}terms/1/sign-off/", {"meeting": None}, content_type="application/json"
    )
    assert response.status_code == 400
    meeting = _held_panel(s)
    response = api.post(
        f"{base}terms/1/sign-off/", {"meeting": meeting.pk}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "signed_off"
    response = api.post(
        f"{base}terms/revise/", {"change_summary": "More."}, content_type="application/json"
    )
    assert response.status_code == 201
    response = api.post(
        f"{base}terms/2/approve/",
        {"approved_by": "Practice Review Group", "approved_on": "2026-12-15"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content

    slo = Client(HTTP_AUTHORIZATION=f"Token {api_token(s.la_slo.user)}")
    assert slo.get(f"{base}panel/").status_code == 403
    assert slo.get(f"{base}terms/").status_code == 200
    other = Client(HTTP_AUTHORIZATION=f"Token {api_token(bcp.bm.user)}")
    assert other.get(f"/api/p/dorset/lcsprs/{s.review.pk}/terms/").status_code in (403, 404)
    assert other.get(f"/api/p/bcp/lcsprs/{s.review.pk}/terms/").status_code == 404


def test_the_pdf_of_a_version(lcspr):
    import io

    from pypdf import PdfReader

    from lcspr.terms_pdf import TERMS_PDF, terms_for_print

    s = lcspr
    _add(
        s,
        name="DI Dee",
        job_title="Detective Inspector",
        organisation="Dorset Police",
        panel_role=PanelRole.STATUTORY_PARTNER,
        statutory_partner="police",
    )
    terms = _complete(s, panel_terms_draft(actor=s.bm.user, membership=s.bm, review=s.review))
    terms = panel_terms_sign_off(
        actor=s.bm.user, membership=s.bm, terms=terms, meeting=_held_panel(s)
    )
    reader = PdfReader(io.BytesIO(TERMS_PDF.render(terms_for_print(terms.pk))))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "OFFICIAL-SENSITIVE" in text
    assert "Key lines of enquiry" in text and "How did agencies share information?" in text
    assert "Family involvement in the review" in text
    assert "DI Dee" in text and "Signed off at the panel" in text


def test_agency_scoping_and_the_invitation_says_family_engagement(lcspr, client_for):
    from cases.models import OutboundEmail

    s = lcspr
    panel_terms_draft(actor=s.bm.user, membership=s.bm, review=s.review)
    # The fire service is not involved in the case: its SLO sees neither the LCSPR nor its
    # terms of reference.
    fire = client_for(s.fire_slo.user)
    assert fire.get(reverse("lcspr:terms", args=["dorset", s.review.pk])).status_code == 404
    assert (
        fire.get(reverse("lcspr:terms_version", args=["dorset", s.review.pk, 1])).status_code == 404
    )
    # The local authority's SLO reads them, and changes nothing.
    la = client_for(s.la_slo.user)
    assert (
        la.get(reverse("lcspr:terms_version", args=["dorset", s.review.pk, 1])).status_code == 200
    )
    assert la.post(reverse("lcspr:terms", args=["dorset", s.review.pk])).status_code == 403
    assert la.get(reverse("lcspr:terms_edit", args=["dorset", s.review.pk, 1])).status_code == 403
    _held_panel(s)
    email = OutboundEmail.objects.filter(key__startswith="meeting:").latest("pk")
    assert "Standing item on the agenda: family engagement" in email.body_text
