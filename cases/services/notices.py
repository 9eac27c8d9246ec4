"""Statutory notices (cases.models.notices): one service per transition, used by the pages, the
API and the stage apps alike.

    notice_create       a notice is due: its kind, recipients (by default the partnership's
                        for that kind), what is to be sent and when (a clock step's due date,
                        or a date entered)
    notice_record_sent  it went: when, by whom, with what evidence; meets its clock step
    notice_cancel       it is not needed after all, with the reason
    notices_follow_awareness  the case's awareness date changed: the due notices counted
                        from it (and not from a clock step) are due on the new date

A stage app creates the notices its stage needs with check_permission=False (docs/notices.md).
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from cases import permissions
from cases.audit import audit_record, snapshot
from cases.clock import calendar_for
from cases.errors import InvalidTransition
from cases.extensions import notice_sent
from cases.models import (
    Attachment,
    Case,
    Deadline,
    DeadlineStatus,
    Membership,
    Notice,
    NoticeDocument,
    NoticeKind,
    NoticeRecipient,
    NoticeStatus,
    Partnership,
    User,
)
from cases.models.notices import (
    DEFAULT_RECIPIENTS,
    KIND_STEPS,
    KIND_WORKING_DAYS_AFTER_AWARENESS,
    KINDS_NEEDING_REASONS,
)
from cases.services.deadlines import deadline_meet
from cases.services.documents import attachment_store

NOT_ALLOWED = "Only a business manager or the local authority can record statutory notices."


def notice_default_recipients(partnership: Partnership, kind: str) -> list[str]:
    """Who a kind of notice goes to: the partnership's setting (workflow `notice_recipients`)
    where it has one for the kind, otherwise the usual bodies (DEFAULT_RECIPIENTS)."""
    workflow = partnership.workflow if isinstance(partnership.workflow, dict) else {}
    configured = workflow.get("notice_recipients")
    if isinstance(configured, dict) and isinstance(configured.get(kind), list):
        return [r for r in configured[kind] if r in NoticeRecipient.values]
    return [str(r) for r in DEFAULT_RECIPIENTS.get(kind, ())]


def notice_clock_deadline(case: Case, kind: str) -> Deadline | None:
    """The open clock step a kind of notice usually meets on this case (KIND_STEPS), if the
    stage is running and the partnership's settings have the step."""
    step = KIND_STEPS.get(kind)
    if step is None:
        return None
    stage, key = step
    return Deadline.objects.filter(
        case=case, stage=stage, key=key, status=DeadlineStatus.OPEN
    ).first()


def _check_permission(membership: Membership | None, case: Case, check: bool) -> None:
    if check and (membership is None or not permissions.can_manage_notices(membership, case)):
        raise PermissionDenied(NOT_ALLOWED)


def _recipients(value, errors: dict) -> list[str]:
    result = []
    for key in value:
        if key not in NoticeRecipient.values:
            errors["recipients"] = "Select who the notice goes to from the list"
        elif key not in result:
            result.append(key)
    return result


def _case_documents(case: Case, documents, field: str, errors: dict) -> list[Attachment]:
    documents = list(documents or ())
    if any(d.case_id != case.pk or d.archived_at is not None for d in documents):
        errors[field] = "Choose documents of this case"
    return documents


def _audit(*, actor, notice: Notice, action: str, changes: dict, note: str = "") -> None:
    audit_record(
        actor=actor,
        partnership=notice.case.partnership,
        action=action,
        obj=notice,
        case=notice.case,
        changes=changes,
        note=note,
    )


