"""Celery tasks: thin, each loads by id and calls a service. The periodic schedule is in
config/celery.py (app.conf.beat_schedule), the one place for it."""

from celery import shared_task

from cases.emails import email_send
from cases.tasks_base import OutboxTask, PartnershipTask, SystemTask


@shared_task(base=OutboxTask, ignore_result=True)
def send_outbound_email(email_id: int, partnership_id: int | None = None) -> None:
    email_send(email_id)


@shared_task(base=OutboxTask, ignore_result=True)
def send_outbound_emails(email_ids: list[int], partnership_id: int | None = None) -> None:
    for email_id in email_ids:
        email_send(email_id)


@shared_task(base=SystemTask, ignore_result=True, name="cases.tasks.reminders_sweep")
def reminders_sweep() -> None:
    from cases.services.reminders import reminders_sweep as sweep

    sweep()


@shared_task(base=PartnershipTask, ignore_result=True)
def render_document(document_id: int, partnership_id: int) -> None:
    from cases.rendered.services import document_render

    document_render(document_id)
