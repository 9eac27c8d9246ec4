"""The referral pages: GOV.UK question pages that save a draft at every step, keep what was
typed when something is wrong, survive signing out, and send only when triage has enough."""

import pytest
from django.urls import reverse

from cases.models import Role
from referrals.choices import ReferralStatus as S
from referrals.models import Referral
from tests.referrals import helpers

pytestmark = pytest.mark.django_db


def url(side, name, *args):
    return reverse(name, args=[side.partnership.slug, *args])


def start(side, client):
    response = client.post(url(side, "referrals:start"))
    assert response.status_code == 302
    return Referral.objects.latest("pk")


def test_start_page_and_draft_task_list(world, client_for):
    side = world.alpha
    client = client_for(side.user(Role.SLO))
    page = client.get(url(side, "referrals:start"))
    assert b"Do not delay the referral for missing facts" in page.content
    referral = start(side, client)
    task_list = client.get(url(side, "referrals:task_list", referral.pk))
    assert task_list.status_code == 200
    assert b"Incomplete" in task_list.content and b"govuk-task-list" in task_list.content


def test_question_page_keeps_input_and_shows_errors(world, client_for):
    side = world.alpha
    client = client_for(side.user(Role.SLO))
    referral = start(side, client)
    response = client.post(
        url(side, "referrals:page", referral.pk, "incident"),
        {
            "harm": "serious_harm",
            "incident_date_day": "31",
            "incident_date_month": "2",
            "incident_date_year": "2026",
            "incident_location": "The family home",
        },
    )
    assert response.status_code == 200
    assert b"govuk-error-summary" in response.content
    assert b"Date of the incident must be a real date" in response.content
    assert b"The family home" in response.content  # nothing typed is lost
    assert response.content.count(b"<title>Error: ") == 1


def test_nhs_number_error_from_the_service_is_on_the_field(world, client_for):
    side = world.alpha
    client = client_for(side.user(Role.SLO))
    referral = start(side, client)
    response = client.post(
        url(side, "referrals:item_add", referral.pk, "children"),
        {"first_name": "Sam", "nhs_number": "123"},
    )
    assert response.status_code == 200
    assert b"Enter an NHS number with 10 digits" in response.content
    assert b'id="id_nhs_number-error"' in response.content


def test_save_and_come_back_later_survives_signing_out(world, client_for):
    side = world.alpha
    user = side.user(Role.SLO)
    client = client_for(user)
    referral = start(side, client)
    response = client.post(
        url(side, "referrals:page", referral.pk, "what-happened"),
        {"what_happened": "Admitted to hospital.", "later": "1"},
    )
    assert response.status_code == 302
    assert response["Location"] == url(side, "referrals:task_list", referral.pk)
    client.logout()
    again = client_for(user)
    page = again.get(url(side, "referrals:page", referral.pk, "what-happened"))
    assert b"Admitted to hospital." in page.content
    home = again.get(reverse("cases:home", args=[side.partnership.slug]))
    assert url(side, "referrals:task_list", referral.pk).encode() in home.content


def test_pages_follow_on_within_a_section(world, client_for):
    side = world.alpha
    client = client_for(side.user(Role.SLO))
    referral = start(side, client)
    response = client.post(
        url(side, "referrals:page", referral.pk, "what-happened"), {"what_happened": "x"}
    )
    assert response["Location"] == url(side, "referrals:page", referral.pk, "why-now")


def test_add_another_child_through_its_pages(world, client_for):
    side = world.alpha
    client = client_for(side.user(Role.SLO))
    referral = start(side, client)
    response = client.post(
        url(side, "referrals:item_add", referral.pk, "children"),
        {
            "first_name": "Sam",
            "last_name": "Example",
            "date_of_birth_day": "1",
            "date_of_birth_month": "3",
            "date_of_birth_year": "2019",
        },
    )
    child = referral.children.get()
    assert response["Location"] == url(
        side, "referrals:item", referral.pk, "children", child.pk, "background"
    )
    client.post(
        url(side, "referrals:item", referral.pk, "children", child.pk, "background"),
        {"faith": "None", "ethnicity": "white_british"},
    )
    response = client.post(
        url(side, "referrals:item", referral.pk, "children", child.pk, "plans"),
        {"cp_plan_status": "yes", "cp_plan_category": "neglect"},
    )
    assert response["Location"] == url(side, "referrals:items", referral.pk, "children")
    child.refresh_from_db()
    assert child.cp_plan_status == "yes" and child.faith == "None"
    listing = client.get(url(side, "referrals:items", referral.pk, "children"))
    assert b"Add another child" in listing.content
    client.post(
        url(side, "referrals:item_remove", referral.pk, "children", child.pk), {"confirm": "yes"}
    )
    assert not referral.children.filter(archived_at__isnull=True).exists()


