"""The National Panel's replies through the pages and the API: who may see and do what (one
status per role), every error at once in GOV.UK wording, a contrary view reconsidered by an
executive, My work and the case page."""

import datetime
import re

import pytest
from django.urls import reverse

from cases.models import Role
from notifications.models import PanelResponse
from tests.notifications import records as nt
from tests.notifications.panel_world import SENT, make_world
from tests.role_matrix import CASE_VIEWERS, assert_matrix, expect

pytestmark = pytest.mark.django_db
R = Role


def _u(slug, name, *args):
    return reverse(name, args=[slug, *args])


def _date(prefix: str, day: datetime.date) -> dict:
    return {f"{prefix}_day": day.day, f"{prefix}_month": day.month, f"{prefix}_year": day.year}


def test_pages_matrix(world, client_for):
    side = world.alpha
    slug = side.partnership.slug
    awaited = nt.a_panel_response(side)
    contrary = nt.a_contrary_panel_response(side)
    for url in (
        _u(slug, "panel_responses:detail", awaited.pk),
        _u(slug, "panel_responses:list"),
    ):
        hidden = () if url.endswith("panel-responses/") else (R.LEAD_REVIEWER,)
        viewers = set(Role) if not hidden else CASE_VIEWERS
        assert_matrix(
            client_for,
            side,
            "get",
            url,
            expect(200, viewers, hidden=hidden),
            outsider=world.outsider,
        )
    for name in ("panel_responses:meeting", "panel_responses:reply"):
        assert_matrix(
            client_for,
            side,
            "get",
            _u(slug, name, awaited.pk),
            expect(200, {R.BUSINESS_MANAGER}),
            outsider=world.outsider,
        )
    assert_matrix(
        client_for,
        side,
        "get",
        _u(slug, "panel_responses:reconsider", contrary.pk),
        expect(200, {R.BUSINESS_MANAGER, R.EXECUTIVE}),
        outsider=world.outsider,
    )


def test_api_matrix(world, client_for):
    side = world.alpha
    slug = side.partnership.slug
    awaited = nt.a_panel_response(side)
    assert_matrix(
        client_for,
        side,
        "get",
        f"/api/p/{slug}/panel-responses/{awaited.pk}/",
        expect(200, CASE_VIEWERS),
        outsider=world.outsider,
    )
    # An empty reply: 400 with the reasons for the business manager, 403 for the other viewers.
    assert_matrix(
        client_for,
        side,
        "post",
        f"/api/p/{slug}/panel-responses/{awaited.pk}/reply/",
        expect(400, {R.BUSINESS_MANAGER}),
        lambda who: {"received_on": None, "decision": "local_review"},
        outsider=world.outsider,
        content_type="application/json",
    )


def test_a_wrong_step_redirects_to_the_reply(world, client_for):
    side = world.alpha
    slug = side.partnership.slug
    awaited = nt.a_panel_response(side)
    client = client_for(side.user(R.BUSINESS_MANAGER))
    page = client.get(_u(slug, "panel_responses:reconsider", awaited.pk))
    assert page.status_code == 302
    assert page.url == _u(slug, "panel_responses:detail", awaited.pk)


@pytest.fixture
def lincs(db, today_after_christmas):
    return make_world("lincolnshire")


