"""Pages: bad input re-displays the form with the GOV.UK error summary, keeping what was typed."""

import datetime
import html
import re

import pytest
from django.test import Client
from django.urls import reverse

from cases.models import Case, Invitation, Role, Subject
from tests.factories import UserFactory
from tests.world import PDF_BYTES

BM = Role.BUSINESS_MANAGER


def assert_error_page(response, *, fields=(), non_field=(), kept=()):
    """The form came back with errors: status 200, 'Error:' title, the error summary linking to
    each field in error, non-field messages listed, and every value the user typed kept."""
    assert response.status_code == 200, response.status_code
    body = response.content.decode()
    assert re.search(r"<title>\s*Error: ", body), "page title must start with 'Error: '"
    summary = re.search(r'<div class="govuk-error-summary".*?</ul>', body, re.S)
    assert summary, "no GOV.UK error summary on the page"
    summary = summary.group(0)
    form = response.context["form"]
    for field in fields:
        assert field in form.errors, f"{field} has no error: {form.errors.as_data()}"
        assert f'href="#id_{field}' in summary, f"the summary does not link to {field}"
        assert "govuk-form-group--error" in body
    for message in non_field:
        assert message in html.unescape(summary)
    for value in kept:
        assert html.escape(value) in body or value in body, f"{value!r} was lost"
    return form


def _url(side, name, *args):
    return reverse(f"cases:{name}", args=[side.partnership.slug, *args])


def test_case_form_keeps_everything_on_error(world, client_for):
    side = world.alpha
    client = client_for(side.user(BM))
    before = Case.objects.count()
    response = client.post(
        _url(side, "case_create"),
        {
            "title": "",
            "summary": "Summary the user wrote",
            "incident_date_day": "45",
            "incident_date_month": "13",
            "incident_date_year": "2026",
            "awareness_date_day": "1",
            "awareness_date_month": "2",
            "awareness_date_year": "2026",
            "agencies": [side.agencies["police"].pk],
            "is_restricted": "on",
        },
    )
    form = assert_error_page(
        response,
        fields=["title", "incident_date"],
        kept=["Summary the user wrote", 'value="45"', 'value="13"', 'value="2026"'],
    )
    assert form["agencies"].value() == [str(side.agencies["police"].pk)]
    assert form["is_restricted"].value() is True
    assert Case.objects.count() == before


def test_case_form_offers_only_this_partnerships_agencies(world, client_for):
    side = world.alpha
    client = client_for(side.user(BM))
    response = client.post(
        _url(side, "case_create"),
        {"title": "Child Z", "agencies": [world.beta.agencies["police"].pk]},
    )
    assert_error_page(response, fields=["agencies"], kept=["Child Z"])
    assert b"Beta Police" not in response.content


def test_case_create_then_redirect_with_message(world, client_for):
    side = world.alpha
    client = client_for(side.user(BM))
    response = client.post(
        _url(side, "case_create"), {"title": "Child Q", "agencies": [side.agencies["la"].pk]}
    )
    case = Case.objects.get(title="Child Q")
    assert response.status_code == 302
    assert response["Location"] == _url(side, "case_detail", case.pk)
    page = client.get(response["Location"])
    assert f"Case {case.reference} opened." in page.content.decode()


def test_subject_form_reports_every_problem_at_once(world, client_for):
    side = world.alpha
    client = client_for(side.user(BM))
    response = client.post(
        _url(side, "subject_add", side.case.pk),
        {
            "role": "child",
            "first_name": "Kept",
            "last_name": "Name",
            "nhs_number": "943 476 5918",
            "date_of_birth_day": "1",
            "date_of_birth_month": "5",
            "date_of_birth_year": "2020",
            "date_of_death_day": "1",
            "date_of_death_month": "1",
            "date_of_death_year": "2019",
            "ethnicity": "other",
            "address": "1 Test Street\nTestville",
        },
    )
    assert_error_page(
        response,
        fields=["nhs_number", "date_of_death", "ethnicity_other"],
        kept=["Kept", "Name", "943 476 5918", 'value="2020"', "1 Test Street\nTestville"],
    )
    assert Subject.objects.filter(first_name="Kept").count() == 0


