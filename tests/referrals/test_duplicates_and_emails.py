"""A possible duplicate is offered for linking instead of a second case; e-mails say that
something moved, never who it is about."""

import datetime

import pytest
from django.urls import reverse

from cases.models import Case, OutboundEmail, Role, Subject
from referrals.choices import ReferralStatus as S
from referrals.selectors import possible_duplicates
from referrals.services import receipt
from tests.referrals import helpers

pytestmark = pytest.mark.django_db

NHS = "9434765919"  # the world's child on side.case


def test_same_nhs_number_waits_for_the_business_manager(world, client_for):
    side = world.alpha
    cases_before = Case.objects.filter(partnership=side.partnership).count()
    referral = helpers.submitted(side, child={"first_name": "Tess", "nhs_number": NHS})
    assert referral.status == S.SUBMITTED and referral.case is None
    assert Case.objects.filter(partnership=side.partnership).count() == cases_before
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
    assert referral.case == side.case
    assert Subject.objects.filter(case=side.case, nhs_number=NHS).count() == 1  # not twice
    assert side.agencies["police"] in side.case.agencies.all()


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


def test_not_a_duplicate_opens_a_case(world):
    side = world.alpha
    bm = side.members[Role.BUSINESS_MANAGER]
    referral = helpers.submitted(side, child={"first_name": "Tess", "nhs_number": NHS})
    receipt.referral_open_case(actor=bm.user, membership=bm, referral=referral)
    referral.refresh_from_db()
    assert referral.case is not None and referral.case != side.case


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
