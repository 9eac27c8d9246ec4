"""Who sees which referral, and who may do what: the list filter and the object predicate
agree for every role, and the pages and API answer accordingly (404 for what you may not know
exists, 403 for what you can see but not do)."""

import pytest
from django.urls import reverse

from cases.models import Role
from referrals import permissions
from referrals.models import Referral
from referrals.services import authorisation, drafts
from tests.factories import api_token, make_member
from tests.referrals import helpers
from tests.role_matrix import OUTSIDER, assert_matrix, expect

pytestmark = pytest.mark.django_db
R = Role
ALL = set(Role)


@pytest.fixture
def referrals(world):
    side = world.alpha
    staff, slo, bm = (side.members[r] for r in (R.AGENCY_STAFF, R.SLO, R.BUSINESS_MANAGER))
    school_staff = make_member(side.partnership, R.AGENCY_STAFF, agency=side.agencies["school"])
    awaiting = helpers.complete_draft(side, staff)
    authorisation.referral_submit_for_authorisation(
        actor=staff.user, membership=staff, referral=awaiting
    )
    school = helpers.complete_draft(side, school_staff)
    school_slo = make_member(side.partnership, R.SLO, agency=side.agencies["school"])
    authorisation.referral_submit_for_authorisation(
        actor=school_staff.user, membership=school_staff, referral=school
    )
    authorisation.referral_authorise(actor=school_slo.user, membership=school_slo, referral=school)
    return {
        "staff_draft": helpers.complete_draft(side, staff),
        "awaiting": awaiting,
        "received": helpers.submitted(side),
        "school_received": school,
        "awaiting_exec": helpers.awaiting_executive(side),
        "external_draft": drafts.referral_create_external(
            actor=bm.user, membership=bm, external_source="cdop"
        ),
        "other_partnership": helpers.submitted(world.beta),
    }


VISIBLE = {
    R.BUSINESS_MANAGER: {"received", "school_received", "awaiting_exec", "external_draft"},
    R.SLO: {"awaiting", "received", "awaiting_exec"},
    # An agency-level role: the agency's referrals once sent, like the SLO (issue 11).
    R.AGENCY_EXECUTIVE: {"awaiting", "received", "awaiting_exec"},
    R.AGENCY_STAFF: {"staff_draft", "awaiting", "received", "awaiting_exec"},
    R.EXECUTIVE: {"awaiting_exec"},
    R.REVIEW_GROUP_MEMBER: {"received", "school_received", "awaiting_exec"},
    R.LEAD_REVIEWER: set(),
    R.SCRUTINEER: {"received", "school_received", "awaiting_exec"},
}


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_list_filter_and_predicate_agree(world, referrals, role):
    member = world.alpha.members[role]
    by_pk = {r.pk: name for name, r in referrals.items()}
    listed = {
        by_pk[pk] for pk in permissions.visible_referrals(member).values_list("pk", flat=True)
    }
    assert listed == VISIBLE[role]
    for name, referral in referrals.items():
        assert permissions.can_view_referral(member, referral) == (name in VISIBLE[role]), name


def test_restricted_case_hides_its_referral(world, referrals, client_for):
    from cases.services.cases import case_set_restricted

    bm = world.alpha.members[R.BUSINESS_MANAGER]
    received = referrals["received"]
    case_set_restricted(actor=bm.user, membership=bm, case=received.case, is_restricted=True)
    assert permissions.can_view_referral(bm, received)  # the one who restricted it
    assert not permissions.can_view_referral(world.alpha.members[R.SLO], received)


def _url(side, name, referral, *args):
    return reverse(name, args=[side.partnership.slug, referral.pk, *args])


def test_detail_page_matrix(world, referrals, client_for):
    side = world.alpha
    url = _url(side, "referrals:detail", referrals["received"])
    allowed = {
        R.BUSINESS_MANAGER,
        R.SLO,
        R.AGENCY_STAFF,
        R.AGENCY_EXECUTIVE,
        R.REVIEW_GROUP_MEMBER,
        R.SCRUTINEER,
    }
    assert_matrix(
        client_for, side, "get", url, expect(200, allowed, hidden=ALL), outsider=world.outsider
    )


