"""Issue 15 (the accessibility audit), points 2 to 11: what can be checked without a browser.

The browser checks (axe with best practice at every impact, 320 px reflow, error summary
targets) are in tests/test_accessibility.py; the keyboard-only journey in
tests/test_keyboard_journey.py; every form's error links and blank choices in
tests/test_every_form.py.
"""

import re

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from cases.models import Role

pytestmark = pytest.mark.django_db


def url(side, name, *args):
    return reverse(name, args=[side.partnership.slug, *args])


# --- 2: wide tables scroll inside a focusable, labelled region --------------------------------


def test_shared_table_scrolls_in_a_focusable_labelled_region():
    html = render_to_string(
        "includes/table.html", {"caption": "Steps", "head": ["A"], "rows": [["x"]]}
    )
    assert re.search(
        r'<div class="app-table-region" role="region" aria-label="Steps" tabindex="0">'
        r'<table class="govuk-table">',
        html,
    ), html
    assert html.rstrip().endswith("</table></div>")


def test_app_css_keeps_selects_and_filters_inside_the_column():
    from django.conf import settings

    css = (settings.BASE_DIR / "static" / "app" / "app.css").read_text()
    assert re.search(r"\.govuk-select \{\s*max-width: 100%;", css)
    assert re.search(r"\.app-table-region \{[^}]*overflow-x: auto;", css)
    assert re.search(r"\.app-table-region \{[^}]*position: relative;", css)


# --- 9: the workflow settings tables have captions --------------------------------------------


def test_workflow_settings_tables_have_the_stage_as_caption(world, client_for):
    side = world.alpha
    client = client_for(side.user(Role.BUSINESS_MANAGER))
    html = client.get(url(side, "cases:workflow_settings")).content.decode()
    tables = re.findall(r"<table class=\"govuk-table\">(.*?)</table>", html, re.S)
    assert len(tables) >= 5
    for table in tables:
        caption = re.search(r"<caption[^>]*>([^<]+)</caption>", table)
        assert caption and caption.group(1).strip(), table[:300]
    captions = [re.search(r"<caption[^>]*>([^<]+)</caption>", t).group(1) for t in tables]
    assert len(set(captions)) == len(captions), captions


# --- 4: input purpose (WCAG 1.3.5) ------------------------------------------------------------


def test_invitation_page_names_the_purpose_of_name_and_passwords():
    from cases.forms import AcceptInvitationForm

    html = str(AcceptInvitationForm())
    assert re.search(r'<input[^>]*name="full_name"[^>]*autocomplete="name"', html) or re.search(
        r'<input[^>]*autocomplete="name"[^>]*name="full_name"', html
    )
    assert html.count('autocomplete="new-password"') == 2


def test_referrer_page_names_the_purpose_of_the_referrers_own_details(world):
    from referrals.forms.draft import ReferrerForm

    form = ReferrerForm(partnership=world.alpha.partnership)
    expected = {
        "referrer_name": "name",
        "referrer_job_title": "organization-title",
        "referrer_email": "email",
        "referrer_address": "street-address",
        "referrer_phone": "tel",
    }
    for name, purpose in expected.items():
        html = str(form[name])
        assert f'autocomplete="{purpose}"' in html, html


# --- 5 and 7: check your answers --------------------------------------------------------------


def _slo_draft(side, client):
    response = client.post(url(side, "referrals:start"))
    assert response.status_code == 302
    from referrals.models import Referral

    return Referral.objects.latest("pk")


def test_check_answers_links_lead_to_the_questions_first_input(world, client_for):
    """#id_harm and #id_reasons were not on their pages: focus landed at the top."""
    side = world.alpha
    client = client_for(side.user(Role.SLO))
    referral = _slo_draft(side, client)
    html = client.get(url(side, "referrals:check", referral.pk)).content.decode()
    links = re.findall(r'href="([^"#]+)#([^"]+)"', html)
    assert any(target.startswith("id_harm") for _, target in links), links
    assert any(target.startswith("id_reasons") for _, target in links), links
    for path, target in links:
        page = client.get(path).content.decode()
        assert f'id="{target}"' in page, f"{path}#{target}: no such id on the page"