def test_check_answers_lists_what_is_missing_with_links(world, client_for):
    side = world.alpha
    client = client_for(side.user(Role.AGENCY_STAFF))
    referral = start(side, client)
    page = client.get(url(side, "referrals:check", referral.pk))
    assert b"Before you can send the referral" in page.content
    assert url(side, "referrals:items", referral.pk, "children").encode() in page.content
    # The button is there (GOV.UK: never hide or disable it); sending now lists the same
    # questions as errors (issue 15, 7), and nothing is sent.
    assert b"Send for authorisation" in page.content
    sent = client.post(url(side, "referrals:send", referral.pk), {"action": "send"})
    assert b"govuk-error-summary" in sent.content and b"has not been sent" in sent.content


def test_send_for_authorisation_then_authorise_with_the_pages(world, client_for):
    side = world.alpha
    staff = client_for(side.user(Role.AGENCY_STAFF))
    referral = helpers.complete_draft(side, side.members[Role.AGENCY_STAFF])
    check = staff.get(url(side, "referrals:check", referral.pk))
    assert b"Send for authorisation" in check.content
    staff.post(url(side, "referrals:send", referral.pk), {"action": "send"})
    referral.refresh_from_db()
    assert referral.status == S.AWAITING_AUTHORISATION
    slo = client_for(side.user(Role.SLO))
    empty = slo.post(url(side, "referrals:authorise", referral.pk), {"decision": "return"})
    assert b"Enter what needs to change" in empty.content
    slo.post(url(side, "referrals:authorise", referral.pk), {"decision": "authorise"})
    referral.refresh_from_db()
    assert referral.status == S.SUBMITTED and referral.case is not None


def test_slo_authorises_their_own_referral_from_check_answers(world, client_for):
    side = world.alpha
    slo = client_for(side.user(Role.SLO))
    referral = helpers.complete_draft(side)
    check = slo.get(url(side, "referrals:check", referral.pk))
    assert b"Authorise and send to the partnership" in check.content
    slo.post(url(side, "referrals:send", referral.pk), {"action": "authorise"})
    referral.refresh_from_db()
    assert referral.status == S.SUBMITTED


def test_sent_referral_pages_are_not_editable(world, client_for):
    side = world.alpha
    referral = helpers.submitted(side)
    slo = client_for(side.user(Role.SLO))
    response = slo.get(url(side, "referrals:page", referral.pk, "incident"))
    assert response.status_code == 302
    assert response["Location"] == url(side, "referrals:detail", referral.pk)


def test_triage_forms_redisplay_with_errors(world, client_for):
    side = world.alpha
    referral = helpers.submitted(side)
    bm = client_for(side.user(Role.BUSINESS_MANAGER))
    response = bm.post(url(side, "referrals:decide", referral.pk), {})
    assert response.status_code == 200
    assert b"Select the decision" in response.content
    response = bm.post(
        url(side, "referrals:decide", referral.pk),
        {
            "outcome": "learning_review",
            "rationale": "Multi-agency learning.",
            "decided_on_day": "1",
            "decided_on_month": "1",
            "decided_on_year": "2026",
            "decided_by": "SIRG",
        },
    )
    assert b"Select the type of learning review" in response.content
    assert b"Multi-agency learning." in response.content


