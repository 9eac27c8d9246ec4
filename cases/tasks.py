from celery import shared_task

from cases.emails import email_send


@shared_task(ignore_result=True)
def send_outbound_email(email_id: int) -> None:
    email_send(email_id)
