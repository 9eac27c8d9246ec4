"""Starting, changing and signing off a notification (Dorset 002 3.2-3.3)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from cases.audit import audit_created, diff, snapshot
from cases.errors import InvalidTransition
from cases.models import CaseStage, Deadline, Membership, SignOffStatus, SubjectRole, User
from cases.services.cases import case_create, case_stage_set, case_update
from cases.services.deadlines import stage_recompute, stage_start
from cases.services.notices import notice_create
from cases.services.signoff import (
    COMMENTS_LIMIT,
    signoff_resubmit,
    signoff_start,
    signoff_withdraw,
)
from cases.signoff import signoffs_of_document
from notifications import permissions
from notifications.choices import (
    LIVE_STATUSES,
    AbuseOrNeglect,
    CareStatus,
    Harm,
    Location,
    NotificationStatus,
)
from notifications.from_referral import referral_answers, referral_of_case
from notifications.models import MAX_CHILDREN, NotificationChild, SeriousIncidentNotification
from notifications.services._common import audit, locked, require

S = NotificationStatus
DOCUMENT_TYPE = "notification"
STAGE = "notification"
ANSWER_FIELDS = (
    "other_children",
    "incident_date",
    "awareness_date",
    "location",
    "care_status",
    "abuse_or_neglect",
    "harm",
    "characteristics",
    "characteristics_other",
    "outline",
    "immediate_action",
    "learning",
    "criteria",
)
CHILD_FIELDS = (
    "first_name",
    "last_name",
    "date_of_birth",
    "date_of_death",
    "sex",
    "ethnicity",
    "nhs_number",
    "address",
)
# Where the case may be when a notification starts: awaiting it (the executive agreed, or the
# review group decided to notify), at it, or still in triage (the local authority may notify
# independently of the partnership's process: Lincolnshire 000 Appendix B).
STARTABLE_STAGES = (CaseStage.AWAITING_NOTIFICATION, CaseStage.NOTIFICATION, CaseStage.TRIAGE)


def _prefill(case) -> dict:
    answers = {"incident_date": case.incident_date, "awareness_date": case.awareness_date}
    referral = referral_of_case(case)
    answers.update({k: v for k, v in referral_answers(referral).items() if v not in (None, "")})
    if answers.get("awareness_date") is None and referral is not None:
        answers["awareness_date"] = referral.received_on
    return answers


def _child_rows(case) -> list[dict]:
    children = case.subjects.filter(role=SubjectRole.CHILD, archived_at__isnull=True).order_by(
        "pk"
    )[:MAX_CHILDREN]
    return [
        {
            "subject_id": s.pk,
            **{
                f: getattr(s, f) if getattr(s, f) is not None or f.startswith("date") else ""
                for f in CHILD_FIELDS
            },
        }
        for s in children
    ]


def _start_clock(*, actor, case, day_zero: datetime.date | None) -> None:
    if day_zero and not Deadline.objects.filter(case=case, stage=STAGE).exists():
        stage_start(actor=actor, case=case, stage=STAGE, day_zero=day_zero)


@transaction.atomic
def notification_start(
    *, actor: User, membership: Membership, case=None, title: str = "", awareness_date=None
) -> SeriousIncidentNotification:
    """Start the case's notification, its answers taken from the case and its referral. Without
    a case (the local authority notifies without a referral), a case is opened first."""
    require(permissions.can_draft_notifications(membership), permissions.NOT_ALLOWED)
    if case is None:
        errors = {}
        if not title.strip():
            errors["title"] = "Enter a short title that does not identify the child"
        if awareness_date is None:
            errors["awareness_date"] = "Enter the date the local authority became aware"
        if errors:
            raise ValidationError(errors)
        agencies = [membership.agency] if membership.agency_id else []
        case = case_create(
            actor=actor,
            membership=membership,
            title=title.strip(),
            awareness_date=awareness_date,
            agencies=agencies,
            stage=CaseStage.AWAITING_NOTIFICATION,
            check_permission=False,
        )
    require(permissions.can_manage_notification(membership, case), permissions.NOT_ALLOWED)
    if case.stage not in STARTABLE_STAGES:
        raise InvalidTransition(
            f"A notification cannot start while the case is at “{case.get_stage_display()}”."
        )
    if SeriousIncidentNotification.objects.filter(case=case, status__in=LIVE_STATUSES).exists():
        raise InvalidTransition(f"{case.reference} already has a notification in progress.")
    answers = _prefill(case)
    notification = SeriousIncidentNotification.objects.create(
        partnership_id=case.partnership_id,
        case=case,
        created_by=actor,
        **{k: v for k, v in answers.items() if k in ANSWER_FIELDS or k == "referral_id"},
    )
    _children_from_case(notification)
    audit_created(
        actor=actor,
        partnership=case.partnership,
        obj=notification,
        case=case,
        action="notification.start",
    )
    case_stage_set(
        actor=actor, case=case, stage=CaseStage.NOTIFICATION, reason="Notification started"
    )
    _start_clock(actor=actor, case=case, day_zero=notification.awareness_date)
    return notification


def _children_from_case(notification: SeriousIncidentNotification) -> None:
    """A notification with no child yet takes the case's children: at the start, and after a
    notification started without a referral has had its child added to the case."""
    if notification.children.exists():
        return
    case = notification.case
    for n, row in enumerate(_child_rows(case), start=1):
        NotificationChild.objects.create(
            partnership_id=case.partnership_id, notification=notification, position=n, **row
        )


def _validate_children(children) -> list[dict]:
    if not isinstance(children, list) or not all(isinstance(c, dict) for c in children):
        raise ValidationError({"children": "Give the children as a list"})
    if len(children) > MAX_CHILDREN:
        raise ValidationError(
            {"children": f"Name up to {MAX_CHILDREN} children; note any others below"}
        )
    rows = []
    for child in children:
        unknown = set(child) - set(CHILD_FIELDS) - {"subject_id"}
        if unknown:
            raise ValidationError(
                {"children": f"Unknown child fields: {', '.join(sorted(unknown))}"}
            )
        if not str(child.get("first_name") or "").strip():
            raise ValidationError({"children": "Enter each child's first name"})
        rows.append(child)
    return rows


@transaction.atomic
def notification_update(
    *,
    actor: User,
    membership: Membership,
    notification: SeriousIncidentNotification,
    children=None,
    **answers,
) -> SeriousIncidentNotification:
    """Change the draft's answers (and, if given, its children)."""
    unknown = set(answers) - set(ANSWER_FIELDS)
    if unknown:
        raise ValueError(f"Not part of the notification: {', '.join(sorted(unknown))}")
    require(
        permissions.can_manage_notification(membership, notification.case), permissions.NOT_ALLOWED
    )
    notification = locked(notification)
    if not notification.is_editable:
        raise InvalidTransition(
            f"The notification is {notification.get_status_display().lower()}: it cannot be"
            " changed now."
        )
    if children is None:
        _children_from_case(notification)
    before = snapshot(notification, ANSWER_FIELDS)
    for name, value in answers.items():
        setattr(notification, name, "" if value is None and name not in _DATES else value)
    errors = _answer_errors(notification, complete=False)
    rows = _validate_children(children) if children is not None else None
    if errors:
        raise ValidationError(errors)
    notification.save()
    changes = diff(before, snapshot(notification, ANSWER_FIELDS))
    if rows is not None:
        old = [str(c) for c in notification.children.all()]
        notification.children.all().delete()
        for n, row in enumerate(rows, start=1):
            NotificationChild.objects.create(
                partnership_id=notification.partnership_id,
                notification=notification,
                position=n,
                **{k: v for k, v in row.items() if v is not None or k.startswith("date")},
            )
        new = [str(c) for c in notification.children.all()]
        if old != new:
            changes["children"] = [len(old), len(new)]
    if changes:
        audit(
            actor=actor, obj=notification, case=notification.case, action="update", changes=changes
        )
    if "awareness_date" in changes and notification.awareness_date:
        case = notification.case
        if case.awareness_date != notification.awareness_date:
            # The case owns the date (its page and the clock read it): one fact, changed
            # through the case's service so it is audited on the case too.
            case_update(
                actor=actor,
                membership=membership,
                case=case,
                awareness_date=notification.awareness_date,
                check_permission=False,
            )
        if Deadline.objects.filter(case=case, stage=STAGE).exists():
            stage_recompute(
                actor=actor,
                case=case,
                stage=STAGE,
                day_zero=notification.awareness_date,
                reason="The notification's date the local authority became aware was corrected",
            )
        else:
            _start_clock(actor=actor, case=case, day_zero=notification.awareness_date)
    return notification


