"""A meeting as an iCalendar object for one invitee's e-mail (RFC 5546): METHOD:REQUEST for an
invitation or an update, METHOD:CANCEL for a cancellation (or when they are taken off the list).
The meeting's UID stays the same for its life and its SEQUENCE goes up with every change sent,
so a calendar replaces its copy of the event. Times are in Europe/London with the zone's rules
included, as calendar clients expect.

Like the deadline feed (cases.feeds) it says what kind of meeting it is, the case reference,
the partnership, when and where, and links to the meeting's page: never the child or the
incident, nor the meeting's own title (which a business manager types freely), nor the other
invitees' addresses.
"""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

from cases.models import Meeting, MeetingInvitee

LONDON = ZoneInfo("Europe/London")
REQUEST = "REQUEST"
CANCEL = "CANCEL"


def meeting_url(meeting: Meeting) -> str:
    return settings.SITE_URL + reverse(
        "cases:meeting_detail", args=[meeting.partnership.slug, meeting.case_id, meeting.pk]
    )


def meeting_summary(meeting: Meeting) -> str:
    return f"{meeting.get_kind_display()}: {meeting.case.reference}"


def meeting_uid(meeting_token: str) -> str:
    host = settings.SITE_URL.split("//", 1)[-1].split("/", 1)[0] or "prm"
    return f"meeting-{meeting_token}@{host}"


def _organizer(meeting: Meeting) -> vCalAddress:
    partnership = meeting.partnership
    address = partnership.contact_email or settings.DEFAULT_FROM_EMAIL.rsplit("<", 1)[-1].strip(">")
    organizer = vCalAddress(f"mailto:{address}")
    organizer.params["cn"] = vText(partnership.name)
    return organizer


def meeting_ical(
    meeting: Meeting, invitee: MeetingInvitee, *, method: str, now: datetime.datetime | None = None
) -> str:
    cal = Calendar()
    cal.add("prodid", "-//Practice Review Manager//Meetings//EN")
    cal.add("version", "2.0")
    cal.add("method", method)
    event = Event()
    event.add("uid", meeting.uid)
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", now or timezone.now())
    event.add("dtstart", meeting.starts_at.astimezone(LONDON))
    event.add("dtend", meeting.ends_at.astimezone(LONDON))
    event.add("summary", meeting_summary(meeting))
    url = meeting_url(meeting)
    where = [meeting.location] if meeting.location else []
    if meeting.online_link:
        where.append(meeting.online_link)
    if where:
        event.add("location", ", ".join(where))
    event.add(
        "description",
        f"{meeting.partnership.name}. {meeting_summary(meeting)}. "
        f"Details and papers (sign in): {url}",
    )
    event.add("url", url)
    event["organizer"] = _organizer(meeting)
    attendee = vCalAddress(f"mailto:{invitee.address}")
    attendee.params["cn"] = vText(invitee.display_name)
    attendee.params["role"] = vText("REQ-PARTICIPANT")
    attendee.params["partstat"] = vText("NEEDS-ACTION")
    attendee.params["rsvp"] = vText("FALSE")
    event.add("attendee", attendee, encode=0)
    if method == CANCEL:
        event.add("status", "CANCELLED")
    else:
        event.add("status", "CONFIRMED")
    cal.add_component(event)
    start = meeting.starts_at.astimezone(LONDON).date()
    cal.add_missing_timezones(
        first_date=start - datetime.timedelta(days=366),
        last_date=meeting.ends_at.astimezone(LONDON).date() + datetime.timedelta(days=366),
    )
    return cal.to_ical().decode()