@transaction.atomic
def notice_create(
    *,
    actor: User,
    membership: Membership | None,
    case: Case,
    kind: str,
    recipients: list[str] | None = None,
    other_partnership: str = "",
    description: str = "",
    documents=(),
    deadline: Deadline | None = None,
    due_date: datetime.date | None = None,
    reason: str = "",
    check_permission: bool = True,
) -> Notice:
    """Record that a notice is due. Without recipients, the partnership's for the kind; without
    a step or a date, the kind's usual clock step on this case (KIND_STEPS) gives the due date,
    or for a child in care's death 5 working days after the local authority became aware."""
    _check_permission(membership, case, check_permission)
    errors: dict[str, str] = {}
    if kind not in NoticeKind.values:
        raise ValidationError({"kind": "Select the kind of notice"})
    if not recipients:
        recipients = notice_default_recipients(case.partnership, kind)
    recipients = _recipients(recipients, errors)
    if not recipients and "recipients" not in errors:
        errors["recipients"] = "Select who the notice goes to"
    other_partnership = (other_partnership or "").strip()
    if NoticeRecipient.OTHER_PARTNERSHIP not in recipients:
        other_partnership = ""
    elif not other_partnership:
        errors["other_partnership"] = "Enter which partnership the notice goes to"
    if kind in KINDS_NEEDING_REASONS and not (reason or "").strip():
        errors["reason"] = "Enter the reasons for the delay"
    if deadline is not None:
        if deadline.case_id != case.pk:
            errors["deadline"] = "Choose a step of this case"
        elif due_date is not None and due_date != deadline.due:
            errors["due_date"] = "Enter a due date or choose a step, not both"
        else:
            due_date = deadline.due
    elif due_date is None:
        deadline = notice_clock_deadline(case, kind)
        due_date = deadline.due if deadline is not None else awareness_due_date(case, kind)
    documents = _case_documents(case, documents, "documents", errors)
    if errors:
        raise ValidationError(errors)
    notice = Notice(
        partnership_id=case.partnership_id,
        case=case,
        kind=kind,
        recipients=recipients,
        other_partnership=other_partnership,
        description=description or "",
        deadline=deadline,
        due_date=due_date,
        reason=reason or "",
        created_by=actor,
    )
    notice.full_clean()
    notice.save()
    _add_documents(notice, documents)
    after = {k: v for k, v in snapshot(notice).items() if v not in (None, "", [], {})}
    changes = {k: [None, v] for k, v in after.items()}
    if documents:
        changes["documents"] = [None, [d.pk for d in documents]]
    _audit(actor=actor, notice=notice, action="notice.create", changes=changes)
    return notice


def awareness_due_date(case: Case, kind: str) -> datetime.date | None:
    if kind not in KIND_WORKING_DAYS_AFTER_AWARENESS or not case.awareness_date:
        return None
    return calendar_for(case.partnership).add_working_days(
        case.awareness_date, KIND_WORKING_DAYS_AFTER_AWARENESS[kind]
    )


@transaction.atomic
def notices_follow_awareness(*, actor: User, case: Case) -> list[Notice]:
    """Called by case_update when the case's awareness date changed: each notice still due
    whose date was counted from it (KIND_WORKING_DAYS_AFTER_AWARENESS, no clock step) moves,
    audited. Those with a step move with the step (stage_recompute)."""
    moved = []
    due = Notice.objects.select_for_update().filter(
        case=case,
        status=NoticeStatus.DUE,
        deadline__isnull=True,
        kind__in=list(KIND_WORKING_DAYS_AFTER_AWARENESS),
    )
    for notice in due:
        new = awareness_due_date(case, notice.kind)
        if new is None or new == notice.due_date:
            continue
        before = notice.due_date.isoformat() if notice.due_date else None
        notice.due_date = new
        notice.save(update_fields=["due_date", "updated_at"])
        _audit(
            actor=actor,
            notice=notice,
            action="notice.due_moved",
            changes={"due_date": [before, new.isoformat()]},
            note="The date the local authority became aware was changed on the case",
        )
        moved.append(notice)
    return moved


def _add_documents(notice: Notice, documents: list[Attachment]) -> list[int]:
    """Add documents to the notice's; returns the ids that were new."""
    have = set(NoticeDocument.objects.filter(notice=notice).values_list("attachment_id", flat=True))
    new = [d for d in documents if d.pk not in have]
    NoticeDocument.objects.bulk_create(
        NoticeDocument(partnership_id=notice.partnership_id, notice=notice, attachment=d)
        for d in new
    )
    return [d.pk for d in new]