_DATES = ("incident_date", "awareness_date")


def _answer_errors(n: SeriousIncidentNotification, *, complete: bool) -> dict:
    """The national form's rules; `complete` adds what must be answered before sign-off."""
    from django.utils import timezone

    errors = {}
    today = timezone.localdate()
    if n.incident_date and n.incident_date > today:
        errors["incident_date"] = "Date of the incident must be today or in the past"
    if n.awareness_date and n.awareness_date > today:
        errors["awareness_date"] = (
            "Date the local authority became aware must be today or in the past"
        )
    if n.incident_date and n.awareness_date and n.awareness_date < n.incident_date:
        errors["awareness_date"] = (
            "Date the local authority became aware must be the same as or after the date of"
            " the incident"
        )
    for name, choices in (
        ("location", Location),
        ("care_status", CareStatus),
        ("abuse_or_neglect", AbuseOrNeglect),
        ("harm", Harm),
    ):
        if getattr(n, name) and getattr(n, name) not in choices.values:
            errors[name] = "Select one of the options"
    if not isinstance(n.characteristics, list):
        errors["characteristics"] = "Select the characteristics from the list"
    if not complete:
        return errors
    required = {
        "incident_date": "Enter the date of the incident",
        "awareness_date": "Enter the date the local authority became aware",
        "location": "Select where the incident happened",
        "care_status": "Select whether the child is in care or a care leaver",
        "abuse_or_neglect": "Select whether abuse or neglect is known or suspected",
        "harm": "Select whether the child died or was seriously harmed",
        "outline": "Enter an outline of the incident",
        "immediate_action": "Enter the immediate action taken",
        "criteria": "Enter how the incident meets the criteria of section 16C(1)",
    }
    for name, message in required.items():
        if name not in errors and not (
            getattr(n, name).strip() if isinstance(getattr(n, name), str) else getattr(n, name)
        ):
            errors[name] = message
    if (
        n.abuse_or_neglect == AbuseOrNeglect.NEITHER
        and not n.is_child_in_care_death
        and "abuse_or_neglect" not in errors
    ):
        errors["abuse_or_neglect"] = (
            "A notification is needed only where abuse or neglect is known or suspected (or a"
            " child in care has died)"
        )
    return errors


