"""The rapid review's terms of reference (Lincolnshire 000 Appendix E): drafted by the business
manager prefilled from the case, sent for approval, approved by each statutory partner agency
("Initial TOR Agreed", "3 Key Statutory Partners"), which meets the clock's `tor_agreed`
milestone where the partnership's settings have it; an agreed version is revised as a new
draft, the old one kept."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from cases.audit import audit_record
from cases.errors import InvalidTransition
from cases.models import Agency, Membership, SubjectRole, User
from cases.models.meetings import MeetingRole
from cases.services.deadlines import deadline_meet
from cases.versions import latest_version, next_version_number
from rapid_reviews import permissions
from rapid_reviews.choices import LIVE_STATUSES, TermsStatus
from rapid_reviews.models import (
    RapidReview,
    TermsOfReference,
    TermsOfReferenceApproval,
    TermsOfReferenceMember,
)
from rapid_reviews.services.start import STAGE

MILESTONE = "tor_agreed"
PURPOSE = (
    "The purpose of the Rapid Review is to enable the Child Safeguarding Practice Review Panel"
    " to make a decision on whether to undertake a national child safeguarding practice review."
)
EDITABLE = (
    "background",
    "purpose",
    "people_in_scope",
    "scope_agreed_on",
    "scope_from",
    "scope_to",
    "include_earlier_information",
    "contributors",
    "methodology",
    "reporting",
    "chronology_due",
    "meeting_dates",
)
# What a version needs before the statutory partners are asked to agree it.
REQUIRED = {
    "background": "Enter the background",
    "purpose": "Enter the purpose",
    "people_in_scope": "Enter the children and significant others in scope",
    "scope_from": "Enter the date the scope period starts",
    "scope_to": "Enter the date the scope period ends",
    "contributors": "Enter the contributors",
    "chronology_due": "Enter the date chronologies are to be returned by",
}


def statutory_partners(partnership_id) -> list[Agency]:
    return list(
        Agency.objects.filter(
            partnership=partnership_id, is_statutory_partner=True, is_active=True
        ).order_by("name")
    )


def current_terms(review: RapidReview) -> TermsOfReference | None:
    return latest_version(review.terms.all())


def _twelve_months_before(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def _person_line(subject) -> str:
    relationship = (
        "the child"
        if subject.role == SubjectRole.CHILD
        else subject.relationship_to_child or subject.get_role_display()
    )
    born = subject.date_of_birth.strftime("%-d %B %Y") if subject.date_of_birth else ""
    address = " ".join(subject.address.split())
    parts = [str(subject), relationship, born, address, subject.nhs_number]
    return ", ".join(part for part in parts if part)


def _prefill(review: RapidReview) -> dict:
    case = review.case
    subjects = case.subjects.filter(archived_at__isnull=True).order_by("role", "pk")
    scope_to = case.incident_date or review.day_zero
    return {
        "background": case.summary,
        "purpose": PURPOSE,
        "people_in_scope": "\n".join(_person_line(s) for s in subjects),
        "scope_from": _twelve_months_before(scope_to),
        "scope_to": scope_to,
        "contributors": "\n".join(a.name for a in case.agencies.order_by("name")),
    }


def _members(review: RapidReview, actor: User) -> list[tuple[str, str, str]]:
    """Appendix E's membership table: each statutory partner, then the partnership's own."""
    name = review.case.partnership.name
    rows = [
        (a.name, "", MeetingRole.STATUTORY_PARTNER)
        for a in statutory_partners(review.partnership_id)
    ]
    return [
        *rows,
        (name, actor.full_name or actor.email, MeetingRole.BUSINESS_MANAGER),
        (name, "", MeetingRole.LEGAL_ADVISER),
        (name, "", MeetingRole.CHAIR),
    ]


def _check_manager(membership: Membership, review: RapidReview) -> None:
    if not permissions.can_manage_review(membership, review.case):
        raise PermissionDenied(permissions.NOT_ALLOWED)


def _locked(terms: TermsOfReference) -> TermsOfReference:
    return (
        TermsOfReference.objects.select_for_update()
        .select_related("rapid_review__case")
        .get(pk=terms.pk)
    )


def _audit(actor, terms: TermsOfReference, action: str, changes=None, note="") -> None:
    audit_record(
        actor=actor,
        partnership=terms.rapid_review.case.partnership,
        action=action,
        obj=terms,
        case=terms.rapid_review.case,
        changes={"version": [None, terms.version], **(changes or {})},
        note=note,
    )


def _validate(values: dict, *, complete: bool, members=None) -> None:
    """Every error at once."""
    errors = {"members": _member_errors(members)} if members else {}
    errors = {k: v for k, v in errors.items() if v}
    if complete:
        for field, message in REQUIRED.items():
            value = values.get(field)
            if value is None or (isinstance(value, str) and not value.strip()):
                errors[field] = message
    start, end = values.get("scope_from"), values.get("scope_to")
    if start and end and end < start:
        errors["scope_to"] = "The end of the scope period must be the same as or after its start"
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def terms_draft(*, actor: User, membership: Membership, review: RapidReview) -> TermsOfReference:
    """Version 1, prefilled: the children and significant others from the case's people, the
    contributors from its agencies, the scope period the 12 months before the incident."""
    _check_manager(membership, review)
    review = RapidReview.objects.select_for_update().get(pk=review.pk)
    if review.status not in LIVE_STATUSES:
        raise InvalidTransition("The terms of reference are drafted while the review is live.")
    if review.terms.exists():
        raise InvalidTransition("The terms of reference have already been drafted.")
    terms = TermsOfReference.objects.create(
        partnership_id=review.partnership_id,
        rapid_review=review,
        version=1,
        created_by=actor,
        **_prefill(review),
    )
    TermsOfReferenceMember.objects.bulk_create(
        TermsOfReferenceMember(
            partnership_id=review.partnership_id,
            terms=terms,
            organisation=organisation,
            person_name=person,
            role=role,
        )
        for organisation, person, role in _members(review, actor)
    )
    _audit(actor, terms, "rapid_review.terms_draft")
    return terms


@transaction.atomic
def terms_update(
    *, actor: User, membership: Membership, terms: TermsOfReference, **values
) -> TermsOfReference:
    """Change a draft's fields (those given); members as a list of (organisation, person, role)
    replaces the membership table when given."""
    _check_manager(membership, terms.rapid_review)
    terms = _locked(terms)
    if terms.status != TermsStatus.DRAFT:
        raise InvalidTransition("Only a draft of the terms of reference can be changed.")
    members = values.pop("members", None)
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise ValidationError(dict.fromkeys(unknown, "Not a field of the terms of reference"))
    _validate(
        {**{f: getattr(terms, f) for f in EDITABLE}, **values}, complete=False, members=members
    )
    changes = {}
    for field, value in values.items():
        before = getattr(terms, field)
        if before != value:
            changes[field] = [str(before) if before is not None else None, str(value)]
            setattr(terms, field, value)
    terms.save()
    if members is not None:
        _replace_members(terms, members)
        changes["members"] = ["", f"{len(members)} rows"]
    _audit(actor, terms, "rapid_review.terms_update", changes)
    return terms


def _member_errors(members) -> list[str]:
    errors = [
        f"Row {n}: enter the organisation"
        for n, (organisation, _person, _role) in enumerate(members, 1)
        if not organisation.strip()
    ]
    errors += [
        f"Row {n}: select a role"
        for n, (_org, _person, role) in enumerate(members, 1)
        if role not in MeetingRole.values
    ]
    return errors


def _replace_members(terms: TermsOfReference, members) -> None:
    terms.members.all().delete()
    TermsOfReferenceMember.objects.bulk_create(
        TermsOfReferenceMember(
            partnership_id=terms.partnership_id,
            terms=terms,
            organisation=organisation.strip(),
            person_name=person.strip(),
            role=role,
        )
        for organisation, person, role in members
    )


@transaction.atomic
def terms_send_for_approval(
    *, actor: User, membership: Membership, terms: TermsOfReference
) -> TermsOfReference:
    _check_manager(membership, terms.rapid_review)
    terms = _locked(terms)
    if terms.status != TermsStatus.DRAFT:
        raise InvalidTransition(
            f"The terms of reference are {terms.get_status_display().lower()}: only a draft is"
            " sent for approval."
        )
    _validate({f: getattr(terms, f) for f in EDITABLE}, complete=True)
    if not statutory_partners(terms.partnership_id):
        raise InvalidTransition(
            "The partnership has no statutory partner agency to approve the terms of reference."
        )
    terms.status = TermsStatus.AWAITING_APPROVAL
    terms.sent_at = timezone.now()
    terms.save(update_fields=["status", "sent_at", "updated_at"])
    _audit(
        actor,
        terms,
        "rapid_review.terms_send",
        {"status": [TermsStatus.DRAFT.value, terms.status]},
    )
    return terms


def _approving_agency(membership: Membership, agency: Agency | None) -> Agency:
    """An SLO or agency executive approves for their own agency; a business manager records
    the approval of the agency they name."""
    if permissions.can_manage_rapid_reviews(membership):
        if agency is None:
            raise ValidationError({"agency": "Select the agency whose approval you are recording"})
        return agency
    if agency is not None and agency.pk != membership.agency_id:
        raise PermissionDenied("You approve the terms of reference for your own agency only.")
    return membership.agency


@transaction.atomic
def terms_approve(
    *,
    actor: User,
    membership: Membership,
    terms: TermsOfReference,
    agency: Agency | None = None,
    comments: str = "",
) -> TermsOfReference:
    """One approval per statutory partner agency; the last one agrees the version."""
    review = terms.rapid_review
    if not permissions.can_approve_terms(membership, review):
        raise PermissionDenied(permissions.NOT_AN_APPROVER)
    agency = _approving_agency(membership, agency)
    terms = _locked(terms)
    if terms.status != TermsStatus.AWAITING_APPROVAL:
        raise InvalidTransition(
            f"The terms of reference are {terms.get_status_display().lower()}: they are not"
            " awaiting approval."
        )
    partners = statutory_partners(terms.partnership_id)
    if agency.pk not in {a.pk for a in partners}:
        raise ValidationError({"agency": "Select a statutory partner agency"})
    if terms.approvals.filter(agency=agency).exists():
        raise InvalidTransition(f"{agency.name} has already approved this version.")
    TermsOfReferenceApproval.objects.create(
        partnership_id=terms.partnership_id,
        terms=terms,
        agency=agency,
        approved_by=actor,
        recorded_for_agency=membership.agency_id != agency.pk,
        comments=comments.strip(),
    )
    _audit(
        actor,
        terms,
        "rapid_review.terms_approve",
        {"agency": [None, agency.name]},
        note=comments.strip(),
    )
    approved = set(terms.approvals.values_list("agency_id", flat=True))
    if {a.pk for a in partners} <= approved:
        _agree(actor, terms)
    return terms


def _agree(actor: User, terms: TermsOfReference) -> None:
    terms.status = TermsStatus.AGREED
    terms.agreed_at = timezone.now()
    terms.save(update_fields=["status", "agreed_at", "updated_at"])
    _audit(
        actor,
        terms,
        "rapid_review.terms_agreed",
        {"status": [TermsStatus.AWAITING_APPROVAL.value, terms.status]},
    )
    # deadline_meet leaves a met milestone alone: a revised version's agreement changes nothing.
    deadline_meet(actor=actor, case=terms.rapid_review.case, stage=STAGE, key=MILESTONE)


@transaction.atomic
def terms_revise(
    *, actor: User, membership: Membership, terms: TermsOfReference
) -> TermsOfReference:
    """The next draft, a copy of the agreed version and its membership; the agreed one stays."""
    _check_manager(membership, terms.rapid_review)
    terms = _locked(terms)
    if terms.status != TermsStatus.AGREED:
        raise InvalidTransition("Only agreed terms of reference are revised.")
    if current_terms(terms.rapid_review).pk != terms.pk:
        raise InvalidTransition("A newer version of the terms of reference exists.")
    revised = TermsOfReference.objects.create(
        partnership_id=terms.partnership_id,
        rapid_review=terms.rapid_review,
        version=next_version_number(terms.rapid_review.terms.all()),
        created_by=actor,
        **{f: getattr(terms, f) for f in EDITABLE},
    )
    TermsOfReferenceMember.objects.bulk_create(
        TermsOfReferenceMember(
            partnership_id=terms.partnership_id,
            terms=revised,
            organisation=m.organisation,
            person_name=m.person_name,
            role=m.role,
        )
        for m in terms.members.all()
    )
    _audit(actor, revised, "rapid_review.terms_revise", {"from_version": [None, terms.version]})
    return revised