def test_queue_shows_age_and_filters(world, client_for):
    side = world.alpha
    referral = helpers.submitted(side)
    bm = client_for(side.user(Role.BUSINESS_MANAGER))
    page = bm.get(url(side, "referrals:queue"), {"order": "oldest", "status": "submitted"})
    assert referral.case.reference.encode() in page.content
    assert b"Age (working days)" in page.content
    other = bm.get(url(side, "referrals:queue"), {"status": "awaiting_executive"})
    assert referral.case.reference.encode() not in other.content


def test_my_work_sections(world, client_for):
    side = world.alpha
    waiting = helpers.awaiting_executive(side)
    home = client_for(side.user(Role.EXECUTIVE)).get(
        reverse("cases:home", args=[side.partnership.slug])
    )
    assert url(side, "referrals:detail", waiting.pk).encode() in home.content
    # Issue 11 (6): no section below says the opposite of the one listing the referral.
    text = home.content.decode()
    assert "Nothing is waiting for your decision" not in text
    assert "No recommendation is waiting for your decision" not in text
    bm_home = client_for(side.user(Role.BUSINESS_MANAGER)).get(
        reverse("cases:home", args=[side.partnership.slug])
    )
    assert b"Referrals to triage" in bm_home.content


def test_lookups_can_be_edited_and_retired(world, client_for):
    side = world.alpha
    bm = client_for(side.user(Role.BUSINESS_MANAGER))
    bm.get(url(side, "referrals:lookups"))
    response = bm.post(
        url(side, "referrals:lookup_add") + "?kind=characteristic",
        {"label": "Cuckooing", "kind": "characteristic"},
    )
    assert response.status_code == 302
    from referrals.models import ReferralLookup

    item = ReferralLookup.objects.get(partnership=side.partnership, label="Cuckooing")
    assert item.kind == "characteristic" and item.key == "cuckooing"
    bm.post(url(side, "referrals:lookup_edit", item.pk), {"label": "Cuckooing", "position": "1"})
    item.refresh_from_db()
    assert item.is_active is False


def test_the_case_page_lists_its_referrals_for_those_who_may_see_them(world, client_for):
    referral = helpers.submitted(world.alpha)
    case_url = f"/p/alpha/cases/{referral.case_id}/"
    detail_url = f"/p/alpha/referrals/{referral.pk}/"
    page = client_for(world.alpha.user(Role.BUSINESS_MANAGER)).get(case_url)
    assert page.status_code == 200 and detail_url.encode() in page.content
    # A lead reviewer named on the case sees the case but not the referral behind it.
    from cases.services.cases import case_access_grant

    reviewer = world.alpha.members[Role.LEAD_REVIEWER]
    bm = world.alpha.members[Role.BUSINESS_MANAGER]
    case_access_grant(actor=bm.user, membership=bm, case=referral.case, member=reviewer)
    page = client_for(reviewer.user).get(case_url)
    assert page.status_code == 200 and detail_url.encode() not in page.content


def test_the_child_page_shows_every_error_at_once(world, client_for):
    """Issue 11 (4): a bad date of death and a bad NHS number, both reported."""
    side = world.alpha
    slo = side.members[Role.SLO]
    referral = helpers.complete_draft(side)
    child = referral.children.first()
    page = client_for(slo.user).post(
        url(side, "referrals:item", referral.pk, "children", child.pk, "details"),
        {
            "first_name": "Sam",
            "date_of_death_day": "31",
            "date_of_death_month": "2",
            "date_of_death_year": "2026",
            "nhs_number": "1234567890",
        },
    )
    assert page.status_code == 200, page.get("Location")
    summary = page.content.decode().split('govuk-error-summary__list">')[1].split("</ul>")[0]
    assert "date_of_death" in summary and "nhs_number" in summary, summary