def completeness_errors(notification: SeriousIncidentNotification) -> dict:
    errors = _answer_errors(notification, complete=True)
    if not notification.children.exists():
        errors["children"] = "Enter the child the notification is about"
    return errors


def current_sign_off(notification):
    return signoffs_of_document(notification, DOCUMENT_TYPE).first()


@transaction.atomic
def notification_send_for_sign_off(
    *, actor: User, membership: Membership, notification: SeriousIncidentNotification
):
    """Send the complete draft up the partnership's notification chain (Dorset 002 3.2-3.3);
    a draft the chain returned is resubmitted as a new version."""
    require(
        permissions.can_manage_notification(membership, notification.case), permissions.NOT_ALLOWED
    )
    notification = locked(notification)
    if notification.status != S.DRAFT:
        raise InvalidTransition(
            f"The notification is {notification.get_status_display().lower()}: only a draft"
            " goes to sign-off."
        )
    _children_from_case(notification)
    errors = completeness_errors(notification)
    if errors:
        raise ValidationError(errors)
    running = current_sign_off(notification)
    if running is not None and running.status == SignOffStatus.RETURNED:
        sign_off = signoff_resubmit(actor=actor, membership=membership, sign_off=running)
    else:
        sign_off = signoff_start(
            actor=actor,
            membership=membership,
            case=notification.case,
            document_type=DOCUMENT_TYPE,
            document=notification,
        )
    _set_status(actor, notification, S.IN_SIGN_OFF)
    notification_sync(actor=actor, notification=notification)
    return sign_off


