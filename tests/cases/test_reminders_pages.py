"""Reminders as people see them: e-mails without personal details, the in-app list, the digest
choice, the business manager's warnings; and a preset's reminders across Christmas."""

import datetime as dt
from pathlib import Path

from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import timezone

from cases.models import (
    Case,
    EmailStatus,
    Notification,
    OutboundEmail,
    Role,
    SweepHeartbeat,
)
from cases.services import deadlines as deadline_services
from cases.services import subjects as subject_services
from cases.services.reminders import reminders_sweep
from cases.workflow import preset
from tests.cases.reminder_records import at
from tests.cases.test_reminders_sweep import TODAY, make_deadline

D = dt.date


def test_no_personal_or_incident_details_in_any_rendered_reminder(world):
    """Every reminder template (each step kind, escalations, the digest, the in-app message)
    rendered for a case whose people have names and an NHS number: none of it appears."""
    side = world.alpha
    bm = side.members[Role.BUSINESS_MANAGER]
    case = side.case
    Case.objects.filter(pk=case.pk).update(
        title="Jayden Smithfield", summary="Found injured at 14 Larch Close on 3 March"
    )
    subject_services.subject_add(
        actor=bm.user,
        membership=bm,
        case=case,
        role="child",
        first_name="Jayden",
        last_name="Smithfield",
        nhs_number="9434765870",
        address="14 Larch Close",
    )
    digest_user = side.user(Role.SLO)
    digest_user.reminder_digest = True
    digest_user.save()
    make_deadline(side, D(2026, 11, 20), key="soon", roles=("slo", "business_manager"))
    make_deadline(side, TODAY, key="today", roles=("slo", "business_manager"))
    make_deadline(side, D(2026, 11, 12), key="late", roles=("slo", "business_manager"))
    reminders_sweep(now=at(TODAY))

    rows = list(OutboundEmail.objects.filter(key__startswith=("reminder:")))
    rows += list(OutboundEmail.objects.filter(key__startswith="digest:"))
    kinds = {r.key.split(":")[2].split("_")[0] for r in rows if r.key.startswith("rem")}
    assert kinds == {"before", "due", "overdue", "escalate"}
    assert any(r.key.startswith("digest:") for r in rows)
    forbidden = [
        "Jayden",
        "Smithfield",
        "9434765870",
        "943 476 5870",
        "Larch",
        "injured",
        "March",
    ]
    texts = [part for r in rows for part in (r.subject, r.body_text, r.body_html)]
    texts += list(Notification.objects.values_list("message", flat=True))
    for text in texts:
        assert case.reference in text or text.startswith(
            django_settings.ACCOUNT_EMAIL_SUBJECT_PREFIX
        )
        for word in forbidden:
            assert word not in text, (word, text[:200])
    # Each carries the reference, the step, the due date and a link.
    overdue = next(r for r in rows if ":overdue_" in r.key)
    assert case.reference in overdue.subject and "Step late" in overdue.body_text
    assert "Thu 12 Nov 2026" in overdue.body_text
    link = f"{django_settings.SITE_URL}/p/{side.partnership.slug}/cases/{case.pk}/"
    assert link in overdue.body_text and f'href="{link}"' in overdue.body_html
    # Every reminder template file was used.
    templates = {p.name for p in Path("templates/emails").glob("reminder*")}
    assert templates == {
        "reminder.html",
        "reminder.txt",
        "reminder_subject.txt",
        "reminder_digest.html",
        "reminder_digest.txt",
        "reminder_digest_subject.txt",
    }


def test_swindon_rapid_review_reminders_over_christmas_with_daily_sweeps(world):
    """Day zero Tue 22 Dec 2026; the sweep runs every day at 9:00 until 20 Jan 2027."""
    side = world.alpha
    side.partnership.workflow = preset("swindon")
    side.partnership.save()
    deadline_services.stage_start(
        actor=side.user(Role.BUSINESS_MANAGER),
        case=side.case,
        stage="rapid_review",
        day_zero=D(2026, 12, 22),
    )
    day = D(2026, 12, 21)
    while day <= D(2027, 1, 20):
        reminders_sweep(now=at(day))
        day += dt.timedelta(days=1)
    holidays = {D(2026, 12, 25), D(2026, 12, 28), D(2027, 1, 1)}
    sent = Notification.objects.all()
    assert sent.exists()
    assert not any(n.step_date in holidays or n.step_date.weekday() >= 5 for n in sent)
    slo = side.user(Role.SLO)
    mine = {
        (n.deadline.key, n.step, n.step_date)
        for n in sent.filter(user=slo).select_related("deadline")
    }
    # The SLO's agency returns: due Tue 5 Jan; 2 working days before is Thu 31 Dec.
    assert ("agency_returns", "before_2", D(2026, 12, 31)) in mine
    assert ("agency_returns", "due", D(2027, 1, 5)) in mine
    assert ("agency_returns", "overdue_2027-01-06", D(2027, 1, 6)) in mine
    bm = side.user(Role.BUSINESS_MANAGER)
    submit = {(n.step, n.step_date) for n in sent.filter(user=bm, deadline__key="submit_to_panel")}
    assert ("before_2", D(2027, 1, 13)) in submit and ("due", D(2027, 1, 15)) in submit
    # One e-mail per notification that is e-mailed; never two for one key.
    keys = list(
        OutboundEmail.objects.filter(key__startswith="reminder:").values_list("key", flat=True)
    )
    assert len(keys) == len(set(keys)) == sent.filter(emailed=True).count()


