"""A possible duplicate is offered for linking instead of a second case; e-mails say that
something moved, never who it is about."""

import datetime

import pytest
from django.urls import reverse

from cases.errors import DomainError
from cases.models import AuditEvent, Case, Deadline, DeadlineStatus, OutboundEmail, Role, Subject
from cases.services import cases as case_services
from referrals.choices import ReferralStatus as S
from referrals.models import Referral
from referrals.selectors import possible_duplicates
from referrals.services import receipt
from tests.referrals import helpers

pytestmark = pytest.mark.django_db

NHS = "9434765919"  # the world's child on side.case


def test_a_possible_duplicate_is_for_the_business_manager_to_merge(world, client_for):
    side = world.alpha
    cases_before = Case.objects.filter(partnership=side.partnership).count()
    referral = helpers.submitted(side, child={"first_name": "Tess", "nhs_number": NHS})
    # A case is always opened on receipt: the match changes nothing the referrer sees.
    opened = referral.case
    assert referral.status == S.SUBMITTED and opened is not None and opened != side.case
    assert Case.objects.filter(partnership=side.partnership).count() == cases_before + 1
    bm = side.members[Role.BUSINESS_MANAGER]
    matches = possible_duplicates(membership=bm, referral=referral)
    assert [m.case for m in matches] == [side.case]
    assert matches[0].reasons == ("same NHS number",)
    # Only cases the member can see are offered: never one of another agency's.
    from tests.factories import make_member

    school = make_member(side.partnership, Role.SLO, agency=side.agencies["school"])
    assert possible_duplicates(membership=school, referral=referral) == []
    page = client_for(bm.user).get(
        reverse("referrals:detail", args=[side.partnership.slug, referral.pk])
    )
    assert b"Possible duplicate" in page.content and side.case.reference.encode() in page.content

    receipt.referral_link_case(actor=bm.user, membership=bm, referral=referral, case=side.case)
    referral.refresh_from_db()
    opened.refresh_from_db()
    assert referral.case == side.case
    assert Subject.objects.filter(case=side.case, nhs_number=NHS).count() == 1  # not twice
    assert side.agencies["police"] in side.case.agencies.all()
    # The case opened on receipt is archived, its clock stopped, the reason in its history.
    assert opened.archived_at is not None
    assert not Deadline.objects.filter(case=opened, status=DeadlineStatus.OPEN).exists()
    archived = AuditEvent.objects.get(case=opened, action="case.archive")
    assert side.case.reference in archived.note


def test_a_merge_is_refused_when_the_new_case_holds_another_referral(world):
    side = world.alpha
    bm = side.members[Role.BUSINESS_MANAGER]
    referral = helpers.submitted(side, child={"first_name": "Tess", "nhs_number": NHS})
    other = helpers.submitted(side)
    # Another referral ends up on the newly opened case (moved there by hand, say).
    Referral.objects.filter(pk=other.pk).update(case=referral.case)
    with pytest.raises(DomainError, match="has other referrals"):
        receipt.referral_link_case(actor=bm.user, membership=bm, referral=referral, case=side.case)


def _as_the_referrer_sees_it(side, referral):
    """The referral through the referrer's own eyes: its API record and history, its page."""
    from django.test import Client

    client = Client()
    client.force_login(side.members[Role.SLO].user)
    slug = side.partnership.slug
    detail = client.get(f"/api/p/{slug}/referrals/{referral.pk}/").json()
    history = client.get(f"/api/p/{slug}/referrals/{referral.pk}/history/").json()
    page = client.get(reverse("referrals:detail", args=[slug, referral.pk])).content.decode()
    return detail, history, page


def test_the_referrer_cannot_tell_a_restricted_match_from_no_match(world):
    """Issue 10 (3): the duplicate check must not reveal that a restricted case exists."""
    side = world.alpha
    bm = side.members[Role.BUSINESS_MANAGER]
    case_services.case_set_restricted(
        actor=bm.user, membership=bm, case=side.case, is_restricted=True
    )
    matching = helpers.submitted(side, child={"first_name": "Tess", "nhs_number": NHS})
    unmatched = helpers.submitted(side, child={"first_name": "Tess", "nhs_number": "4010232137"})
    seen = [_as_the_referrer_sees_it(side, r) for r in (matching, unmatched)]
    (detail_a, history_a, page_a), (detail_b, history_b, page_b) = seen
    assert detail_a["case"] is not None and detail_b["case"] is not None
    assert detail_a["status"] == detail_b["status"]
    assert sorted(detail_a) == sorted(detail_b)

    def actions(history):
        rows = history["results"] if isinstance(history, dict) else history
        return [(row.get("action"), row.get("note", "")) for row in rows]

    assert actions(history_a) == actions(history_b)
    for text in (page_a, str(detail_a), str(history_a)):
        assert "duplicate" not in text.lower() and "may already exist" not in text.lower()


def test_same_name_and_date_of_birth_match(world):
    side = world.alpha
    bm = side.members[Role.BUSINESS_MANAGER]
    from cases.services.subjects import subject_update

    subject_update(
        actor=bm.user, membership=bm, subject=side.subject, date_of_birth=datetime.date(2018, 6, 1)
    )
    referral = helpers.submitted(
        side,
        child={
            "first_name": "test",
            "last_name": "CHILD",
            "date_of_birth": datetime.date(2018, 6, 1),
        },
    )
    matches = possible_duplicates(membership=bm, referral=referral)
    assert matches and matches[0].reasons == ("same name and date of birth",)


def test_other_partnerships_are_never_matched(world):
    side = world.beta
    referral = helpers.submitted(side, child={"first_name": "Tess", "nhs_number": NHS})
    # Beta's own world child has the same number: matched within Beta only.
    matches = possible_duplicates(membership=side.members[Role.BUSINESS_MANAGER], referral=referral)
    assert [m.case for m in matches] == [side.case]


def test_emails_carry_no_personal_details(world):
    side = world.alpha
    referral = helpers.awaiting_executive(
        side,
        child={"first_name": "Zebedee", "last_name": "Quixote", "nhs_number": "4010232137"},
        what_happened="Unexplained fractures at home.",
    )
    emails = list(OutboundEmail.objects.filter(key__startswith=f"referral:{referral.pk}:"))
    assert emails, "moving a referral sends e-mails"
    recipients = {e.to for e in emails}
    assert side.user(Role.BUSINESS_MANAGER).email in recipients  # received
    assert side.user(Role.EXECUTIVE).email in recipients  # recommendation
    for email in emails:
        for text in (email.subject, email.body_text, email.body_html):
            for secret in ("Zebedee", "Quixote", "4010232137", "fractures", "Sam"):
                assert secret not in text
        assert referral.case.reference in email.body_text


def test_referrer_is_told_when_their_referral_moves(world):
    side = world.alpha
    staff = side.members[Role.AGENCY_STAFF]
    referral = helpers.complete_draft(side, staff)
    from referrals.services import authorisation

    authorisation.referral_submit_for_authorisation(
        actor=staff.user, membership=staff, referral=referral
    )
    slo = side.members[Role.SLO]
    assert OutboundEmail.objects.filter(to=slo.user.email, key__startswith="referral:").exists()
    authorisation.referral_return(
        actor=slo.user, membership=slo, referral=referral, comments="More detail please"
    )
    mail = OutboundEmail.objects.filter(to=staff.user.email).latest("id")
    assert "returned" in mail.body_text and "More detail" not in mail.body_text
