"""The terms of reference (Lincolnshire 000 Appendix E): drafted prefilled from the case,
approved by each statutory partner agency, agreed, revised; who may do what."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from cases.errors import InvalidTransition
from cases.models import AccessLogEntry, AuditEvent, Deadline, DeadlineStatus, Role
from cases.models.meetings import MeetingRole
from rapid_reviews.choices import TermsStatus
from rapid_reviews.services import terms as svc
from tests.rapid_reviews import records as rv
from tests.role_matrix import assert_matrix, expect

D = datetime.date


def _draft(s):
    return svc.terms_draft(actor=s.bm.user, membership=s.bm, review=s.review)


def _sent(s):
    terms = _draft(s)
    svc.terms_update(actor=s.bm.user, membership=s.bm, terms=terms, chronology_due=D(2026, 12, 10))
    return svc.terms_send_for_approval(actor=s.bm.user, membership=s.bm, terms=terms)


def _approve(s, member, **kwargs):
    terms = svc.current_terms(s.review)
    return svc.terms_approve(actor=member.user, membership=member, terms=terms, **kwargs)


def test_the_draft_is_prefilled_from_the_case(lincolnshire):
    terms = _draft(lincolnshire)
    assert (terms.version, terms.status) == (1, TermsStatus.DRAFT)
    assert terms.background == "A baby was admitted with a head injury."
    assert terms.people_in_scope.splitlines() == [
        "Lily Smith, the child, 1 March 2026, 1 High Street Lincoln",
        "Mark Smith, Father, 1 High Street Lincoln",
    ]
    assert terms.contributors.splitlines() == [
        "Lincoln Academy",
        "Lincolnshire County Council",
        "Lincolnshire ICB",
        "Lincolnshire Police",
    ]
    assert (terms.scope_from, terms.scope_to) == (D(2025, 11, 20), D(2026, 11, 20))
    assert terms.include_earlier_information
    rows = [(m.organisation, m.role) for m in terms.members.all()]
    assert rows[:3] == [
        ("Lincolnshire County Council", MeetingRole.STATUTORY_PARTNER),
        ("Lincolnshire ICB", MeetingRole.STATUTORY_PARTNER),
        ("Lincolnshire Police", MeetingRole.STATUTORY_PARTNER),
    ]
    assert {r for _, r in rows[3:]} == {
        MeetingRole.BUSINESS_MANAGER,
        MeetingRole.LEGAL_ADVISER,
        MeetingRole.CHAIR,
    }
    with pytest.raises(InvalidTransition):
        _draft(lincolnshire)


def test_only_a_business_manager_drafts_and_edits(lincolnshire):
    s = lincolnshire
    with pytest.raises(PermissionDenied):
        svc.terms_draft(actor=s.la_slo.user, membership=s.la_slo, review=s.review)
    terms = _draft(s)
    with pytest.raises(PermissionDenied):
        svc.terms_update(actor=s.la_slo.user, membership=s.la_slo, terms=terms, purpose="x")


def test_update_and_send_report_every_error_at_once(lincolnshire):
    s = lincolnshire
    terms = _draft(s)
    with pytest.raises(ValidationError) as raised:
        svc.terms_update(
            actor=s.bm.user,
            membership=s.bm,
            terms=terms,
            scope_from=D(2026, 11, 1),
            scope_to=D(2026, 10, 1),
            members=[("", "A", MeetingRole.CHAIR), ("Police", "B", "boss")],
        )
    assert set(raised.value.message_dict) == {"scope_to", "members"}
    assert len(raised.value.message_dict["members"]) == 2
    svc.terms_update(actor=s.bm.user, membership=s.bm, terms=terms, background="", purpose=" ")
    with pytest.raises(ValidationError) as raised:
        svc.terms_send_for_approval(actor=s.bm.user, membership=s.bm, terms=terms)
    assert set(raised.value.message_dict) == {"background", "purpose", "chronology_due"}


def test_each_statutory_partner_approves_and_the_last_agrees_it(lincolnshire):
    s = lincolnshire
    terms = _sent(s)
    assert terms.status == TermsStatus.AWAITING_APPROVAL
    for refused in (s.school_slo, s.police_staff):
        with pytest.raises(PermissionDenied):
            _approve(s, refused)
    with pytest.raises(PermissionDenied):
        _approve(s, s.la_slo, agency=s.police)
    _approve(s, s.la_slo, comments="Agreed at the meeting")
    with pytest.raises(InvalidTransition):
        _approve(s, s.la_slo)
    _approve(s, s.icb_exec)
    with pytest.raises(ValidationError) as raised:
        _approve(s, s.bm)
    assert "agency" in raised.value.message_dict
    with pytest.raises(ValidationError):
        _approve(s, s.bm, agency=s.school)
    milestone = Deadline.objects.get(case=s.case, stage="rapid_review", key="tor_agreed")
    assert milestone.status == DeadlineStatus.OPEN
    terms = _approve(s, s.bm, agency=s.police)  # recorded for the police
    assert terms.status == TermsStatus.AGREED
    approvals = {a.agency.name: a for a in terms.approvals.all()}
    assert approvals["Lincolnshire Police"].recorded_for_agency
    assert not approvals["Lincolnshire County Council"].recorded_for_agency
    assert approvals["Lincolnshire County Council"].comments == "Agreed at the meeting"
    milestone.refresh_from_db()
    assert milestone.status == DeadlineStatus.MET
    actions = AuditEvent.objects.filter(case=s.case, action__startswith="rapid_review.terms")
    assert actions.filter(action="rapid_review.terms_approve").count() == 3
    assert actions.filter(action="rapid_review.terms_agreed").count() == 1


def test_revising_an_agreed_version_starts_the_next_draft(lincolnshire):
    s = lincolnshire
    terms = _sent(s)
    with pytest.raises(InvalidTransition):
        svc.terms_revise(actor=s.bm.user, membership=s.bm, terms=terms)
    with pytest.raises(InvalidTransition):
        svc.terms_update(actor=s.bm.user, membership=s.bm, terms=terms, purpose="x")
    for member, kwargs in ((s.la_slo, {}), (s.police_slo, {}), (s.bm, {"agency": s.icb})):
        _approve(s, member, **kwargs)
    revised = svc.terms_revise(actor=s.bm.user, membership=s.bm, terms=terms)
    assert (revised.version, revised.status) == (2, TermsStatus.DRAFT)
    assert revised.people_in_scope == terms.people_in_scope
    assert revised.members.count() == terms.members.count()
    assert not revised.approvals.exists()
    terms.refresh_from_db()
    assert terms.status == TermsStatus.AGREED
    assert svc.current_terms(s.review) == revised
    with pytest.raises(InvalidTransition):
        svc.terms_revise(actor=s.bm.user, membership=s.bm, terms=terms)


# The pages: the world's single-role members (tests/role_matrix.py); those needing an agency are
# the police's, a statutory partner.
R = Role
READERS = set(Role) - {R.LEAD_REVIEWER}
APPROVERS = {R.BUSINESS_MANAGER, R.SLO, R.AGENCY_EXECUTIVE}


def _u(side, name, *args):
    return reverse(name, args=[side.partnership.slug, *args])


def _sent_in_world(side):
    terms = svc.current_terms(rv.a_review(side))
    bm = side.members[R.BUSINESS_MANAGER]
    svc.terms_update(
        actor=bm.user,
        membership=bm,
        terms=terms,
        background="Background",
        people_in_scope="Child R",
        chronology_due=D(2026, 3, 1),
    )
    return svc.terms_send_for_approval(actor=bm.user, membership=bm, terms=terms)


def test_pages_matrix(world, client_for):
    side = world.alpha
    review = rv.a_review(side)
    assert_matrix(
        client_for,
        side,
        "post",
        _u(side, "rapid_reviews:terms_draft", review.pk),
        expect(302, {R.BUSINESS_MANAGER}),
        outsider=world.outsider,
    )
    for name in ("rapid_reviews:terms", "rapid_reviews:terms_edit"):
        allowed = READERS if name == "rapid_reviews:terms" else {R.BUSINESS_MANAGER}
        assert_matrix(
            client_for,
            side,
            "get",
            _u(side, name, review.pk),
            expect(200, allowed),
            outsider=world.outsider,
        )
    assert_matrix(
        client_for,
        side,
        "get",
        _u(side, "rapid_reviews:terms_version", review.pk, 1),
        expect(200, READERS),
        outsider=world.outsider,
    )
    _sent_in_world(side)
    assert_matrix(
        client_for,
        side,
        "post",
        _u(side, "rapid_reviews:terms_approve", review.pk),
        expect({302, 400}, APPROVERS),
        outsider=world.outsider,
    )


def test_the_pages_draft_edit_send_approve_and_revise(world, client_for):
    side = world.alpha
    review = rv.a_review(side)
    bm = client_for(side.user(R.BUSINESS_MANAGER))
    terms_url = _u(side, "rapid_reviews:terms", review.pk)
    assert "Terms of reference" in bm.get(_u(side, "rapid_reviews:detail", review.pk)).text
    assert bm.post(_u(side, "rapid_reviews:terms_draft", review.pk)).status_code == 302
    form = bm.get(_u(side, "rapid_reviews:terms_edit", review.pk)).context["form"]
    data = {k: v for k, v in form.initial.items() if isinstance(v, str)}
    data |= {"background": "Baby R", "chronology_due_day": "1", "chronology_due_month": "3"}
    data |= {"chronology_due_year": "2026", "scope_to_day": "1", "scope_to_month": "1"}
    data |= {"scope_to_year": "2020", "scope_from_day": "2", "scope_from_month": "2"}
    data |= {"scope_from_year": "2020", "purpose": "To learn"}
    response = bm.post(_u(side, "rapid_reviews:terms_edit", review.pk), data)
    assert response.status_code == 200
    assert "The end of the scope period must be" in response.text
    data |= {"scope_to_year": "2021"}
    response = bm.post(_u(side, "rapid_reviews:terms_edit", review.pk), data)
    assert response.status_code == 302, response.context["form"].errors
    response = bm.post(_u(side, "rapid_reviews:terms_send", review.pk))
    assert response.status_code == 400
    assert "Enter the children and significant others in scope" in response.text
    terms = svc.current_terms(review)
    svc.terms_update(
        actor=side.user(R.BUSINESS_MANAGER),
        membership=side.members[R.BUSINESS_MANAGER],
        terms=terms,
        people_in_scope="Child R",
    )
    assert bm.post(_u(side, "rapid_reviews:terms_send", review.pk)).status_code == 302
    slo = client_for(side.user(R.SLO))
    response = slo.post(_u(side, "rapid_reviews:terms_approve", review.pk), {"comments": "Yes"})
    assert response.status_code == 302
    for agency in ("la", "health"):
        response = bm.post(
            _u(side, "rapid_reviews:terms_approve", review.pk),
            {"agency": side.agencies[agency].pk},
        )
        assert response.status_code == 302
    page = slo.get(terms_url).text
    assert "Agreed" in page and "(recorded for the agency)" in page
    assert bm.post(_u(side, "rapid_reviews:terms_revise", review.pk)).status_code == 302
    page = bm.get(terms_url).text
    assert "Version 2" in page
    assert bm.get(_u(side, "rapid_reviews:terms_version", review.pk, 1)).status_code == 200
    assert bm.get(_u(side, "rapid_reviews:terms_version", review.pk, 9)).status_code == 404
    assert AccessLogEntry.objects.filter(
        case=review.case, object_repr__startswith="Terms of reference version"
    ).exists()