def test_notifications_page_and_marking_read(world, client_for):
    side = world.alpha
    make_deadline(side, TODAY)
    reminders_sweep(now=at(TODAY))
    bm = side.user(Role.BUSINESS_MANAGER)
    client = client_for(bm)
    url = reverse("cases:notifications", args=[side.partnership.slug])
    html = client.get(url).content.decode()
    mine = Notification.objects.get(user=bm)
    assert mine.message in html and "1 unread" in html
    read = reverse("cases:notification_read", args=[side.partnership.slug, mine.pk])
    assert client.post(read).status_code == 302
    mine.refresh_from_db()
    assert mine.read_at is not None
    other = Notification.objects.exclude(user=bm).first()
    other_url = reverse("cases:notification_read", args=[side.partnership.slug, other.pk])
    assert client.post(other_url).status_code == 404
    client_for(other.user).post(
        reverse("cases:notifications_read_all", args=[side.partnership.slug])
    )
    other.refresh_from_db()
    assert other.read_at is not None
    # My work lists unread reminders.
    make_deadline(side, D(2026, 11, 19), key="next")
    reminders_sweep(now=at(D(2026, 11, 19)))
    home = client.get(reverse("cases:home", args=[side.partnership.slug])).content.decode()
    assert "Your latest reminders" in home and "Step next" in home


def test_choosing_the_daily_digest_on_the_account_page(world, client_for):
    user = world.alpha.user(Role.SLO)
    client = client_for(user)
    page = client.get(reverse("account_home")).content.decode()
    assert "One e-mail a day" in page
    client.post(reverse("reminder_preferences"), {"delivery": "digest"})
    user.refresh_from_db()
    assert user.reminder_digest is True
    client.post(reverse("reminder_preferences"), {"delivery": "nonsense"})
    user.refresh_from_db()
    assert user.reminder_digest is True
    client.post(reverse("reminder_preferences"), {"delivery": "each"})
    user.refresh_from_db()
    assert user.reminder_digest is False
    from cases.models import AuditEvent

    changes = [
        e.changes["reminder_digest"]
        for e in AuditEvent.objects.filter(action="reminders.preference").order_by("id")
    ]
    assert changes == [[False, True], [True, False]]


def test_business_manager_is_warned_when_the_sweep_is_late(world, client_for):
    side = world.alpha
    url = reverse("cases:home", args=[side.partnership.slug])
    bm = client_for(side.user(Role.BUSINESS_MANAGER))
    assert "has never run" in bm.get(url).content.decode()
    reminders_sweep(now=at(TODAY))
    assert "Reminders may not be going out" not in bm.get(url).content.decode()
    SweepHeartbeat.objects.update(last_finished_at=timezone.now() - dt.timedelta(minutes=16))
    html = bm.get(url).content.decode()
    assert "Reminders may not be going out" in html and "last ran at" in html
    # Only business managers see it.
    staff = client_for(side.user(Role.AGENCY_STAFF))
    assert "Reminders may not be going out" not in staff.get(url).content.decode()


def test_business_manager_sees_uncertain_and_failed_emails(world, client_for):
    side = world.alpha
    OutboundEmail.objects.create(
        partnership=side.partnership,
        key="x:1",
        to="slo@alpha.test",
        subject="Reminder ALP",
        body_text="b",
        status=EmailStatus.UNCERTAIN,
    )
    OutboundEmail.objects.create(
        partnership=world.beta.partnership,
        key="x:2",
        to="slo@beta.test",
        subject="Reminder BET",
        body_text="b",
        status=EmailStatus.UNCERTAIN,
    )
    html = (
        client_for(side.user(Role.BUSINESS_MANAGER))
        .get(reverse("cases:home", args=[side.partnership.slug]))
        .content.decode()
    )
    assert "Reminder ALP to slo@alpha.test" in html and "ask the recipient" in html
    assert "BET" not in html
