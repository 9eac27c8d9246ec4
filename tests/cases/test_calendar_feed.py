"""The personal calendar feed: a secret URL (stored hashed, resettable) listing the person's own
open deadlines, in partnerships where they are active, for cases they can see; no personal
details."""

import datetime as dt

from django.urls import reverse
from icalendar import Calendar

from cases.models import AuditEvent, Membership, Role
from cases.services import cases as case_services
from cases.services import deadlines as deadline_services
from cases.services.preferences import calendar_token_hash, calendar_token_reset
from tests.factories import make_member

D = dt.date


def _start(side, stage="rapid_review", case=None):
    return deadline_services.stage_start(
        actor=side.user(Role.BUSINESS_MANAGER),
        case=case or side.case,
        stage=stage,
        day_zero=D(2026, 12, 22),
    )


def _events(client, token):
    response = client.get(reverse("calendar_feed", args=[token]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert response["Cache-Control"] == "private, no-cache"
    calendar = Calendar.from_ical(response.content)
    return response.content.decode(), list(calendar.walk("VEVENT"))


def test_feed_lists_the_persons_own_deadlines(world, client):
    side = world.alpha
    _start(side)
    slo = side.user(Role.SLO)
    token = calendar_token_reset(user=slo)
    _, events = _events(client, token)
    # The Lincolnshire rapid review gives the SLO the agency returns.
    summaries = {str(e["summary"]) for e in events}
    assert summaries and all(s.startswith(side.case.reference) for s in summaries)
    # Lincolnshire: agency chronologies returned by day 7, Tue 5 Jan 2027 (an all-day event).
    returns = next(e for e in events if "chronolog" in str(e["summary"]).lower())
    assert returns.decoded("dtstart") == D(2027, 1, 5)
    assert returns.decoded("dtend") == D(2027, 1, 6)
    assert str(returns["url"]).endswith(f"/p/{side.partnership.slug}/cases/{side.case.pk}/")


def test_feed_has_no_personal_details(world, client):
    side = world.alpha
    _start(side)
    text, events = _events(client, calendar_token_reset(user=side.all_roles.user))
    assert events
    subject = side.subject
    for secret in (subject.first_name, subject.last_name, subject.nhs_number, side.case.title):
        assert secret not in text


def test_feed_only_covers_active_memberships_and_visible_cases(world, client):
    side = world.alpha
    bm = side.members[Role.BUSINESS_MANAGER]
    hidden = case_services.case_create(actor=bm.user, membership=bm, title="Child H")
    case_services.case_set_restricted(actor=bm.user, membership=bm, case=hidden, is_restricted=True)
    _start(side)
    _start(side, case=hidden)
    executive = side.user(Role.EXECUTIVE)
    make_member(world.beta.partnership, Role.EXECUTIVE, user=executive)
    _start(world.beta)
    token = calendar_token_reset(user=executive)
    _, events = _events(client, token)
    refs = {str(e["summary"]).split(":")[0] for e in events}
    assert refs == {side.case.reference, world.beta.case.reference}
    Membership.objects.filter(user=executive, partnership=world.beta.partnership).update(
        is_active=False
    )
    _, events = _events(client, token)
    assert {str(e["summary"]).split(":")[0] for e in events} == {side.case.reference}


def test_token_is_stored_hashed_and_reset_stops_the_old_url(world, client):
    user = world.alpha.user(Role.SLO)
    first = calendar_token_reset(user=user)
    user.refresh_from_db()
    assert len(first) >= 43 and user.calendar_token == calendar_token_hash(first)
    assert first not in user.calendar_token
    second = calendar_token_reset(user=user)
    assert client.get(reverse("calendar_feed", args=[first])).status_code == 404
    assert client.get(reverse("calendar_feed", args=[second])).status_code == 200
    for bad in ("x", "", "a" * 500, user.calendar_token):
        if bad:
            assert client.get(reverse("calendar_feed", args=[bad])).status_code == 404
    actions = AuditEvent.objects.filter(action__startswith="calendar_feed.").values_list(
        "action", flat=True
    )
    assert sorted(actions) == ["calendar_feed.create", "calendar_feed.reset"]


def test_account_page_resets_and_turns_off_the_feed(world, client_for):
    user = world.alpha.user(Role.SLO)
    client = client_for(user)
    assert "Turn on the calendar feed" in client.get(reverse("account_home")).content.decode()
    response = client.post(reverse("calendar_token_reset"), {"action": "reset"}, follow=True)
    html = response.content.decode()
    assert "/calendar/" in html and ".ics" in html
    url = html.split("/calendar/")[1].split(".ics")[0]
    assert client.get(reverse("calendar_feed", args=[url])).status_code == 200
    # Shown once.
    assert f"/calendar/{url}.ics" not in client.get(reverse("account_home")).content.decode()
    client.post(reverse("calendar_token_reset"), {"action": "revoke"})
    user.refresh_from_db()
    assert user.calendar_token == ""
    assert client.get(reverse("calendar_feed", args=[url])).status_code == 404
    assert client.get(reverse("calendar_token_reset")).status_code == 405


def test_a_client_whose_copy_is_current_gets_304_and_a_changed_feed_a_new_copy(world, client):
    side = world.alpha
    _start(side)
    slo = side.user(Role.SLO)
    url = reverse("calendar_feed", args=[calendar_token_reset(user=slo)])
    first = client.get(url)
    etag = first["ETag"]
    assert first.status_code == 200 and etag

    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag

    # The agency is no longer involved: the SLO may not see the case, so its deadlines go.
    case_services.case_update(
        actor=side.user(Role.BUSINESS_MANAGER),
        membership=side.members[Role.BUSINESS_MANAGER],
        case=side.case,
        title=side.case.title,
        summary=side.case.summary,
        incident_date=side.case.incident_date,
        awareness_date=side.case.awareness_date,
        agencies=[side.agencies["la"]],
    )
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert side.case.reference not in changed.content.decode()