def _set_status(actor, notification, status: str, note: str = "", **fields) -> None:
    changes = {"status": [notification.status, status]}
    notification.status = status
    for name, value in fields.items():
        changes[name] = [None, value.isoformat() if hasattr(value, "isoformat") else str(value)]
        setattr(notification, name, value)
    notification.save()
    audit(
        actor=actor,
        obj=notification,
        case=notification.case,
        action="status",
        changes=changes,
        note=note,
    )


# The notification's status while its chain is in each state.
CHAIN_STATUS = {
    SignOffStatus.IN_PROGRESS: S.IN_SIGN_OFF,
    SignOffStatus.RETURNED: S.DRAFT,
    SignOffStatus.SIGNED_OFF: S.READY,
    SignOffStatus.WITHDRAWN: S.DRAFT,
}


@transaction.atomic
def notification_sync(*, actor, notification: SeriousIncidentNotification):
    """Follow the sign-off chain (the chain never changes its document, docs/sign-off.md): a
    chain signed off makes the notification ready to submit; a return or a withdrawal makes it
    a draft again. Idempotent; called by the pages, the API and the services."""
    if notification.status not in (S.DRAFT, S.IN_SIGN_OFF, S.READY):
        return notification
    sign_off = current_sign_off(notification)
    if sign_off is None:
        return notification
    wanted = CHAIN_STATUS.get(sign_off.status)
    if wanted is None or wanted == notification.status:
        return notification
    notification = locked(notification)
    if notification.status != wanted:
        _set_status(
            actor if getattr(actor, "pk", None) else None,
            notification,
            wanted,
            note=f"The sign-off is {sign_off.get_status_display().lower()}",
        )
    return notification


WITHDRAW_REASON_MISSING = "Enter why you are withdrawing the notification"


@transaction.atomic
def notification_withdraw(
    *, actor: User, membership: Membership, notification: SeriousIncidentNotification, reason: str
) -> SeriousIncidentNotification:
    require(
        permissions.can_manage_notification(membership, notification.case), permissions.NOT_ALLOWED
    )
    if not reason.strip():
        raise ValidationError({"reason": WITHDRAW_REASON_MISSING})
    notification = locked(notification)
    if notification.status not in LIVE_STATUSES:
        raise InvalidTransition(
            f"The notification is {notification.get_status_display().lower()}: it cannot be"
            " withdrawn."
        )
    running = current_sign_off(notification)
    if running is not None and running.status in (
        SignOffStatus.IN_PROGRESS,
        SignOffStatus.RETURNED,
    ):
        # The chain goes with its document, in the same transaction: no one is left waiting to
        # sign off a notification that will not be made (who may was checked above).
        signoff_withdraw(
            actor=actor,
            membership=membership,
            sign_off=running,
            comments=f"The notification was withdrawn: {reason.strip()}"[:COMMENTS_LIMIT],
            check_permission=False,
        )
    _set_status(actor, notification, S.WITHDRAWN, note=reason, withdrawn_reason=reason.strip())
    return notification


@transaction.atomic
def notification_child_in_care_notice(
    *, actor: User, membership: Membership, notification: SeriousIncidentNotification
):
    """A child in care died: the separate notice to the Secretary of State and Ofsted within 5
    working days (BCP 003 5 c; Dorset 002 1.4), through the core's statutory notices."""
    from cases.models import Notice, NoticeKind, NoticeStatus

    require(
        permissions.can_manage_notification(membership, notification.case), permissions.NOT_ALLOWED
    )
    if not notification.is_child_in_care_death:
        raise InvalidTransition("The notification is not about the death of a child in care.")
    existing = Notice.objects.filter(
        case=notification.case, kind=NoticeKind.CHILD_IN_CARE_DEATH
    ).exclude(status=NoticeStatus.CANCELLED)
    if existing.exists():
        raise InvalidTransition("The case already has a notice of a child in care's death.")
    return notice_create(
        actor=actor,
        membership=membership,
        case=notification.case,
        kind=NoticeKind.CHILD_IN_CARE_DEATH,
        check_permission=False,
    )
