"""Family engagement on an LCSPR and the processes running alongside it, one service per
change, each audited (Swindon 001 section 6 and Appendices 7-8; BCP 003 section 11;
Lincolnshire 000 chapter 3 and "Links to other processes").

- The review names a family engagement coordinator, a member of the partnership
  (`family_coordinator_set`).
- Family members and network (`family_member_add`, `family_member_update`), each with whether
  they are to be contacted and how they prefer to be.
- The contact log (`family_contact_add`): letter, telephone, meeting, e-mail; the notes shared
  back for factual accuracy (BCP 003 s11). While a parallel process holds family contact back,
  an entry needs the writer's confirmation.
- The embargoed confidential copy given before publication (`embargoed_copy_record`).
- Parallel processes (`process_add`, `process_update`) with their disclosure requests
  (`disclosure_request_add`, `disclosure_request_answer`). A coroner's process reminds the
  pages that contact with the coroner is only through the partnership's legal adviser.

Business managers and the lead reviewer write (lcspr.permissions.can_manage_family).

A learning review has the same family engagement (coordinator, family members, contact log,
letter and leaflet): each service takes the owning review, an LCSPR or a learning review, and
`owned_by` filters by it. Embargoed copies and parallel processes are the LCSPR's only."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from cases.audit import audit_record
from cases.models import Membership, SubjectRole, User
from lcspr import permissions
from lcspr.choices import ContactMethod, ParallelProcessKind, ParallelProcessStatus
from lcspr.models import (
    DisclosureRequest,
    EmbargoedCopy,
    FamilyContact,
    FamilyEngagement,
    FamilyMember,
    LearningReview,
    LocalReview,
    ParallelProcess,
)

Review = LocalReview | LearningReview

TEXT_LIMIT = 10000
HOLD_CONFIRM = (
    "Confirm that this contact was agreed, because a parallel process holds family contact back"
)
CORONER_NOTE = (
    "Contact with the coroner is only through the partnership's legal adviser "
    "(Lincolnshire 000: any correspondence with the Coroner must go through the legal adviser)."
)


def is_learning(review: Review) -> bool:
    return isinstance(review, LearningReview)


def owned_by(review: Review) -> dict:
    """The filter (and the fields) of family records owned by `review`."""
    return {"learning_review": review} if is_learning(review) else {"review": review}


def _action(review: Review, code: str) -> str:
    """A learning review's family actions read as the learning review's (lcspr.history)."""
    return f"learning_{code}" if is_learning(review) else code


def _check(membership: Membership, review: Review) -> None:
    if not permissions.can_manage_family(membership, review):
        raise PermissionDenied(permissions.FAMILY_NOT_ALLOWED)


def _plain(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, User):
        return value.pk
    return value


def _audit(actor, review, obj, before, after, *, action) -> None:
    if action.startswith("family."):
        action = _action(review, action)
    changes = {
        k: [_plain(before.get(k)), _plain(v)]
        for k, v in after.items()
        if _plain(before.get(k)) != _plain(v)
    }
    audit_record(
        actor=actor,
        partnership=review.case.partnership,
        action=action,
        obj=obj,
        case=review.case,
        changes=changes,
    )


def _texts(data: dict, limits: dict[str, int], errors: dict) -> dict:
    cleaned = {}
    for field, limit in limits.items():
        if field not in data:
            continue
        value = (data[field] or "").strip()
        limit = limit or TEXT_LIMIT
        if len(value) > limit:
            errors[field] = f"The text must be {limit:,} characters or fewer"
        cleaned[field] = value
    return cleaned


def _past(value, field, label, errors) -> None:
    if value is not None and value > timezone.localdate() and field not in errors:
        errors[field] = f"{label} must be today or in the past"


def _choice(value, choices, field, message, errors, *, required=True):
    if value in (None, ""):
        if required:
            errors[field] = message
        return ""
    if value not in choices.values:
        errors[field] = message
    return value


# --- Reads ---------------------------------------------------------------------------------


def engagement_of(review: Review) -> FamilyEngagement | None:
    return FamilyEngagement.objects.filter(**owned_by(review)).select_related("coordinator").first()


def holding_processes(review: Review) -> list[ParallelProcess]:
    """The processes not concluded that hold family contact back (an LCSPR's)."""
    if is_learning(review):
        return []
    return list(
        ParallelProcess.objects.filter(review=review, holds_family_contact=True).exclude(
            status=ParallelProcessStatus.CONCLUDED
        )
    )


def coroner_involved(review: Review) -> bool:
    if is_learning(review):
        return False
    return (
        ParallelProcess.objects.filter(review=review, kind=ParallelProcessKind.CORONER)
        .exclude(status=ParallelProcessStatus.CONCLUDED)
        .exists()
    )


def embargoed_copy_status(review: LocalReview) -> dict:
    """Whether the family was given the embargoed copy before publication: done (a copy given,
    before publication if published), late (given only after), or not done."""
    if is_learning(review):
        return {"done": False, "late": False, "copies": []}
    copies = list(EmbargoedCopy.objects.filter(review=review))
    if not copies:
        return {"done": False, "late": False, "copies": []}
    first = min(c.given_on for c in copies)
    late = bool(review.published_on and first > review.published_on)
    return {"done": not late, "late": late, "copies": copies}


def letter_values(member: FamilyMember) -> dict[str, str]:
    """What the family letter and leaflet fill in for a family member (Appendices 7 and 8)."""
    from cases.models import Subject
    from lcspr.choices import ReviewerDecision

    review = member.owner
    case = review.case
    child = (
        Subject.objects.filter(case=case, role=SubjectRole.CHILD, archived_at__isnull=True)
        .order_by("id")
        .first()
    )
    died = bool(child and child.date_of_death)
    reviewer = (
        None
        if is_learning(review)
        else review.reviewer_candidates.filter(decision=ReviewerDecision.APPOINTED).first()
    )
    engagement = engagement_of(review)
    coordinator = engagement.coordinator if engagement else None
    values = {
        "date": f"{timezone.localdate():%-d %B %Y}",
        "family_member_name": member.name,
        "relationship": member.relationship,
        "incident": "the tragic death" if died else "the serious injury",
        "what_happened": "died" if died else "was seriously injured",
        "partnership_name": case.partnership.name,
    }
    if child:
        values["child_name"] = child.first_name
    if reviewer:
        values["lead_reviewer_name"] = reviewer.name
    if is_learning(review):
        values["review_type"] = review.option_label.lower()
        values["lead_name"] = review.lead
    if coordinator:
        values["coordinator_name"] = coordinator.full_name or coordinator.email
        values["coordinator_contact"] = coordinator.email
    return values


# --- The coordinator ------------------------------------------------------------------------


@transaction.atomic
def family_coordinator_set(
    *,
    actor: User,
    membership: Membership,
    review: Review,
    coordinator: User | None,
    approach: str = "",
) -> FamilyEngagement:
    _check(membership, review)
    errors: dict[str, str] = {}
    approach = (approach or "").strip()
    if len(approach) > TEXT_LIMIT:
        errors["approach"] = "The text must be 10,000 characters or fewer"
    if coordinator is None:
        errors["coordinator"] = "Select the family engagement coordinator"
    elif not Membership.objects.filter(
        partnership=review.partnership_id, user=coordinator, is_active=True
    ).exists():
        errors["coordinator"] = "Select a member of the partnership"
    if errors:
        raise ValidationError(errors)
    engagement, _ = FamilyEngagement.objects.select_for_update().get_or_create(
        **owned_by(review), defaults={"partnership_id": review.partnership_id}
    )
    before = {"coordinator": engagement.coordinator_id, "approach": engagement.approach}
    engagement.coordinator = coordinator
    engagement.approach = approach
    engagement.save()
    _audit(
        actor,
        review,
        engagement,
        before,
        {"coordinator": coordinator.pk, "approach": approach},
        action="family.coordinator",
    )
    return engagement


# --- Family members ------------------------------------------------------------------------

MEMBER_TEXTS = {
    "name": 200,
    "relationship": 100,
    "contact_details": 0,
    "not_contacted_reason": 0,
    "support_needs": 0,
}
MEMBER_AUDITED = (*MEMBER_TEXTS, "to_be_contacted", "preferred_method")


def _clean_member(data: dict, errors: dict, *, adding: bool) -> dict:
    cleaned = _texts(data, MEMBER_TEXTS, errors)
    if (adding or "name" in cleaned) and not cleaned.get("name"):
        errors.setdefault("name", "Enter the family member's name")
    if (adding or "relationship" in cleaned) and not cleaned.get("relationship"):
        errors.setdefault("relationship", "Enter their relationship to the child")
    if "preferred_method" in data:
        cleaned["preferred_method"] = _choice(
            data["preferred_method"],
            ContactMethod,
            "preferred_method",
            "Select how they prefer to be contacted",
            errors,
            required=False,
        )
    if "to_be_contacted" in data:
        cleaned["to_be_contacted"] = bool(data["to_be_contacted"])
    return cleaned


def _member_snapshot(member: FamilyMember) -> dict:
    return {f: getattr(member, f) for f in MEMBER_AUDITED}


@transaction.atomic
def family_member_add(
    *, actor: User, membership: Membership, review: Review, **details
) -> FamilyMember:
    _check(membership, review)
    errors: dict[str, str] = {}
    cleaned = _clean_member(details, errors, adding=True)
    member = FamilyMember(partnership_id=review.partnership_id, **owned_by(review), **cleaned)
    if not member.to_be_contacted and not member.not_contacted_reason:
        errors.setdefault("not_contacted_reason", "Enter why they are not to be contacted")
    if errors:
        raise ValidationError(errors)
    member.save()
    after = {k: v for k, v in _member_snapshot(member).items() if v not in ("", None)}
    _audit(actor, review, member, {}, after, action="family.member_add")
    return member


@transaction.atomic
def family_member_update(
    *, actor: User, membership: Membership, member: FamilyMember, **details
) -> FamilyMember:
    _check(membership, member.owner)
    member = (
        FamilyMember.objects.select_for_update(of=("self",))
        .select_related("review__case", "learning_review__case")
        .get(pk=member.pk)
    )
    errors: dict[str, str] = {}
    cleaned = _clean_member(details, errors, adding=False)
    before = _member_snapshot(member)
    for field, value in cleaned.items():
        setattr(member, field, value)
    if not member.to_be_contacted and not member.not_contacted_reason:
        errors.setdefault("not_contacted_reason", "Enter why they are not to be contacted")
    if errors:
        raise ValidationError(errors)
    member.save()
    _audit(
        actor,
        member.owner,
        member,
        before,
        _member_snapshot(member),
        action="family.member_update",
    )
    return member


# --- The contact log -----------------------------------------------------------------------


@transaction.atomic
def family_contact_add(
    *,
    actor: User,
    membership: Membership,
    review: Review,
    member: FamilyMember | None,
    method: str,
    contacted_on: datetime.date | None,
    made_by: str,
    outcome: str,
    notes_shared: bool = False,
    notes_shared_on: datetime.date | None = None,
    confirm_despite_hold: bool = False,
) -> FamilyContact:
    """One entry of the contact log; every error at once. While a parallel process holds family
    contact back, the writer must confirm the contact was agreed (`confirm_despite_hold`)."""
    _check(membership, review)
    errors: dict[str, str] = {}
    texts = _texts({"made_by": made_by, "outcome": outcome}, {"made_by": 200, "outcome": 0}, errors)
    if member is None:
        errors["member"] = "Select who the contact was with"
    elif member.owner != review:
        errors["member"] = "Select a family member of this review"
    _choice(method, ContactMethod, "method", "Select how contact was made", errors)
    if contacted_on is None:
        errors["contacted_on"] = "Enter the date of the contact"
    _past(contacted_on, "contacted_on", "The date of the contact", errors)
    if not texts["made_by"]:
        errors.setdefault("made_by", "Enter who made contact")
    if not texts["outcome"]:
        errors.setdefault("outcome", "Enter the outcome of the contact")
    if notes_shared and notes_shared_on is None:
        errors["notes_shared_on"] = "Enter the date the notes were shared back"
    if not notes_shared and notes_shared_on is not None:
        errors["notes_shared"] = "Select whether the notes were shared back for accuracy"
    _past(notes_shared_on, "notes_shared_on", "The date the notes were shared back", errors)
    if (
        notes_shared_on
        and contacted_on
        and notes_shared_on < contacted_on
        and "notes_shared_on" not in errors
    ):
        errors["notes_shared_on"] = (
            "The date the notes were shared back must be on or after the contact"
        )
    holding = holding_processes(review)
    if holding and not confirm_despite_hold:
        errors["confirm_despite_hold"] = HOLD_CONFIRM
    if errors:
        raise ValidationError(errors)
    contact = FamilyContact.objects.create(
        partnership_id=review.partnership_id,
        **owned_by(review),
        member=member,
        method=method,
        contacted_on=contacted_on,
        made_by=texts["made_by"],
        outcome=texts["outcome"],
        notes_shared=bool(notes_shared),
        notes_shared_on=notes_shared_on,
        despite_hold=bool(holding),
        recorded_by=actor,
    )
    _audit(
        actor,
        review,
        contact,
        {},
        {
            "member": member.name,
            "method": method,
            "contacted_on": contacted_on,
            "made_by": contact.made_by,
            "notes_shared_on": notes_shared_on,
            "despite_hold": contact.despite_hold or None,
        },
        action="family.contact",
    )
    return contact


# --- The embargoed copy --------------------------------------------------------------------


@transaction.atomic
def embargoed_copy_record(
    *,
    actor: User,
    membership: Membership,
    review: LocalReview,
    given_to: str,
    given_on: datetime.date | None,
    version: str,
    embargo_until: datetime.date | None,
    member: FamilyMember | None = None,
) -> EmbargoedCopy:
    """The embargoed confidential copy given to the family before publication (Lincolnshire
    000 chapter 3): to whom, when, which version, the embargo's end."""
    _check(membership, review)
    errors: dict[str, str] = {}
    texts = _texts(
        {"given_to": given_to, "version": version}, {"given_to": 200, "version": 200}, errors
    )
    if member is not None and member.review_id != review.pk:
        errors["member"] = "Select a family member of this review"
    if not texts["given_to"] and member is not None and "member" not in errors:
        texts["given_to"] = member.name
    if not texts["given_to"]:
        errors.setdefault("given_to", "Enter who was given the copy")
    if given_on is None:
        errors["given_on"] = "Enter the date the copy was given"
    _past(given_on, "given_on", "The date the copy was given", errors)
    if not texts["version"]:
        errors.setdefault("version", "Enter which version of the report was given")
    if embargo_until is None:
        errors["embargo_until"] = "Enter the date the embargo ends"
    elif given_on and embargo_until < given_on:
        errors["embargo_until"] = (
            "The date the embargo ends must be on or after the date the copy was given"
        )
    if (
        review.published_on
        and given_on
        and given_on > review.published_on
        and "given_on" not in errors
    ):
        errors["given_on"] = (
            f"The copy must be given before the publication on {review.published_on:%-d %B %Y}"
        )
    if errors:
        raise ValidationError(errors)
    copy = EmbargoedCopy.objects.create(
        partnership_id=review.partnership_id,
        review=review,
        member=member,
        given_to=texts["given_to"],
        given_on=given_on,
        version=texts["version"],
        embargo_until=embargo_until,
        recorded_by=actor,
    )
    _audit(
        actor,
        review,
        copy,
        {},
        {
            "given_to": copy.given_to,
            "given_on": given_on,
            "version": copy.version,
            "embargo_until": embargo_until,
        },
        action="family.embargoed_copy",
    )
    return copy


# --- Parallel processes --------------------------------------------------------------------

PROCESS_TEXTS = {
    "description": 200,
    "liaison_name": 200,
    "liaison_role": 200,
    "liaison_organisation": 200,
    "liaison_email": 254,
    "liaison_phone": 50,
    "notes": 0,
}
PROCESS_AUDITED = (*PROCESS_TEXTS, "kind", "status", "holds_family_contact")


def _clean_process(data: dict, errors: dict, *, adding: bool) -> dict:
    cleaned = _texts(data, PROCESS_TEXTS, errors)
    if adding or "kind" in data:
        cleaned["kind"] = _choice(
            data.get("kind"), ParallelProcessKind, "kind", "Select the kind of process", errors
        )
    if "status" in data or adding:
        cleaned["status"] = (
            _choice(
                data.get("status") or ParallelProcessStatus.ACTIVE,
                ParallelProcessStatus,
                "status",
                "Select the status of the process",
                errors,
            )
            or ParallelProcessStatus.ACTIVE
        )
    if cleaned.get("liaison_email") and "liaison_email" not in errors:
        try:
            validate_email(cleaned["liaison_email"])
        except ValidationError:
            errors["liaison_email"] = (
                "Enter an email address in the correct format, like name@example.com"
            )
    if "holds_family_contact" in data:
        cleaned["holds_family_contact"] = bool(data["holds_family_contact"])
    if (
        cleaned.get("kind") == ParallelProcessKind.OTHER
        and adding
        and not cleaned.get("description")
    ):
        errors.setdefault("description", "Enter what the process is")
    return cleaned


def _process_snapshot(process: ParallelProcess) -> dict:
    return {f: getattr(process, f) for f in PROCESS_AUDITED}


@transaction.atomic
def process_add(
    *, actor: User, membership: Membership, review: LocalReview, **details
) -> ParallelProcess:
    _check(membership, review)
    errors: dict[str, str] = {}
    cleaned = _clean_process(details, errors, adding=True)
    if errors:
        raise ValidationError(errors)
    process = ParallelProcess.objects.create(
        partnership_id=review.partnership_id, review=review, **cleaned
    )
    after = {k: v for k, v in _process_snapshot(process).items() if v not in ("", None, False)}
    _audit(actor, review, process, {}, after, action="parallel_process.add")
    return process


@transaction.atomic
def process_update(
    *, actor: User, membership: Membership, process: ParallelProcess, **details
) -> ParallelProcess:
    """Change a process: its status, liaison, notes, and whether it holds family contact back
    (lifting the hold is this change, audited)."""
    _check(membership, process.review)
    process = (
        ParallelProcess.objects.select_for_update()
        .select_related("review__case")
        .get(pk=process.pk)
    )
    errors: dict[str, str] = {}
    cleaned = _clean_process(details, errors, adding=False)
    if errors:
        raise ValidationError(errors)
    before = _process_snapshot(process)
    for field, value in cleaned.items():
        setattr(process, field, value)
    process.save()
    _audit(
        actor,
        process.review,
        process,
        before,
        _process_snapshot(process),
        action="parallel_process.update",
    )
    return process


@transaction.atomic
def disclosure_request_add(
    *,
    actor: User,
    membership: Membership,
    process: ParallelProcess,
    requested_on: datetime.date | None,
    what: str,
    answered_on: datetime.date | None = None,
    answer: str = "",
) -> DisclosureRequest:
    _check(membership, process.review)
    errors: dict[str, str] = {}
    texts = _texts({"what": what, "answer": answer}, {"what": 0, "answer": 0}, errors)
    if requested_on is None:
        errors["requested_on"] = "Enter the date disclosure was requested"
    _past(requested_on, "requested_on", "The date disclosure was requested", errors)
    if not texts["what"]:
        errors.setdefault("what", "Enter what was requested")
    _check_answer(requested_on, answered_on, errors)
    if errors:
        raise ValidationError(errors)
    request = DisclosureRequest.objects.create(
        partnership_id=process.partnership_id,
        process=process,
        requested_on=requested_on,
        what=texts["what"],
        answered_on=answered_on,
        answer=texts["answer"],
    )
    _audit(
        actor,
        process.review,
        process,
        {},
        {"requested_on": requested_on, "what": request.what, "answered_on": answered_on},
        action="parallel_process.disclosure_request",
    )
    return request


def _check_answer(requested_on, answered_on, errors) -> None:
    _past(answered_on, "answered_on", "The date the request was answered", errors)
    if answered_on and requested_on and answered_on < requested_on and "answered_on" not in errors:
        errors["answered_on"] = "The date the request was answered must be on or after the request"


@transaction.atomic
def disclosure_request_answer(
    *,
    actor: User,
    membership: Membership,
    disclosure: DisclosureRequest,
    answered_on: datetime.date | None,
    answer: str = "",
) -> DisclosureRequest:
    process = disclosure.process
    _check(membership, process.review)
    errors: dict[str, str] = {}
    texts = _texts({"answer": answer}, {"answer": 0}, errors)
    if answered_on is None:
        errors["answered_on"] = "Enter the date the request was answered"
    _check_answer(disclosure.requested_on, answered_on, errors)
    if errors:
        raise ValidationError(errors)
    before = {"answered_on": disclosure.answered_on, "answer": disclosure.answer}
    disclosure.answered_on = answered_on
    disclosure.answer = texts["answer"]
    disclosure.save(update_fields=["answered_on", "answer"])
    _audit(
        actor,
        process.review,
        process,
        before,
        {"answered_on": answered_on, "answer": disclosure.answer},
        action="parallel_process.disclosure_answer",
    )
    return disclosure