def test_check_answers_on_arrival_lists_what_remains_without_an_error(world, client_for):
    side = world.alpha
    client = client_for(side.user(Role.SLO))
    referral = _slo_draft(side, client)
    html = client.get(url(side, "referrals:check", referral.pk)).content.decode()
    assert "<title>Check your answers" in html and "Error:" not in html
    assert "govuk-error-summary" not in html and 'role="alert"' not in html
    assert "Before you can send the referral" in html
    assert 'class="govuk-notification-banner" role="region"' in html


def test_check_answers_after_a_failed_send_is_an_error(world, client_for):
    from referrals.models import Referral

    side = world.alpha
    client = client_for(side.user(Role.SLO))
    referral = _slo_draft(side, client)
    response = client.post(url(side, "referrals:send", referral.pk), {"action": "send"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Error: Check your answers" in html
    assert 'class="govuk-error-summary"' in html and "has not been sent" in html
    assert Referral.objects.get(pk=referral.pk).status == referral.status


# --- 10: "Add an agency"; the task list's hints describe their links -------------------------


def test_with_article():
    from config.wording import with_article

    assert with_article("agency") == "an agency"
    assert with_article("child") == "a child"
    assert with_article("person") == "a person"
    assert with_article("NHS number") == "an NHS number"
    assert with_article("user") == "a user"
    assert with_article("hour") == "an hour"


def test_empty_agency_list_offers_add_an_agency(world, client_for):
    side = world.alpha
    client = client_for(side.user(Role.SLO))
    referral = _slo_draft(side, client)
    html = client.get(url(side, "referrals:items", referral.pk, "agencies")).content.decode()
    assert "Add an agency" in html and "Add a agency" not in html


def test_task_list_links_are_described_by_their_hint(world, client_for):
    side = world.alpha
    client = client_for(side.user(Role.SLO))
    referral = _slo_draft(side, client)
    html = client.get(url(side, "referrals:task_list", referral.pk)).content.decode()
    hints = re.findall(
        r'<div class="govuk-task-list__hint" id="(task-\d+-hint)">Optional, but it helps', html
    )
    assert hints
    for hint_id in hints:
        assert re.search(rf'aria-describedby="{hint_id} task-\d+-status"', html), hint_id


# --- 11: not asked twice (WCAG 3.3.7) ---------------------------------------------------------


def test_a_sibling_on_a_plan_answers_the_siblings_question(world, client_for):
    side = world.alpha
    client = client_for(side.user(Role.SLO))
    referral = _slo_draft(side, client)
    page = url(side, "referrals:page", referral.pk, "proceedings")
    assert "checked" not in client.get(page).content.decode()
    response = client.post(
        url(side, "referrals:item_add", referral.pk, "family"),
        {"role": "sibling", "first_name": "Kim", "last_name": "Sample", "cp_plan_status": "yes"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    html = client.get(page).content.decode()
    assert re.search(r'name="siblings_on_plan" value="yes"[^>]*checked', html), html


def test_a_family_member_is_offered_the_childs_address(world, client_for):
    side = world.alpha
    client = client_for(side.user(Role.SLO))
    referral = _slo_draft(side, client)
    response = client.post(
        url(side, "referrals:item_add", referral.pk, "children"),
        {"first_name": "Jo", "last_name": "Sample"},
    )
    assert response.status_code == 302
    child = referral.children.get()
    child.address = "1 High Street\nLincoln"
    child.save()
    html = client.get(url(side, "referrals:item_add", referral.pk, "family")).content.decode()
    assert "1 High Street\nLincoln</textarea>" in html
    assert "The child&#x27;s address" in html or "The child's address" in html


# --- the statement says what was tested and how -----------------------------------------------


def test_accessibility_statement_says_what_was_tested(client):
    html = client.get(reverse("accessibility")).content.decode()
    for words in (
        "WCAG 2.0, 2.1 and 2.2 at levels A and AA",
        "best-practice rules",
        "320 CSS pixels",
        "error summary must lead to the field",
        "keyboard only",
        "7 December 2026",
    ):
        assert words in html, words
    assert "serious or critical" not in html
