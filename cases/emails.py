"""The one e-mail path: queue in the outbox inside the caller's transaction, send after commit.

E-mails carry references, steps, dates and links, never a child's name, NHS number or incident
details: templates get only what the caller passes, and callers pass no personal details.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from cases.models import EmailStatus, OutboundEmail

log = logging.getLogger(__name__)


def email_enqueue(
    *, key: str, to: str, template: str, context: dict, partnership=None
) -> OutboundEmail | None:
    """Queue templates/emails/<template>{_subject.txt,.txt,.html}; None if the key was queued."""
    ctx = {"site_url": settings.SITE_URL, **context}
    subject = " ".join(render_to_string(f"emails/{template}_subject.txt", ctx).split())
    text = render_to_string(f"emails/{template}.txt", ctx)
    html = render_to_string(f"emails/{template}.html", ctx)
    try:
        with transaction.atomic():
            email = OutboundEmail.objects.create(
                partnership=partnership,
                key=key[:200],
                to=to,
                subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject,
                body_text=text,
                body_html=html,
            )
    except IntegrityError:
        return None
    transaction.on_commit(lambda: _dispatch(email.pk))
    return email


def _dispatch(email_id: int) -> None:
    from cases.tasks import send_outbound_email

    try:
        send_outbound_email.delay(email_id)
    except Exception:  # broker down: the sweep sends pending rows later
        log.exception("Could not queue e-mail %s; the outbox sweep will send it", email_id)


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
    )
    if email.body_html:
        message.attach_alternative(email.body_html, "text/html")
    try:
        message.send()
    except Exception as exc:  # noqa: BLE001 - recorded and retried by the sweep
        OutboundEmail.objects.filter(pk=email_id).update(
            status=EmailStatus.FAILED, attempts=email.attempts + 1, last_error=str(exc)[:2000]
        )
        log.warning("E-mail %s failed: %s", email_id, exc)
        return False
    OutboundEmail.objects.filter(pk=email_id).update(
        status=EmailStatus.SENT, sent_at=timezone.now(), attempts=email.attempts + 1
    )
    return True