def test_referrals_are_told_apart_from_their_first_save(world, client_for):
    # Issue 11: every referral has its reference and child's name from the first save, and
    # its page title follows its status.
    side = world.alpha
    code = side.partnership.code
    first = helpers.complete_draft(side, child={"first_name": "Maisie", "last_name": "Thornton"})
    second = helpers.complete_draft(side, child={"first_name": "Ollie", "last_name": "Brook"})
    assert (first.reference, second.reference) == (f"{code}-R-0001", f"{code}-R-0002")
    slo = side.members[Role.SLO]
    from referrals.services import authorisation

    authorisation.referral_submit_for_authorisation(actor=slo.user, membership=slo, referral=second)
    client = client_for(slo.user)
    text = client.get(reverse("cases:home", args=[side.partnership.slug])).content.decode()
    assert f"Referral {code}-R-0001: Maisie Thornton" in text
    assert f"Referral {code}-R-0002: Ollie Brook" in text
    page = client.get(url(side, "referrals:detail", second.pk)).content.decode()
    assert f"<title>Referral {code}-R-0002, awaiting authorisation" in page
    from django.test import Client

    from tests.factories import api_token

    api = Client(HTTP_AUTHORIZATION=f"Token {api_token(slo.user)}").get(
        reverse("referrals_api:referral-detail", args=[side.partnership.slug, second.pk])
    )
    assert api.json()["reference"] == f"{code}-R-0002"


def test_the_discussion_before_referring_is_recorded(world, client_for):
    # North Lincolnshire "Process of notification"; Dorset 2.1; BCP section 6.
    side = world.alpha
    client = client_for(side.user(Role.SLO))
    referral = start(side, client)
    page = url(side, "referrals:page", referral.pk, "discussion")
    form = client.get(page).content.decode()
    assert "Who did you discuss the referral with before sending it?" in form
    assert "Yes, they agreed a notification is needed" in form and 'value=""' not in form
    future = client.post(
        page,
        {
            "discussed_with": "Head of Quality Assurance",
            "discussed_on_day": "1",
            "discussed_on_month": "1",
            "discussed_on_year": "2099",
            "discussion_outcome": "agreed",
        },
    )
    assert "Date of the discussion must be today or in the past" in future.content.decode()
    assert "Head of Quality Assurance" in future.content.decode()
    saved = client.post(
        page,
        {
            "discussed_with": "Head of Quality Assurance",
            "discussed_on_day": "2",
            "discussed_on_month": "11",
            "discussed_on_year": "2026",
            "discussion_outcome": "agreed",
        },
    )
    assert saved.status_code == 302
    referral.refresh_from_db()
    assert referral.discussed_on.isoformat() == "2026-11-02"
    assert referral.discussion_outcome == "agreed"
    check = client.get(url(side, "referrals:check", referral.pk)).content.decode()
    assert "Yes, they agreed a notification is needed" in check


def test_a_partnership_that_prefers_initials_sees_them_in_lists(world, client_for):
    # Issue 11: "the child's name (or initial, where the partnership prefers)".
    side = world.alpha
    code = side.partnership.code
    helpers.complete_draft(side, child={"first_name": "Maisie", "last_name": "Thornton"})
    side.partnership.workflow = {**side.partnership.workflow, "child_names_in_lists": "initials"}
    side.partnership.save(update_fields=["workflow"])
    client = client_for(side.members[Role.SLO].user)
    home = client.get(reverse("cases:home", args=[side.partnership.slug])).content.decode()
    assert f"Referral {code}-R-0001: M. T." in home and "Maisie Thornton" not in home
    listed = client.get(reverse("referrals:list", args=[side.partnership.slug])).content.decode()
    assert "M. T." in listed and "Maisie Thornton" not in listed


def test_the_settings_page_changes_how_lists_name_a_child(world, client_for):
    from cases.workflow.validation import workflow_settings_errors

    side = world.alpha
    client = client_for(side.members[Role.BUSINESS_MANAGER].user)
    edit = reverse("cases:workflow_settings_edit", args=[side.partnership.slug])
    from cases.forms_settings import WorkflowCommonForm

    data = {
        k: v
        for k, v in WorkflowCommonForm.initial_from(side.partnership.workflow).items()
        if v is not None and v is not False
    }
    data.update(child_names_in_lists="initials", note="Initials in lists")
    assert client.post(edit, data).status_code == 302
    side.partnership.refresh_from_db()
    assert side.partnership.lists_child_initials
    assert workflow_settings_errors({**side.partnership.workflow, "child_names_in_lists": "x"})