def test_subject_edit_and_archive(world, client_for):
    side = world.alpha
    client = client_for(side.user(BM))
    url = _url(side, "subject_edit", side.case.pk, side.subject.pk)
    response = client.post(url, {"role": "child", "first_name": "Tess", "nhs_number": "bad"})
    assert_error_page(response, fields=["nhs_number"], kept=["Tess", "bad"])
    response = client.post(url, {"role": "child", "first_name": "Tess"})
    assert response.status_code == 302
    response = client.post(url, {"action": "archive"})
    assert response.status_code == 302
    side.subject.refresh_from_db()
    assert side.subject.first_name == "Tess" and side.subject.archived_at is not None
    assert client.get(url).status_code == 404  # archived people are gone from the case


def test_note_form(world, client_for):
    side = world.alpha
    client = client_for(side.user(Role.SLO))
    url = _url(side, "note_add", side.case.pk)
    assert_error_page(client.post(url, {"text": ""}), fields=["text"])
    assert client.post(url, {"text": "Police have the files."}).status_code == 302
    assert side.case.notes.filter(text="Police have the files.").exists()


def test_attachment_form_requires_a_file(world, client_for):
    side = world.alpha
    client = client_for(side.user(Role.SLO))
    url = _url(side, "attachment_add", side.case.pk)
    assert_error_page(
        client.post(url, {"description": "Chronology"}), fields=["file"], kept=["Chronology"]
    )


def test_invite_form_puts_service_errors_on_the_right_field(world, client_for):
    side = world.alpha
    client = client_for(side.user(BM))
    url = _url(side, "invite")
    response = client.post(
        url, {"full_name": "Sam Officer", "email": "sam@example.test", "roles": ["slo"]}
    )
    assert_error_page(response, fields=["agency"], kept=["Sam Officer", "sam@example.test"])
    response = client.post(url, {"full_name": "Sam", "email": "not-an-email", "roles": []})
    assert_error_page(response, fields=["email", "roles"], kept=["not-an-email"])
    response = client.post(
        url,
        {"full_name": "Again", "email": side.user(Role.SLO).email, "roles": ["executive"]},
    )
    assert_error_page(response, fields=["email"])
    assert not Invitation.objects.filter(email="sam@example.test").exists()


def test_member_edit_refuses_removing_own_access(world, client_for):
    side = world.alpha
    bm = side.members[BM]
    client = client_for(bm.user)
    response = client.post(
        _url(side, "member_edit", bm.pk), {"roles": ["executive"], "is_active": "on"}
    )
    assert_error_page(
        response, non_field=["You cannot remove your own business manager role or access."]
    )


def test_case_access_grant_and_revoke(world, client_for):
    side = world.alpha
    client = client_for(side.user(BM))
    url = _url(side, "case_access", side.case.pk)
    response = client.post(url, {"member": str(world.beta.members[Role.SLO].pk)})
    assert_error_page(response, fields=["member"])
    reviewer = side.members[Role.LEAD_REVIEWER]
    assert client.post(url, {"member": str(reviewer.pk)}).status_code == 302
    assert reviewer.user.email in client.get(url).content.decode()
    assert client.post(url, {"action": "restrict"}).status_code == 302
    side.case.refresh_from_db()
    assert side.case.is_restricted
    revoke = _url(side, "case_access_revoke", side.case.pk, reviewer.user_id)
    assert client.get(revoke).status_code == 405
    assert client.post(revoke).status_code == 302
    assert client_for(reviewer.user).get(_url(side, "case_detail", side.case.pk)).status_code == 404


def test_invitation_revoke_is_post_only(world, client_for):
    """GET used to answer 404 for a live invitation; a POST-only page answers 405."""
    side = world.alpha
    client = client_for(side.user(BM))
    url = _url(side, "invitation_revoke", side.invitation.pk)
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 302
    side.invitation.refresh_from_db()
    assert side.invitation.revoked_at is not None
    assert client.post(url).status_code == 302  # revoking twice is harmless


