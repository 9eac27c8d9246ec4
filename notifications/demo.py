"""Demo serious incident notifications for cases.demo (entirely fictitious people): Dorset's
local authority drafting one, and Lincolnshire's signed off through its chain and ready to
submit, and a second one submitted with its copies: the business manager's ticked off, the
safeguarding partners' still due. Made through the services, as a business manager would (no
demo member is a local-authority SLO)."""

import datetime

from django.utils import timezone

from cases.models import Role, SignOffStatus
from cases.permissions import can_act_on_signoff
from cases.services.signoff import signoff_approve
from notifications.choices import NotificationStatus
from notifications.services import copies, drafts, submission

ANSWERS = {
    "location": "in_area",
    "care_status": "no",
    "abuse_or_neglect": "suspected",
    "harm": "serious_harm",
    "outline": "Fictitious demonstration incident. No real person is described.",
    "immediate_action": "Demo: the child's siblings were placed with family under a safety plan.",
    "learning": "Demo: information sharing between the school and the health visitor.",
    "criteria": "Demo: serious harm; neglect is suspected; the child normally lives in the area.",
}


def _child(index: int, code: str) -> dict:
    from cases.demo import test_nhs_number

    return {
        "first_name": "Demo",
        "last_name": f"Notified {code}",
        "date_of_birth": datetime.date(2018, 6, 1 + index),
        "nhs_number": test_nhs_number(7000 + index * 10),
        "sex": "not_known",
        "ethnicity": "not_declared",
    }


def _draft(index: int, code: str, partnership, bm, *, days_ago: int, complete: bool):
    aware = timezone.localdate() - datetime.timedelta(days=days_ago)
    notification = drafts.notification_start(
        actor=bm.user,
        membership=bm,
        title=f"Child {code[0]}N (demo notification)",
        awareness_date=aware,
    )
    answers = {"incident_date": aware - datetime.timedelta(days=1)}
    if complete:
        answers.update(ANSWERS)
    else:
        answers["outline"] = "Demo draft: the Head of QA is still writing it."
    return drafts.notification_update(
        actor=bm.user,
        membership=bm,
        notification=notification,
        children=[_child(index, code)],
        **answers,
    )


def _sign_off(notification, bm, members: dict):
    """Send it up the partnership's chain; each step approved by a demo member it names."""
    sign_off = drafts.notification_send_for_sign_off(
        actor=bm.user, membership=bm, notification=notification
    )
    while sign_off.status == SignOffStatus.IN_PROGRESS:
        who = next((m for m in members.values() if can_act_on_signoff(m, sign_off)), None)
        if who is None:  # no demo member holds this step's role: leave it in sign-off
            break
        sign_off = signoff_approve(actor=who.user, membership=who, sign_off=sign_off)
    return drafts.notification_sync(actor=bm.user, notification=notification)


def load_demo_notifications(index: int, code: str, partnership, members: dict) -> None:
    bm = members.get(Role.BUSINESS_MANAGER)
    if bm is None:
        return
    if partnership.slug == "dorset":
        _draft(index, code, partnership, bm, days_ago=1, complete=False)
    elif partnership.slug == "lincolnshire":
        notification = _draft(index, code, partnership, bm, days_ago=2, complete=True)
        _sign_off(notification, bm, members)
        _submitted_with_copies(index + 5, code, partnership, bm, members)


def _submitted_with_copies(index: int, code: str, partnership, bm, members: dict) -> None:
    notification = _draft(index, code, partnership, bm, days_ago=3, complete=True)
    notification = _sign_off(notification, bm, members)
    if notification.status != NotificationStatus.READY:
        return
    notification = submission.notification_submit(
        actor=bm.user,
        membership=bm,
        notification=notification,
        submitted_at=timezone.now(),
        national_reference="DEMO-0001",
    )
    first = copies.live_copies(notification).first()
    copies.copies_mark_sent(
        actor=bm.user,
        membership=bm,
        notification=notification,
        copies=[first],
        sent_on=timezone.localdate(),
    )
