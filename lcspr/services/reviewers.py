"""Sourcing and vetting the LCSPR's independent reviewer (BCP 003 section 10; Dorset 002
7.1-7.7; Lincolnshire 000 chapter 3), one service per transition, each audited.

The CSPR group considers each candidate's skills, experience and conflicts; a candidate gives
an up-to-date CV with their previous reviews, two referees, and confirmation of public liability
and professional indemnity insurance. The business manager shortlists (weighing the costs,
Dorset 7.4) and decides. The appointed reviewer is a lead reviewer member of the partnership,
who sees nothing of the case ("Detailed information will not be provided to the independent
reviewer until the above has been provided and a contract agreed") until the contract is
recorded: then they are put on the case's access list (cases.services.cases.case_access_grant)
and a notice telling the National Panel the reviewer's name is recorded (Lincolnshire)."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from cases.audit import audit_record
from cases.errors import InvalidTransition
from cases.models import Membership, Role, User
from cases.models.notices import NoticeKind, NoticeRecipient
from cases.services.cases import case_access_grant
from cases.services.documents import attachment_store
from cases.services.notices import notice_create
from lcspr import permissions
from lcspr.choices import ReviewerDecision
from lcspr.models import LocalReview, ReviewerCandidate

NOT_ALLOWED = "Only a business manager sources and vets the LCSPR's independent reviewer."
TEXT_LIMIT = 10000

# The fields candidate_add and candidate_update take, with their limits (0: a long text).
TEXT_FIELDS = {
    "name": 200,
    "email": 254,
    "organisation": 200,
    "previous_reviews": 0,
    "referee_1_name": 200,
    "referee_1_contact": 300,
    "referee_2_name": 200,
    "referee_2_contact": 300,
    "conflicts": 0,
}
DATE_FIELDS = (
    "referee_1_received_on",
    "referee_2_received_on",
    "public_liability_expires_on",
    "indemnity_expires_on",
    "conflicts_declared_on",
)
AUDITED = (*TEXT_FIELDS, *DATE_FIELDS, "cv")


def _check(membership: Membership, review: LocalReview) -> None:
    if not permissions.can_manage_lcspr(membership, review.case):
        raise PermissionDenied(NOT_ALLOWED)


def _value(v):
    if isinstance(v, datetime.date):
        return v.isoformat()
    return v


def _snapshot(candidate: ReviewerCandidate, fields) -> dict:
    out = {}
    for f in fields:
        if f in ("cv", "contract"):
            out[f] = getattr(candidate, f"{f}_id")
        else:
            out[f] = _value(getattr(candidate, f))
    return out


def _audit(actor, candidate, before, after, *, action) -> None:
    changes = {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}
    audit_record(
        actor=actor,
        partnership=candidate.review.case.partnership,
        action=action,
        obj=candidate,
        case=candidate.review.case,
        changes=changes,
    )


def _clean_details(data: dict, errors: dict) -> dict:
    """The candidate's details, stripped and checked; every error at once into `errors`."""
    cleaned = {}
    today = timezone.localdate()
    for field, limit in TEXT_FIELDS.items():
        if field not in data:
            continue
        value = (data[field] or "").strip()
        if limit and len(value) > limit:
            errors[field] = f"The text must be {limit} characters or fewer"
        elif not limit and len(value) > TEXT_LIMIT:
            errors[field] = "The text must be 10,000 characters or fewer"
        cleaned[field] = value
    if "name" in cleaned and not cleaned["name"]:
        errors["name"] = "Enter the candidate's name"
    if cleaned.get("email") and "email" not in errors:
        try:
            validate_email(cleaned["email"])
        except ValidationError:
            errors["email"] = "Enter an email address in the correct format, like name@example.com"
    for field in DATE_FIELDS:
        if field in data:
            cleaned[field] = data[field]
    for n, word in ((1, "first"), (2, "second")):
        received = cleaned.get(f"referee_{n}_received_on")
        if received is not None and received > today:
            errors[f"referee_{n}_received_on"] = (
                f"The date the {word} reference was received must be today or in the past"
            )
    declared = cleaned.get("conflicts_declared_on")
    if declared is not None and declared > today:
        errors["conflicts_declared_on"] = "The date of the declaration must be today or in the past"
    if declared is not None and "conflicts" in cleaned and not cleaned["conflicts"]:
        errors["conflicts"] = 'Enter the conflicts of interest declared, or "None"'
    if declared is None and cleaned.get("conflicts") and "conflicts_declared_on" in data:
        errors["conflicts_declared_on"] = "Enter the date the declaration was made"
    return cleaned


