"""A person's calendar feed (iCalendar): their open deadlines in every partnership where they
are an active member, for cases they can see. Each event says the case reference, the step and
the due date, with a link; nothing about the child or the incident.

Calendar clients poll the feed. Its entity tag is a hash of exactly what the events say, so a
client whose copy is current gets 304 without the feed being rendered, and a rendered feed is
kept in the cache under that tag: any change to a deadline, a case reference, a partnership's
name or who may see what changes the entries, hence the tag."""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from cases.models import User
from cases.reminders.selectors import responsible_deadlines
from cases.services.preferences import calendar_token_hash
from cases.tenancy import memberships_of, partnership_scope

CACHE_SECONDS = 15 * 60


@dataclass(frozen=True)
class FeedEntry:
    deadline_id: int
    due: datetime.date
    label: str
    statutory: bool
    reference: str
    partnership_name: str
    url: str


def user_for_calendar_token(token: str) -> User | None:
    if not token or len(token) > 100:
        return None
    return User.objects.filter(calendar_token=calendar_token_hash(token), is_active=True).first()


def feed_entries(user: User) -> list[FeedEntry]:
    entries = []
    for membership in memberships_of(user):
        partnership = membership.partnership
        with partnership_scope(partnership):
            for deadline in responsible_deadlines(membership=membership):
                path = reverse(
                    "cases:case_detail",
                    kwargs={"partnership_slug": partnership.slug, "pk": deadline.case_id},
                )
                entries.append(
                    FeedEntry(
                        deadline_id=deadline.pk,
                        due=deadline.due,
                        label=deadline.label,
                        statutory=deadline.statutory,
                        reference=deadline.case.reference,
                        partnership_name=partnership.name,
                        url=settings.SITE_URL + path,
                    )
                )
    return entries


def feed_etag(user: User, entries: list[FeedEntry]) -> str:
    digest = hashlib.sha256(repr((user.pk, settings.SITE_URL, entries)).encode())
    return f'"{digest.hexdigest()[:32]}"'


def render_feed(entries: list[FeedEntry], *, now: datetime.datetime | None = None) -> bytes:
    now = now or timezone.now()
    cal = Calendar()
    cal.add("prodid", "-//Practice Review Manager//Deadlines//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Practice Review Manager deadlines")
    host = settings.SITE_URL.split("//", 1)[-1].split("/", 1)[0] or "prm"
    for entry in entries:
        due = entry.due
        event = Event()
        event.add("uid", f"deadline-{entry.deadline_id}@{host}")
        event.add("dtstamp", now)
        event.add("dtstart", due)
        event.add("dtend", due + datetime.timedelta(days=1))
        event.add("summary", f"{entry.reference}: {entry.label}")
        event.add(
            "description",
            f"{entry.partnership_name}. Case {entry.reference}: {entry.label}. "
            f"Due {due:%a} {due.day} {due:%b %Y}"
            f"{' (statutory)' if entry.statutory else ''}. {entry.url}",
        )
        event.add("url", entry.url)
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return cal.to_ical()


def feed_body(etag: str, entries: list[FeedEntry]) -> bytes:
    """The rendered feed, from the cache when this exact feed was rendered recently."""
    key = "calendar-feed:" + etag.strip('"')
    body = cache.get(key)
    if body is None:
        body = render_feed(entries)
        cache.set(key, body, CACHE_SECONDS)
    return body