def test_triage_pages_matrix(world, referrals, client_for):
    side = world.alpha
    received = referrals["received"]
    seers = {
        R.BUSINESS_MANAGER,
        R.SLO,
        R.AGENCY_STAFF,
        R.AGENCY_EXECUTIVE,
        R.REVIEW_GROUP_MEMBER,
        R.SCRUTINEER,
    }
    hidden = ALL - seers
    for name, allowed in (
        ("referrals:quality_assure", {R.BUSINESS_MANAGER}),
        ("referrals:request_information", {R.BUSINESS_MANAGER}),
        ("referrals:decide", {R.BUSINESS_MANAGER, R.REVIEW_GROUP_MEMBER}),
        ("referrals:schedule", {R.BUSINESS_MANAGER, R.REVIEW_GROUP_MEMBER}),
        ("referrals:pdf", seers),
    ):
        assert_matrix(
            client_for,
            side,
            "get",
            _url(side, name, received),
            expect(200, allowed, hidden=hidden),
            outsider=world.outsider,
        )


def test_executive_pages_matrix(world, referrals, client_for):
    side = world.alpha
    referral = referrals["awaiting_exec"]
    seers = {
        R.BUSINESS_MANAGER,
        R.SLO,
        R.AGENCY_STAFF,
        R.AGENCY_EXECUTIVE,
        R.REVIEW_GROUP_MEMBER,
        R.SCRUTINEER,
        R.EXECUTIVE,
    }
    assert_matrix(
        client_for,
        side,
        "get",
        _url(side, "referrals:executive_decision", referral),
        expect(200, {R.EXECUTIVE}, hidden=ALL - seers),
        outsider=world.outsider,
    )
    assert_matrix(
        client_for,
        side,
        "get",
        _url(side, "referrals:recommendation_pdf", referral),
        expect(200, seers, hidden=ALL - seers),
        outsider=world.outsider,
    )


def test_draft_pages_only_for_the_author_and_the_authoriser(world, referrals, client_for):
    side = world.alpha
    url = _url(side, "referrals:task_list", referrals["staff_draft"])
    assert_matrix(
        client_for,
        side,
        "get",
        url,
        expect(200, {R.AGENCY_STAFF}, hidden=ALL - {R.AGENCY_STAFF}),
        outsider=world.outsider,
    )
    awaiting = _url(side, "referrals:authorise", referrals["awaiting"])
    assert_matrix(
        client_for,
        side,
        "get",
        awaiting,
        expect(200, {R.SLO}, hidden=ALL - {R.SLO, R.AGENCY_STAFF, R.AGENCY_EXECUTIVE}),
        outsider=world.outsider,
    )


def test_queue_and_settings_pages(world, client_for):
    side = world.alpha
    slug = side.partnership.slug
    queue = reverse("referrals:queue", args=[slug])
    readers = {R.BUSINESS_MANAGER, R.REVIEW_GROUP_MEMBER, R.SCRUTINEER}
    assert_matrix(
        client_for, side, "get", queue, expect(200, readers, hidden=()), outsider=world.outsider
    )
    assert_matrix(
        client_for,
        side,
        "get",
        reverse("referrals:lookups", args=[slug]),
        expect(200, {R.BUSINESS_MANAGER}, hidden=()),
        outsider=world.outsider,
    )
    # The others have no agency in the world.
    starters = {R.SLO, R.AGENCY_STAFF, R.AGENCY_EXECUTIVE}
    assert_matrix(
        client_for,
        side,
        "get",
        reverse("referrals:start", args=[slug]),
        expect(200, starters, hidden=()),
        outsider=world.outsider,
    )


def test_api_list_matches_the_filter_for_every_role(world, referrals, client_for):
    side = world.alpha
    url = reverse("referrals_api:referral-list", args=[side.partnership.slug])
    by_pk = {r.pk: name for name, r in referrals.items()}
    for role in Role:
        response = client_for(side.user(role)).get(url)
        assert response.status_code == 200
        names = {by_pk[row["id"]] for row in response.json()["results"]}
        assert names == VISIBLE[role], role


def test_api_refusals_are_4xx_with_reasons(world, referrals):
    side = world.alpha
    token = api_token(side.user(R.SLO))
    from django.test import Client

    client = Client(HTTP_AUTHORIZATION=f"Token {token}")
    received = referrals["received"]
    url = reverse("referrals_api:referral-decide", args=[side.partnership.slug, received.pk])
    response = client.post(
        url,
        {
            "outcome": "no_further_action",
            "rationale": "x",
            "decided_on": "2026-01-01",
            "decided_by": "x",
        },
        content_type="application/json",
    )
    assert response.status_code == 403 and response.json()["detail"]
    hidden = referrals["school_received"]
    url = reverse("referrals_api:referral-detail", args=[side.partnership.slug, hidden.pk])
    assert client.get(url).status_code == 404
    other = referrals["other_partnership"]
    url = reverse("referrals_api:referral-detail", args=[side.partnership.slug, other.pk])
    assert client.get(url).status_code == 404
    assert Referral.objects.filter(pk=other.pk).exists()
    assert OUTSIDER