@transaction.atomic
def notice_record_sent(
    *,
    actor: User,
    membership: Membership | None,
    notice: Notice,
    sent_on: datetime.date | None,
    sent_by_name: str = "",
    evidence: Attachment | None = None,
    evidence_file=None,
    documents=(),
    description: str = "",
    check_permission: bool = True,
) -> Notice:
    """The notice went: on `sent_on` (today or before), by the actor or `sent_by_name` (someone
    else may send it: Dorset 002 1.4), with optional evidence (a document of the case, or a file
    uploaded now) and the documents sent. Meets the clock step the notice is linked to."""
    case = notice.case
    _check_permission(membership, case, check_permission)
    notice = (
        Notice.objects.select_for_update(of=("self",))
        .select_related("case", "deadline")
        .get(pk=notice.pk)
    )
    if notice.status != NoticeStatus.DUE:
        raise InvalidTransition(
            f"This notice is {notice.get_status_display().lower()}: only a notice that is due"
            " can be recorded as sent."
        )
    errors: dict[str, str] = {}
    if sent_on is None:
        errors["sent_on"] = "Enter the date the notice was sent"
    if evidence is not None and evidence_file is not None:
        errors["evidence"] = "Choose a document or upload a file, not both"
    if evidence is not None and (evidence.case_id != case.pk or evidence.archived_at is not None):
        errors["evidence"] = "Choose a document of this case"
    documents = _case_documents(case, documents, "documents", errors)
    if errors:
        raise ValidationError(errors)
    before = snapshot(notice, SENT_FIELDS)
    notice.status = NoticeStatus.SENT
    notice.sent_on = sent_on
    notice.sent_by = actor
    notice.sent_by_name = (sent_by_name or "").strip()
    if description and description.strip():
        notice.description = description.strip()
    notice.full_clean()  # the date sent is today or in the past (Notice.clean)
    if evidence_file is not None:
        try:
            evidence = attachment_store(
                actor=actor,
                case=case,
                uploaded=evidence_file,
                description=f"Evidence: {notice.get_kind_display()}"[:255],
            )
        except ValidationError as exc:
            raise ValidationError({"evidence_file": exc.messages}) from exc
    notice.evidence = evidence
    notice.save()
    added = _add_documents(notice, documents)
    changes = {
        k: [before.get(k), v]
        for k, v in snapshot(notice, SENT_FIELDS).items()
        if before.get(k) != v
    }
    if added:
        changes["documents"] = [None, added]
    _audit(actor=actor, notice=notice, action="notice.sent", changes=changes)
    if notice.deadline_id:
        deadline_meet(
            actor=actor,
            case=case,
            stage=notice.deadline.stage,
            key=notice.deadline.key,
            met_on=sent_on,
        )
    notice_sent(actor, notice)
    return notice


SENT_FIELDS = ("status", "sent_on", "sent_by", "sent_by_name", "evidence", "description")


@transaction.atomic
def notice_cancel(
    *,
    actor: User,
    membership: Membership | None,
    notice: Notice,
    reason: str,
    check_permission: bool = True,
) -> Notice:
    """The notice is not needed (the report is published after all, a duplicate): with why.
    Its clock step stays as it was (waive it on the case page if it is not needed either)."""
    _check_permission(membership, notice.case, check_permission)
    if not (reason or "").strip():
        raise ValidationError({"reason": "Enter why the notice is cancelled"})
    notice = Notice.objects.select_for_update().select_related("case").get(pk=notice.pk)
    if notice.status != NoticeStatus.DUE:
        raise InvalidTransition(
            f"This notice is {notice.get_status_display().lower()}: only a notice that is due"
            " can be cancelled."
        )
    notice.status = NoticeStatus.CANCELLED
    notice.cancelled_reason = reason.strip()
    notice.cancelled_at = timezone.now()
    notice.cancelled_by = actor
    notice.save(
        update_fields=[
            "status",
            "cancelled_reason",
            "cancelled_at",
            "cancelled_by",
            "updated_at",
        ]
    )
    _audit(
        actor=actor,
        notice=notice,
        action="notice.cancel",
        changes={"status": [NoticeStatus.DUE.value, NoticeStatus.CANCELLED.value]},
        note=notice.cancelled_reason,
    )
    return notice
