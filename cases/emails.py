"""The one e-mail path: queue in the outbox inside the caller's transaction, send after commit.

E-mails carry references, steps, dates and links, never a child's name, NHS number or incident
details: templates get only what the caller passes, and callers pass no personal details.

At most once: every row has a unique key, so queuing twice (two sweeps, a retry) inserts one
row; a row is claimed (pending -> sending) by a conditional update before it is sent; an error
once the message may have reached the relay (its data handed over, or the time limit hit while
waiting for the relay's answer) makes it "uncertain", never "failed": only an error before the
relay accepted the recipients is retried; a row left "sending" by a killed worker becomes
"uncertain" once no task can still be sending it (outbox_mark_uncertain); an uncertain row is
never sent again automatically. A row left "pending" because the broker was down is dispatched
again by the reminder sweep (outbox_redispatch).
"""

import datetime
import logging
import re
from collections.abc import Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from email.mime.text import MIMEText

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone

from cases.db import insert_new
from cases.models import EmailStatus, OutboundEmail

log = logging.getLogger(__name__)

# A pending row older than this lost its task (the broker was down at commit); with the sweep
# every 5 minutes it is sent again within about 6 minutes. Claims keep a row dispatched twice
# from being sent twice, so a short wait is safe.
REDISPATCH_AFTER = datetime.timedelta(minutes=1)
MAX_ATTEMPTS = 5
DISPATCH_CHUNK = 50
UNCERTAIN_TEXT = (
    "The e-mail may have reached the mail relay before the connection failed: check with the "
    "recipient before sending it again."
)


def uncertain_after() -> datetime.timedelta:
    """A row claimed longer ago than the task's hard time limit cannot still be being sent:
    the worker has stopped that task (or died)."""
    return datetime.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 30)


class MaybeDelivered(Exception):  # noqa: N818 - it is a state, not an error of ours
    """Raised by an e-mail backend when sending failed after the message may have reached the
    relay (cases.smtp_backend, cases.notify_backend): the e-mail is marked uncertain, never
    retried."""


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    text: str
    html: str


@dataclass(frozen=True)
class QueuedEmail:
    key: str
    to: str
    rendered: RenderedEmail
    partnership_id: int | None = None


def _rows_of(partnership_id: int | None):
    """Outbox rows of no partnership (account e-mails, password-reset links among them) are
    visible in this module only (ADR 0009): the e-mail path opens them for itself."""
    from cases.tenancy import outbox_scope

    return outbox_scope() if partnership_id is None else nullcontext()


def email_render(template: str, context: dict) -> RenderedEmail:
    """templates/emails/<template>{_subject.txt,.txt,.html} with the site URL in the context."""
    ctx = {"site_url": settings.SITE_URL, **context}
    subject = " ".join(render_to_string(f"emails/{template}_subject.txt", ctx).split())
    return RenderedEmail(
        subject=(settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject)[:250],
        text=render_to_string(f"emails/{template}.txt", ctx),
        html=render_to_string(f"emails/{template}.html", ctx),
    )


def email_enqueue(
    *, key: str, to: str, template: str, context: dict, partnership=None, calendar: str = ""
) -> OutboundEmail | None:
    """Queue templates/emails/<template>{_subject.txt,.txt,.html}; None if the key was queued.
    `calendar`, an iCalendar object, goes with it as invite.ics (a meeting's invitation)."""
    rendered = email_render(template, context)
    try:
        with transaction.atomic(), _rows_of(getattr(partnership, "pk", partnership)):
            email = OutboundEmail.objects.create(
                partnership=partnership,
                key=key[:200],
                to=to,
                subject=rendered.subject,
                body_text=rendered.text,
                body_html=rendered.html,
                calendar=calendar,
            )
    except IntegrityError:
        return None
    partnership_id = email.partnership_id
    transaction.on_commit(lambda: _dispatch(email.pk, partnership_id))
    return email


def email_enqueue_many(emails: Sequence[QueuedEmail]) -> int:
    """Queue many e-mails in one INSERT (the reminder sweep); how many were new. A key already
    queued is skipped (ON CONFLICT DO NOTHING), so two sweeps at once queue each e-mail once.
    Rows go in key order, so two concurrent sweeps wait for each other instead of
    deadlocking."""
    if not emails:
        return 0
    rows = sorted(
        (
            OutboundEmail(
                partnership_id=e.partnership_id,
                key=e.key[:200],
                to=e.to,
                subject=e.rendered.subject,
                body_text=e.rendered.text,
                body_html=e.rendered.html,
            )
            for e in emails
        ),
        key=lambda row: row.key,
    )
    account_emails = any(row.partnership_id is None for row in rows)
    with _rows_of(None) if account_emails else nullcontext():
        inserted = insert_new(OutboundEmail, rows)
    by_partnership: dict[int | None, list[str]] = {}
    for row in rows:
        by_partnership.setdefault(row.partnership_id, []).append(row.key)
    for partnership_id, keys in by_partnership.items():
        transaction.on_commit(lambda p=partnership_id, k=keys: _dispatch_keys(k, p))
    return inserted


def _dispatch(email_id: int, partnership_id: int | None) -> None:
    from cases.tasks import send_outbound_email

    try:
        send_outbound_email.delay(email_id, partnership_id=partnership_id)
    except Exception:  # broker down: the sweep sends pending rows later
        log.exception("Could not queue e-mail %s; the outbox sweep will send it", email_id)


