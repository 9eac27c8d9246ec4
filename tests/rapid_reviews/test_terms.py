"""The terms of reference (Lincolnshire 000 Appendix E): drafted prefilled from the case,
approved by each statutory partner agency, agreed, revised; who may do what."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cases.errors import InvalidTransition
from cases.models import AuditEvent, Deadline, DeadlineStatus
from cases.models.meetings import MeetingRole
from rapid_reviews.choices import TermsStatus
from rapid_reviews.services import terms as svc

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
