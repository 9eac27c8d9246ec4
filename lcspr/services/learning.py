"""Learning reviews (BCP 003 Appendix A): the business manager starts one from the case page,
choosing from the partnership's menu (`learning_options`; Swindon 001 "strongly advises
against" non-statutory reviews, so its menu is short); the option's timescale gives the due date
and a step in the case's `learning_review` stage, so its reminders come through the clock; it
is completed with the summary of learning report. Its terms of reference or lines of enquiry
are versioned and approved by its governance body (lcspr.services.learning_terms); its family
engagement is the LCSPR's (lcspr.services.family)."""

import dataclasses
import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from cases.audit import audit_record
from cases.clock import calendar_for
from cases.errors import InvalidTransition
from cases.models import Case, CaseStage, Deadline, Membership, User
from cases.services.cases import case_stage_set
from cases.services.deadlines import deadline_meet, unsaved_deadlines
from cases.workflow import compute_learning_option_deadline
from lcspr import permissions
from lcspr.choices import LearningReviewStatus
from lcspr.models import LearningReview

STAGE = "learning_review"
TEXT_LIMIT = 10000


def learning_menu(partnership) -> dict[str, dict]:
    return {o["key"]: o for o in (partnership.workflow or {}).get("learning_options", [])}


def step_key(review: LearningReview) -> str:
    """Its step in the case's `learning_review` stage (a case may have more than one)."""
    return f"learning_review_{review.pk}"


def live_learning_review(case: Case) -> LearningReview | None:
    return LearningReview.objects.filter(case=case, status=LearningReviewStatus.IN_PROGRESS).first()


def _text(value) -> str:
    return (value or "").strip()


@transaction.atomic
def learning_review_start(
    *,
    actor: User,
    membership: Membership,
    case: Case,
    option: str,
    day_zero: datetime.date | None,
    lines_of_enquiry: str,
    lead: str = "",
    governance: str = "",
) -> LearningReview:
    if not permissions.can_manage_lcspr(membership, case):
        raise PermissionDenied(permissions.NOT_ALLOWED)
    Case.objects.select_for_update().filter(pk=case.pk).first()
    if live_learning_review(case) is not None:
        raise InvalidTransition("A learning review of this case is already in progress.")
    menu = learning_menu(case.partnership)
    if not menu:
        raise InvalidTransition(
            "The partnership's settings offer no learning reviews (learning_options)."
        )
    chosen = menu.get(option)
    lines_of_enquiry = _text(lines_of_enquiry)
    lead = _text(lead) or (chosen or {}).get("lead", "")
    governance = _text(governance) or (chosen or {}).get("governance", "")
    errors = {}
    if chosen is None:
        errors["option"] = "Select the type of learning review"
    if day_zero is None:
        errors["day_zero"] = "Enter the date of the decision to undertake the learning review"
    elif day_zero > timezone.localdate():
        errors["day_zero"] = "The date of the decision must be today or in the past"
    if not lines_of_enquiry:
        errors["lines_of_enquiry"] = "Enter the terms of reference or lines of enquiry"
    elif len(lines_of_enquiry) > TEXT_LIMIT:
        errors["lines_of_enquiry"] = "The lines of enquiry must be 10,000 characters or fewer"
    # Blank lead and governance take the option's; asked for only where it names none.
    if chosen is not None and not lead:
        errors["lead"] = "Enter who leads the learning review"
    if chosen is not None and not governance:
        errors["governance"] = "Enter the governance body"
    for field, value in (("lead", lead), ("governance", governance)):
        if len(value) > 300:
            errors[field] = "The text must be 300 characters or fewer"
    if errors:
        raise ValidationError(errors)
    step = compute_learning_option_deadline(
        case.partnership.workflow, option, day_zero, calendar_for(case.partnership)
    )
    review = LearningReview.objects.create(
        partnership_id=case.partnership_id,
        case=case,
        option=option,
        option_label=chosen["label"][:200],
        lead=lead,
        governance=governance,
        lines_of_enquiry=lines_of_enquiry,
        day_zero=day_zero,
        due=step.due if step else None,
        started_by=actor,
    )
    from lcspr.services.learning_terms import learning_terms_first

    learning_terms_first(actor=actor, review=review)
    if step is not None:
        step = dataclasses.replace(step, key=step_key(review))
        Deadline.objects.bulk_create(
            unsaved_deadlines(case=case, stage=STAGE, day_zero=day_zero, schedule=[step])
        )
    audit_record(
        actor=actor,
        partnership=case.partnership,
        action="learning_review.start",
        obj=review,
        case=case,
        changes={
            "option": [None, review.option_label],
            "day_zero": [None, day_zero.isoformat()],
            "due": [None, review.due.isoformat() if review.due else None],
        },
    )
    case_stage_set(
        actor=actor, case=case, stage=CaseStage.LEARNING_REVIEW, reason=review.option_label
    )
    return review


@transaction.atomic
def learning_review_complete(
    *,
    actor: User,
    membership: Membership,
    review: LearningReview,
    completed_on: datetime.date | None,
    summary_of_learning: str,
) -> LearningReview:
    """Completed with its summary of learning report (Appendix A); its step is met."""
    if not permissions.can_manage_lcspr(membership, review.case):
        raise PermissionDenied(permissions.NOT_ALLOWED)
    review = LearningReview.objects.select_for_update().select_related("case").get(pk=review.pk)
    if review.status != LearningReviewStatus.IN_PROGRESS:
        raise InvalidTransition("The learning review has already been completed.")
    summary = _text(summary_of_learning)
    errors = {}
    if completed_on is None:
        errors["completed_on"] = "Enter the date the learning review was completed"
    elif completed_on > timezone.localdate():
        errors["completed_on"] = "The date it was completed must be today or in the past"
    elif completed_on < review.day_zero:
        errors["completed_on"] = "The date it was completed must be after it started"
    if not summary:
        errors["summary_of_learning"] = "Enter the summary of learning"
    elif len(summary) > TEXT_LIMIT:
        errors["summary_of_learning"] = "The summary of learning must be 10,000 characters or fewer"
    if errors:
        raise ValidationError(errors)
    review.status = LearningReviewStatus.COMPLETED
    review.completed_on = completed_on
    review.summary_of_learning = summary
    review.save(update_fields=["status", "completed_on", "summary_of_learning", "updated_at"])
    audit_record(
        actor=actor,
        partnership=review.case.partnership,
        action="learning_review.complete",
        obj=review,
        case=review.case,
        changes={
            "status": [LearningReviewStatus.IN_PROGRESS.value, review.status],
            "completed_on": [None, completed_on.isoformat()],
        },
    )
    deadline_meet(
        actor=actor, case=review.case, stage=STAGE, key=step_key(review), met_on=completed_on
    )
    return review