def test_the_pages_take_a_contrary_reply_to_the_assurance_executive(lincs, client_for):
    slug = lincs.partnership.slug
    bm = client_for(lincs.bm.user)
    # Every error at once, in GOV.UK wording, nothing lost.
    page = bm.post(_u(slug, "panel_responses:open", lincs.case.pk), {})
    text = page.content.decode()
    assert page.status_code == 200
    assert "Enter the date the rapid review was sent to the National Panel" in text
    page = bm.post(
        _u(slug, "panel_responses:open", lincs.case.pk),
        {**_date("submitted_on", SENT), "partnership_view": "no_review"},
    )
    response = PanelResponse.objects.get(case=lincs.case)
    assert page.url == _u(slug, "panel_responses:detail", response.pk)
    detail = bm.get(page.url).content.decode()
    assert "due 30 December 2026" in detail
    page = bm.post(
        _u(slug, "panel_responses:reply", response.pk),
        {
            "comments": "Kept on error",
            "received_on_day": "40",
            "received_on_month": "12",
            "received_on_year": "2026",
        },
    )
    text = page.content.decode()
    assert "Select the Panel&#x27;s decision" in text
    assert "Date the Panel&#x27;s reply arrived must be a real date" in text
    assert "Kept on error" in text
    blank = bm.get(_u(slug, "panel_responses:reply", response.pk)).content.decode()
    radio = re.search(r'<input[^>]*value="no_review"[^>]*>', blank).group(0)
    assert "checked" in radio  # the decision recorded when the rapid review went
    page = bm.post(
        _u(slug, "panel_responses:reply", response.pk),
        {
            **_date("received_on", datetime.date(2026, 12, 21)),
            "decision": "local_review",
            "comments": "The Panel thinks a local review would bring learning.",
            "partnership_view": "no_review",  # checked already: the one recorded
        },
    )
    assert page.status_code == 302
    detail = bm.get(page.url).content.decode()
    assert "back with the Assurance Executive to reconsider" in detail
    # The executive sees it on My work and records the reconsideration.
    executive = client_for(lincs.executive.user)
    home = executive.get(reverse("cases:home", args=[slug])).content.decode()
    assert "National Panel replies" in home and lincs.case.reference in home
    page = executive.post(
        _u(slug, "panel_responses:reconsider", response.pk),
        {
            "reconsideration": "accept",
            "reconsideration_reasons": "An LCSPR is commissioned.",
            **_date("reconsidered_on", datetime.date(2027, 1, 12)),
        },
    )
    assert page.status_code == 302
    response.refresh_from_db()
    assert response.status == "concluded" and response.reconsideration == "accept"
    history = bm.get(reverse("cases:case_history", args=[slug, lincs.case.pk]))
    text = history.content.decode()
    assert "recorded the National Panel&#x27;s reply" in text
    assert "recorded the reconsideration of the National Panel&#x27;s view" in text


def test_my_work_shows_an_overdue_reply_first(lincs, client_for):
    from notifications.services import panel_responses as svc

    svc.panel_response_open(
        actor=lincs.bm.user,
        membership=lincs.bm,
        case=lincs.case,
        submitted_on=SENT,
        partnership_view="lcspr",
    )
    page = client_for(lincs.bm.user).get(reverse("cases:home", args=[lincs.partnership.slug]))
    text = page.content.decode()
    section = text[text.index("National Panel replies") :]
    assert lincs.case.reference in section
    assert "Overdue" in section or "overdue" in section


def test_the_case_page_offers_to_record_the_rapid_reviews_submission(lincs, client_for):
    page = client_for(lincs.bm.user).get(
        reverse("cases:case_detail", args=[lincs.partnership.slug, lincs.case.pk])
    )
    text = page.content.decode()
    assert "Record that the rapid review went to the National Panel" in text


def test_api_runs_every_step(lincs, client_for):
    slug = lincs.partnership.slug
    api = client_for(lincs.bm.user)
    base = f"/api/p/{slug}/panel-responses/"
    created = api.post(
        base,
        {"case": lincs.case.pk, "submitted_on": "2026-12-07", "partnership_view": "lcspr"},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    again = api.post(
        base,
        {"case": lincs.case.pk, "submitted_on": "2026-12-07"},
        content_type="application/json",
    )
    assert again.status_code == 409
    bad = api.post(
        f"{base}{pk}/reply/",
        {"received_on": "2026-12-01", "decision": "more_information"},
        content_type="application/json",
    )
    assert bad.status_code == 400
    assert set(bad.json()) >= {"received_on", "comments"}
    asked = api.post(
        f"{base}{pk}/reply/",
        {"received_on": "2026-12-21", "decision": "more_information", "comments": "GP records."},
        content_type="application/json",
    )
    assert asked.json()["status"] == "information_requested"
    following = api.post(
        f"{base}{pk}/information/", {"sent_on": "2027-01-05"}, content_type="application/json"
    )
    assert following.status_code == 200
    second = following.json()
    assert second["round"] == 2 and second["status"] == "awaiting"
    done = api.post(
        f"{base}{second['id']}/reply/",
        {"received_on": "2027-01-20", "decision": "no_further_review"},
        content_type="application/json",
    )
    assert done.json()["status"] == "reconsideration" and done.json()["is_contrary"]
    executive = client_for(lincs.executive.user)
    refused = executive.post(
        f"{base}{second['id']}/reply/",
        {"received_on": "2027-01-20", "decision": "no_further_review"},
        content_type="application/json",
    )
    assert refused.status_code in (403, 409)
    kept = executive.post(
        f"{base}{second['id']}/reconsider/",
        {
            "reconsideration": "maintain",
            "reconsideration_reasons": "Local learning outweighs.",
            "reconsidered_on": "2027-01-26",
        },
        content_type="application/json",
    )
    assert kept.status_code == 200 and kept.json()["status"] == "concluded"
    listed = api.get(f"{base}?status=concluded").json()
    assert {r["id"] for r in listed["results"]} == {pk, second["id"]}