def _store_upload(actor, case, uploaded, description):
    if uploaded is None:
        return None
    return attachment_store(actor=actor, case=case, uploaded=uploaded, description=description)


@transaction.atomic
def candidate_add(
    *, actor: User, membership: Membership, review: LocalReview, cv=None, **details
) -> ReviewerCandidate:
    _check(membership, review)
    errors: dict[str, str] = {}
    details.setdefault("name", "")
    cleaned = _clean_details(details, errors)
    if errors:
        raise ValidationError(errors)
    candidate = ReviewerCandidate(partnership_id=review.partnership_id, review=review, **cleaned)
    candidate.cv = _store_upload(actor, review.case, cv, f"CV of {cleaned['name']}"[:255])
    candidate.save()
    after = {k: v for k, v in _snapshot(candidate, AUDITED).items() if v not in (None, "")}
    _audit(actor, candidate, {}, after, action="lcspr_reviewer.add")
    return candidate


@transaction.atomic
def candidate_update(
    *, actor: User, membership: Membership, candidate: ReviewerCandidate, cv=None, **details
) -> ReviewerCandidate:
    """Change a candidate's details (a new CV replaces the old); every error at once."""
    _check(membership, candidate.review)
    candidate = ReviewerCandidate.objects.select_for_update().get(pk=candidate.pk)
    if candidate.decision:
        raise InvalidTransition("The decision on this candidate has been made.")
    errors: dict[str, str] = {}
    cleaned = _clean_details(details, errors)
    if errors:
        raise ValidationError(errors)
    before = _snapshot(candidate, AUDITED)
    for field, value in cleaned.items():
        setattr(candidate, field, value)
    if cv is not None:
        candidate.cv = _store_upload(
            actor, candidate.review.case, cv, f"CV of {candidate.name}"[:255]
        )
    candidate.save()
    _audit(
        actor,
        candidate,
        before,
        _snapshot(candidate, AUDITED),
        action="lcspr_reviewer.update",
    )
    return candidate


@transaction.atomic
def candidate_shortlist(
    *,
    actor: User,
    membership: Membership,
    candidate: ReviewerCandidate,
    shortlisted: bool,
    shortlist_notes: str = "",
    interview_notes: str = "",
) -> ReviewerCandidate:
    """Shortlist (or not) with the notes of the shortlisting meeting, including the cost
    (Dorset 002 7.4), and the interview notes."""
    _check(membership, candidate.review)
    candidate = ReviewerCandidate.objects.select_for_update().get(pk=candidate.pk)
    if candidate.decision:
        raise InvalidTransition("The decision on this candidate has been made.")
    shortlist_notes = (shortlist_notes or "").strip()
    interview_notes = (interview_notes or "").strip()
    errors = {}
    if shortlisted and not shortlist_notes:
        errors["shortlist_notes"] = "Enter the shortlisting notes, including the cost"
    for field, value in (
        ("shortlist_notes", shortlist_notes),
        ("interview_notes", interview_notes),
    ):
        if len(value) > TEXT_LIMIT:
            errors[field] = "The notes must be 10,000 characters or fewer"
    if errors:
        raise ValidationError(errors)
    fields = ("shortlisted", "shortlist_notes", "interview_notes")
    before = _snapshot(candidate, fields)
    candidate.shortlisted = bool(shortlisted)
    candidate.shortlist_notes = shortlist_notes
    candidate.interview_notes = interview_notes
    candidate.save(update_fields=[*fields, "updated_at"])
    _audit(
        actor,
        candidate,
        before,
        _snapshot(candidate, fields),
        action="lcspr_reviewer.shortlist",
    )
    return candidate


