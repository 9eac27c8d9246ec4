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