def test_invitation_accept_form_keeps_the_name(world, client):
    from cases.services.people import invitation_create

    bm = world.alpha.members[BM]
    _, token = invitation_create(
        actor=bm.user, membership=bm, email="joiner@example.test", roles=[Role.EXECUTIVE]
    )
    url = reverse("invitation_accept", args=[token])
    response = client.post(
        url, {"full_name": "Jo Iner", "password1": "short", "password2": "different"}
    )
    assert_error_page(response, fields=["password2"], kept=["Jo Iner"])
    response = client.post(
        url, {"full_name": "Jo Iner", "password1": "password", "password2": "password"}
    )
    form = assert_error_page(response, kept=["Jo Iner"])
    assert form.non_field_errors()  # too short and too common


def test_invalid_invitation_link_is_410(db, client):
    response = client.get(reverse("invitation_accept", args=["no-such-token"]))
    assert response.status_code == 410
    assert b"expired or has already been used" in response.content


def test_pages_render_for_the_business_manager(world, client_for):
    """Smoke: the main pages render with the world's records on them."""
    side = world.alpha
    client = client_for(side.user(BM))
    for url, expected in (
        (_url(side, "home"), side.case.reference),
        (_url(side, "case_list"), side.case.reference),
        (_url(side, "case_detail", side.case.pk), "Test Child"),
        (_url(side, "case_history", side.case.pk), "opened the case"),
        (_url(side, "people"), side.invitation.email),
        (reverse("account_home"), side.partnership.name),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert expected in response.content.decode(), (url, expected)


def test_case_list_search_and_stage_filter(world, client_for):
    side = world.alpha
    client = client_for(side.user(BM))
    url = _url(side, "case_list")
    assert client.get(url, {"q": "Child T"}).context["page"].object_list[0] == side.case
    assert not client.get(url, {"q": "nothing like it"}).context["page"].object_list
    assert not client.get(url, {"stage": "closed"}).context["page"].object_list
    # Nonsense filters are ignored, never a 500.
    assert client.get(url, {"stage": "'; drop", "page": "x" * 50}).status_code == 200


def test_choose_partnership(world, client_for):
    user = UserFactory()
    from tests.factories import make_member

    make_member(world.alpha.partnership, Role.LEAD_REVIEWER, user=user)
    client = client_for(user)
    response = client.get(reverse("cases:choose_partnership"))
    assert response.status_code == 302  # one partnership: straight there
    make_member(world.beta.partnership, Role.LEAD_REVIEWER, user=user)
    response = client.get(reverse("cases:choose_partnership"))
    assert response.status_code == 200
    assert b"Alpha Safeguarding Partnership" in response.content
    assert b"Beta Safeguarding Partnership" in response.content


@pytest.mark.parametrize("name", ["case_history_csv", "case_access_log_csv"])
def test_csv_downloads_are_not_cached(world, client_for, name):
    side = world.alpha
    response = client_for(side.user(BM)).get(_url(side, name, side.case.pk))
    assert response["Cache-Control"] == "private, no-store"
    assert side.case.reference in response["Content-Disposition"]


def test_attachment_upload_and_remove(world, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    side = world.alpha
    client = client_for(side.user(BM))
    response = client.post(
        _url(side, "attachment_add", side.case.pk),
        {"file": SimpleUploadedFile("minutes.pdf", PDF_BYTES), "description": "Minutes"},
    )
    assert response.status_code == 302
    attachment = side.case.attachments.get(original_name="minutes.pdf")
    remove = _url(side, "attachment_archive", side.case.pk, attachment.pk)
    download = _url(side, "attachment_download", side.case.pk, attachment.pk)
    assert download in client.get(_url(side, "case_detail", side.case.pk)).content.decode()
    assert client.post(remove).status_code == 302
    page = client.get(_url(side, "case_detail", side.case.pk)).content.decode()
    assert "minutes.pdf removed." in page
    assert download not in page
    assert client.get(download).status_code == 404


def test_an_empty_post_shows_the_errors_not_a_blank_form(world, client_for):
    from cases.models import Role

    client = client_for(world.alpha.user(Role.BUSINESS_MANAGER))
    response = client.post(f"/p/alpha/cases/{world.alpha.case.pk}/notes/new/", {})
    assert response.status_code == 200
    assert b"govuk-error-summary" in response.content


def test_account_pages_link_back_to_the_partnership(world, client_for):
    from cases.models import Role

    response = client_for(world.alpha.user(Role.BUSINESS_MANAGER)).get("/account/")
    assert response.status_code == 200
    assert b'href="/p/alpha/"' in response.content
    assert b"No partnership chosen" not in response.content


def test_dates_of_things_that_happened_cannot_be_in_the_future(world, client_for):
    """Issue 11 (3): the case form uses the GOV.UK date input and refuses future dates; the API
    applies the same rule."""
    import datetime

    from django.utils import timezone

    side = world.alpha
    client = client_for(side.user(BM))
    next_year = timezone.localdate().year + 1
    response = client.post(
        _url(side, "case_edit", side.case.pk),
        {
            "title": side.case.title,
            "incident_date_day": "1",
            "incident_date_month": "2",
            "incident_date_year": str(next_year),
            "awareness_date_day": "3",
            "awareness_date_month": "2",
            "awareness_date_year": str(next_year),
        },
    )
    text = response.content.decode()
    assert "Date of the incident must be today or in the past" in text
    assert "Date the local authority became aware must be today or in the past" in text
    assert 'type="date"' not in text and 'name="incident_date_day"' in text
    side.case.refresh_from_db()
    assert side.case.incident_date != datetime.date(next_year, 2, 1)

    from tests.factories import api_token

    api = Client(HTTP_AUTHORIZATION=f"Token {api_token(side.user(BM))}")
    answer = api.patch(
        f"/api/p/{side.partnership.slug}/cases/{side.case.pk}/",
        {"incident_date": f"{next_year}-02-01"},
        content_type="application/json",
    )
    assert answer.status_code == 400
    assert "today or in the past" in answer.content.decode()


def _whats_next(page: str) -> str:
    match = re.search(r'<div class="app-whats-next[^"]*"[^>]*>(.*?)</div>', page, re.S)
    assert match, "the case page has no 'what happens next' panel"
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", match.group(1))).split())


def test_the_case_page_leads_with_its_running_clock_and_next_step(world, client_for):
    from cases.services.deadlines import stage_start

    side = world.alpha
    case = side.case
    bm = side.members[Role.BUSINESS_MANAGER]
    client = client_for(bm.user)
    text = _whats_next(client.get(_url(side, "case_detail", case.pk)).content.decode())
    assert "No deadline is running" in text
    day_zero = datetime.date.today() - datetime.timedelta(days=1)
    stage_start(actor=bm.user, case=case, stage="notification", day_zero=day_zero)
    text = _whats_next(client.get(_url(side, "case_detail", case.pk)).content.decode())
    assert re.search(r"Serious incident notification: day -?\d+ of 5", text), text
    assert re.search(r"Next: .+, due \w+ \d+ \w+ \d{4}", text), text


def test_a_closed_case_says_nothing_more_happens(world, client_for):
    side = world.alpha
    Case.objects.filter(pk=side.case.pk).update(stage="closed")
    client = client_for(side.members[Role.BUSINESS_MANAGER].user)
    text = _whats_next(client.get(_url(side, "case_detail", side.case.pk)).content.decode())
    assert "The case is closed" in text


def test_my_work_shows_what_is_due_overdue_first(world, client_for):
    from cases.services.cases import case_create
    from cases.services.deadlines import stage_start

    side = world.alpha
    bm = side.members[Role.BUSINESS_MANAGER]
    today = datetime.date.today()
    late = case_create(actor=bm.user, membership=bm, title="Child Late")
    soon = case_create(actor=bm.user, membership=bm, title="Child Soon")
    stage_start(actor=bm.user, case=soon, stage="notification", day_zero=today)
    stage_start(
        actor=bm.user, case=late, stage="notification", day_zero=today - datetime.timedelta(60)
    )
    page = client_for(bm.user).get(reverse("cases:home", args=[side.partnership.slug]))
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page.content.decode())).split())
    section = text[text.index("Cases you manage") :]
    assert (
        section.index("Child Late") < section.index("Child Soon") < section.index(side.case.title)
    )
    assert re.search(r"Child Late .*?Overdue", section)
    assert re.search(
        r"Child Soon .*?Serious incident notification: day 0 of 5\. Next: .+?, due", section
    )