def appointment_missing(candidate: ReviewerCandidate, on: datetime.date | None = None) -> dict:
    """What still stands in the way of appointing the candidate, field by field, in GOV.UK
    wording (the candidate page's checklist and candidate_decide's errors)."""
    on = on or timezone.localdate()
    missing = {}
    if candidate.cv_id is None:
        missing["cv"] = "Upload the candidate's CV before appointing"
    for n, word in ((1, "first"), (2, "second")):
        if not getattr(candidate, f"referee_{n}_name"):
            missing[f"referee_{n}_name"] = f"Enter the {word} referee's name before appointing"
        if getattr(candidate, f"referee_{n}_received_on") is None:
            missing[f"referee_{n}_received_on"] = (
                f"Record the {word} referee's reference before appointing"
            )
    for field, what in (
        ("public_liability_expires_on", "public liability insurance"),
        ("indemnity_expires_on", "professional indemnity insurance"),
    ):
        expires = getattr(candidate, field)
        if expires is None:
            missing[field] = f"Record the candidate's {what} before appointing"
        elif expires < on:
            missing[field] = f"The candidate's {what} has expired"
    if candidate.conflicts_declared_on is None:
        missing["conflicts_declared_on"] = (
            "Record the candidate's declaration of conflicts of interest before appointing"
        )
    if not candidate.shortlisted:
        missing["shortlisted"] = "Shortlist the candidate before appointing"
    return missing


def appointed_reviewer(review: LocalReview) -> ReviewerCandidate | None:
    return ReviewerCandidate.objects.filter(
        review=review, decision=ReviewerDecision.APPOINTED
    ).first()


def lead_reviewer_members(partnership_id):
    return [
        m
        for m in Membership.objects.active()
        .filter(partnership=partnership_id)
        .select_related("user")
        .order_by("user__email")
        if m.has_role(Role.LEAD_REVIEWER)
    ]


@transaction.atomic
def candidate_decide(
    *,
    actor: User,
    membership: Membership,
    candidate: ReviewerCandidate,
    decision: str,
    reason: str = "",
    member: Membership | None = None,
    decided_on: datetime.date | None = None,
) -> ReviewerCandidate:
    """Appointed, not appointed or withdrew. Appointing needs everything BCP 003 asks for (the
    CV, both references, both insurances valid on the day, the declaration, the shortlist), all
    missing items listed at once, and the lead reviewer member who is the reviewer."""
    _check(membership, candidate.review)
    LocalReview.objects.select_for_update().filter(pk=candidate.review_id).first()
    candidate = ReviewerCandidate.objects.select_for_update().get(pk=candidate.pk)
    if candidate.decision:
        raise InvalidTransition("The decision on this candidate has already been made.")
    reason = (reason or "").strip()
    decided_on = decided_on or timezone.localdate()
    errors: dict[str, str] = {}
    if decision not in ReviewerDecision.values:
        errors["decision"] = "Select the decision"
    if decided_on > timezone.localdate():
        errors["decided_on"] = "The date of the decision must be today or in the past"
    if len(reason) > TEXT_LIMIT:
        errors["reason"] = "The reason must be 10,000 characters or fewer"
    elif decision in (ReviewerDecision.NOT_APPOINTED, ReviewerDecision.WITHDREW) and not reason:
        errors["reason"] = "Enter the reason"
    if decision == ReviewerDecision.APPOINTED:
        errors.update(appointment_missing(candidate, decided_on))
        if (
            ReviewerCandidate.objects.filter(
                review=candidate.review_id, decision=ReviewerDecision.APPOINTED
            )
            .exclude(pk=candidate.pk)
            .exists()
        ):
            errors["decision"] = "Another candidate has already been appointed to this LCSPR"
        if member is None:
            errors["member"] = "Select the lead reviewer who is the appointed reviewer"
        elif (
            member.partnership_id != candidate.partnership_id
            or not member.is_active
            or not member.has_role(Role.LEAD_REVIEWER)
        ):
            errors["member"] = (
                "The appointed reviewer must be a lead reviewer in this partnership. "
                "Invite them from the People page first"
            )
    if errors:
        raise ValidationError(errors)
    fields = ("decision", "decision_reason", "decided_on", "user")
    before = _snapshot(candidate, ("decision", "decision_reason", "decided_on"))
    candidate.decision = decision
    candidate.decision_reason = reason
    candidate.decided_on = decided_on
    candidate.user = member.user if decision == ReviewerDecision.APPOINTED else None
    candidate.save(update_fields=[*fields, "updated_at"])
    after = _snapshot(candidate, ("decision", "decision_reason", "decided_on"))
    if candidate.user is not None:
        after["reviewer"] = candidate.user.email
    _audit(actor, candidate, before, after, action="lcspr_reviewer.decide")
    return candidate


