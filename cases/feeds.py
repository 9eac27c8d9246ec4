"""A person's calendar feed (iCalendar): their open deadlines in every partnership where they
are an active member, for cases they can see. Each event says the case reference, the step and
the due date, with a link; nothing about the child or the incident."""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from cases.models import User
from cases.reminders.selectors import responsible_deadlines
from cases.services.preferences import calendar_token_hash
from cases.tenancy import memberships_of, partnership_scope


def user_for_calendar_token(token: str) -> User | None:
    if not token or len(token) > 100:
        return None
    return User.objects.filter(calendar_token=calendar_token_hash(token), is_active=True).first()


def calendar_feed(user: User, *, now: datetime.datetime | None = None) -> bytes:
    now = now or timezone.now()
    cal = Calendar()
    cal.add("prodid", "-//Practice Review Manager//Deadlines//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Practice Review Manager deadlines")
    host = settings.SITE_URL.split("//", 1)[-1].split("/", 1)[0] or "prm"
    for membership in memberships_of(user):
        partnership = membership.partnership
        with partnership_scope(partnership):
            for deadline in responsible_deadlines(membership=membership):
                url = settings.SITE_URL + reverse(
                    "cases:case_detail",
                    kwargs={"partnership_slug": partnership.slug, "pk": deadline.case_id},
                )
                event = Event()
                event.add("uid", f"deadline-{deadline.pk}@{host}")
                event.add("dtstamp", now)
                event.add("dtstart", deadline.due)
                event.add("dtend", deadline.due + datetime.timedelta(days=1))
                event.add("summary", f"{deadline.case.reference}: {deadline.label}")
                event.add(
                    "description",
                    f"{partnership.name}. Case {deadline.case.reference}: {deadline.label}. "
                    f"Due {deadline.due:%a} {deadline.due.day} {deadline.due:%b %Y}"
                    f"{' (statutory)' if deadline.statutory else ''}. {url}",
                )
                event.add("url", url)
                event.add("transp", "TRANSPARENT")
                cal.add_component(event)
    return cal.to_ical()