def _dispatch_keys(keys: list[str], partnership_id: int | None) -> None:
    with _rows_of(partnership_id):
        ids = list(
            OutboundEmail.objects.filter(
                key__in=keys, status=EmailStatus.PENDING, partnership_id=partnership_id
            )
            .order_by("pk")
            .values_list("pk", flat=True)
        )
    dispatch_many(ids, partnership_id)


def dispatch_many(email_ids: list[int], partnership_id: int | None) -> None:
    """Hand e-mails of one partnership (or of none) to the workers in chunks; a broker outage
    leaves them for the sweep. The task sends them inside that partnership's scope."""
    from cases.tasks import send_outbound_emails

    for start in range(0, len(email_ids), DISPATCH_CHUNK):
        chunk = email_ids[start : start + DISPATCH_CHUNK]
        try:
            send_outbound_emails.delay(chunk, partnership_id=partnership_id)
        except Exception:  # broker down: outbox_redispatch sends them later
            log.exception("Could not queue %d e-mails; the outbox sweep will send them", len(chunk))
            return


def outbox_redispatch(*, now: datetime.datetime, partnership_id: int | None) -> int:
    """Dispatch again one partnership's (or no partnership's) rows still pending after
    REDISPATCH_AFTER (their task was lost, e.g. the broker was down) and failed rows with attempts
    left. Sending claims each row, so a row dispatched twice is still sent once."""
    cutoff = now - REDISPATCH_AFTER
    with _rows_of(partnership_id):
        ids = list(
            OutboundEmail.objects.filter(partnership_id=partnership_id)
            .filter(
                Q(status=EmailStatus.PENDING, created_at__lt=cutoff)
                | Q(status=EmailStatus.FAILED, attempts__lt=MAX_ATTEMPTS, claimed_at__lt=cutoff)
            )
            .order_by("pk")
            .values_list("pk", flat=True)[:2000]
        )
    dispatch_many(ids, partnership_id)
    return len(ids)


def outbox_mark_uncertain(*, now: datetime.datetime, partnership_id: int | None) -> int:
    """Rows still "sending" longer than a task can run (uncertain_after): the worker died
    between sending and recording it, so the e-mail may or may not have gone. Never resent
    automatically (at most once); shown to the business managers."""
    with _rows_of(partnership_id):
        return OutboundEmail.objects.filter(
            partnership_id=partnership_id,
            status=EmailStatus.SENDING,
            claimed_at__lt=now - uncertain_after(),
        ).update(
            status=EmailStatus.UNCERTAIN,
            last_error="The sender stopped while sending: check with the recipient before "
            "resending.",
        )


def email_send(email_id: int) -> bool:
    """Claim and send one queued e-mail. At most once: a row is claimed before sending."""
    now = timezone.now()
    claimed = OutboundEmail.objects.filter(
        pk=email_id, status__in=[EmailStatus.PENDING, EmailStatus.FAILED]
    ).update(status=EmailStatus.SENDING, claimed_at=now)
    if claimed != 1:
        return False
    email = OutboundEmail.objects.get(pk=email_id)
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email.to],
        headers={"X-PRM-Outbox-Id": str(email.pk)},  # to trace a message back to its row
    )
    if email.body_html:
        message.attach_alternative(email.body_html, "text/html")
    if email.calendar:
        message.attach(calendar_part(email.calendar))
    try:
        message.send()
    except MaybeDelivered as exc:
        _record(email, EmailStatus.UNCERTAIN, f"{UNCERTAIN_TEXT} ({exc.__cause__ or exc})")
        log.warning("E-mail %s may have been delivered: %s", email_id, exc.__cause__ or exc)
        if isinstance(exc.__cause__, SoftTimeLimitExceeded):
            raise exc.__cause__ from None  # the batch stops here; the rest stay pending
        return False
    except SoftTimeLimitExceeded:
        # Before the relay took anything: nothing was sent, so the row may simply wait for
        # the next dispatch; the batch stops here.
        OutboundEmail.objects.filter(pk=email_id).update(status=EmailStatus.PENDING)
        raise
    except Exception as exc:  # noqa: BLE001 - nothing reached the relay: retried by the sweep
        _record(email, EmailStatus.FAILED, str(exc))
        log.warning("E-mail %s failed: %s", email_id, exc)
        return False
    OutboundEmail.objects.filter(pk=email_id).update(
        status=EmailStatus.SENT, sent_at=timezone.now(), attempts=email.attempts + 1
    )
    return True


def calendar_part(calendar: str) -> MIMEText:
    """invite.ics. Mail clients act on an invitation, an update or a cancellation by the part's
    method parameter, which must repeat the object's METHOD."""
    part = MIMEText(calendar, "calendar", "utf-8")
    found = re.search(r"^METHOD:([A-Z-]+)\r?$", calendar, re.MULTILINE)
    if found:
        part.set_param("method", found.group(1))
    part.add_header("Content-Disposition", "attachment", filename="invite.ics")
    return part


def _record(email: OutboundEmail, status: str, error: str) -> None:
    OutboundEmail.objects.filter(pk=email.pk).update(
        status=status, attempts=email.attempts + 1, last_error=error[:2000]
    )