@transaction.atomic
def contract_record(
    *,
    actor: User,
    membership: Membership,
    candidate: ReviewerCandidate,
    contract_recorded_on: datetime.date | None,
    contract=None,
) -> ReviewerCandidate:
    """The contract agreed with the appointed reviewer (on the council's template, Dorset 7.7).
    Only now does the reviewer see the case: they join its access list, and a notice telling
    the National Panel the reviewer's name is recorded (Lincolnshire 000 chapter 3)."""
    _check(membership, candidate.review)
    candidate = (
        ReviewerCandidate.objects.select_for_update(of=("self",))
        .select_related("review", "review__case", "review__case__partnership")
        .get(pk=candidate.pk)
    )
    if candidate.decision != ReviewerDecision.APPOINTED:
        raise InvalidTransition("Record a contract only for the appointed reviewer.")
    if candidate.contract_recorded_on is not None:
        raise InvalidTransition("The contract has already been recorded.")
    errors = {}
    if contract_recorded_on is None:
        errors["contract_recorded_on"] = "Enter the date the contract was agreed"
    elif contract_recorded_on > timezone.localdate():
        errors["contract_recorded_on"] = (
            "The date the contract was agreed must be today or in the past"
        )
    if contract is None:
        errors["contract"] = "Upload the contract"
    reviewer = (
        Membership.objects.active()
        .filter(partnership=candidate.partnership_id, user=candidate.user_id)
        .first()
    )
    if reviewer is None or not reviewer.has_role(Role.LEAD_REVIEWER):
        errors["decision"] = (
            "The appointed reviewer is no longer a lead reviewer in this partnership"
        )
    if errors:
        raise ValidationError(errors)
    case = candidate.review.case
    candidate.contract = attachment_store(
        actor=actor,
        case=case,
        uploaded=contract,
        description=f"Contract with {candidate.name}"[:255],
    )
    candidate.contract_recorded_on = contract_recorded_on
    candidate.save(update_fields=["contract", "contract_recorded_on", "updated_at"])
    _audit(
        actor,
        candidate,
        {},
        {
            "contract_recorded_on": contract_recorded_on.isoformat(),
            "contract": candidate.contract_id,
        },
        action="lcspr_reviewer.contract",
    )
    case_access_grant(actor=actor, membership=membership, case=case, member=reviewer)
    notice_create(
        actor=actor,
        membership=membership,
        case=case,
        kind=NoticeKind.OTHER,
        recipients=[NoticeRecipient.NATIONAL_PANEL],
        description=(
            f"The independent reviewer of the LCSPR of {case.reference} is {candidate.name}"
            + (f" ({candidate.organisation})" if candidate.organisation else "")
            + "."
        )[:1000],
        due_date=contract_recorded_on,
        check_permission=False,
    )
    return candidate
