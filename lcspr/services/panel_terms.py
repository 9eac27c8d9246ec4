"""The LCSPR's terms of reference (Swindon 001 Appendix 5, with Appendix 6's timeline), in
numbered versions, one service per transition, each audited:

    panel_terms_draft     version 1, prefilled from the case, the appointed reviewer and the
                          LCSPR's clock (the timeline: its milestones and their dates)
    panel_terms_update    a draft's sections and timeline
    panel_terms_sign_off  version 1 signed off at a held review panel meeting of the case (the
                          first panel, Dorset 002 7.8): meets the clock's `first_panel_meeting`
                          step where the partnership's settings have it, on the meeting's date
    panel_terms_revise    a later change: the next draft, a copy of the newest version
    panel_terms_approve   a later version approved by the review group (who, and when)

Old versions are kept; cases.versions numbers them."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from cases.audit import audit_record
from cases.errors import InvalidTransition
from cases.models import Deadline, Meeting, MeetingKind, MeetingStatus, Membership, User
from cases.services.deadlines import deadline_meet
from cases.versions import latest_version, next_version_number
from lcspr import permissions
from lcspr.choices import LIVE_STATUSES, PanelTermsStatus
from lcspr.models import LocalReview, PanelTerms
from lcspr.services.reviewers import appointed_reviewer
from lcspr.services.start import STAGE
from lcspr.services.target import PUBLICATION

NOT_ALLOWED = "Only a business manager drafts and records the LCSPR's terms of reference."
MILESTONE = "first_panel_meeting"
TEXT_LIMIT = 20000
# Appendix 5's headings, in its order: (field, heading).
SECTIONS = (
    ("overview", "Overview"),
    ("purpose", "Purpose and principles"),
    ("process", "Process"),
    ("methodology", "Methodology"),
    ("lead_reviewer", "Lead reviewer"),
    ("lines_of_enquiry", "Key lines of enquiry"),
    ("timeframe", "Timeframe for the review"),
    ("family_involvement", "Family involvement in the review"),
    ("agencies", "Relevant agencies"),
    ("key_steps", "Anticipated timing of key steps in the review process"),
)
EDITABLE = (*(f for f, _h in SECTIONS), "timeline", "change_summary")
# What a version needs before it is signed off or approved.
REQUIRED = {
    "overview": "Enter the overview",
    "purpose": "Enter the purpose and principles",
    "lines_of_enquiry": "Enter the key lines of enquiry",
    "timeframe": "Enter the timeframe for the review",
    "family_involvement": "Enter how the family will be involved in the review",
    "agencies": "Enter the relevant agencies",
}
PURPOSE = (
    "To identify improvements to be made to safeguard and promote the welfare of children:"
    " what happened, why, and what the agencies will do to reduce the risk of it happening"
    " again. The review is not to hold any individual or organisation to account."
)
FAMILY = (
    "The family will be told about the review and invited to contribute; their views will be"
    " sought before the report is finalised. Family engagement is a standing item at every"
    " review panel meeting."
)


def current_terms(review: LocalReview) -> PanelTerms | None:
    return latest_version(review.terms.all())


def terms_in_force(review: LocalReview) -> PanelTerms | None:
    """The newest version signed off or approved."""
    return latest_version(review.terms.exclude(status=PanelTermsStatus.DRAFT))


def _check(membership: Membership, review: LocalReview) -> None:
    if not permissions.can_manage_lcspr(membership, review.case):
        raise PermissionDenied(NOT_ALLOWED)


def _audit(actor, terms: PanelTerms, action: str, changes=None, note="") -> None:
    audit_record(
        actor=actor,
        partnership=terms.review.case.partnership,
        action=action,
        obj=terms,
        case=terms.review.case,
        changes={"version": [None, terms.version], **(changes or {})},
        note=note,
    )


def clock_timeline(review: LocalReview) -> list[dict]:
    """Appendix 6's rows from the LCSPR's clock: its milestones and publication steps, by
    date."""
    steps = Deadline.objects.filter(case=review.case, stage__in=(STAGE, PUBLICATION)).order_by(
        "due", "pk"
    )
    return [{"step": d.label, "date": d.due.isoformat()} for d in steps]


def _prefill(review: LocalReview) -> dict:
    case = review.case
    reviewer = appointed_reviewer(review)
    six_months = Deadline.objects.filter(case=case, stage=STAGE, key="lcspr_complete").first()
    timeframe = f"The review starts on {review.day_zero:%-d %B %Y}" + (
        f" and is to be completed and published by {six_months.due:%-d %B %Y}."
        if six_months
        else "."
    )
    return {
        "overview": case.summary,
        "purpose": PURPOSE,
        "lead_reviewer": (
            f"{reviewer.name}" + (f" ({reviewer.organisation})" if reviewer.organisation else "")
            if reviewer
            else ""
        ),
        "timeframe": timeframe,
        "family_involvement": FAMILY,
        "agencies": "\n".join(a.name for a in case.agencies.order_by("name")),
        "timeline": clock_timeline(review),
    }


def clean_timeline(rows, errors: dict) -> list[dict]:
    """A list of {"step", "date"}: each step named, each date a real date (or empty)."""
    cleaned, problems = [], []
    for n, row in enumerate(rows or [], 1):
        step = str((row or {}).get("step") or "").strip()
        date = (row or {}).get("date") or ""
        if isinstance(date, datetime.date):
            date = date.isoformat()
        if not step and not date:
            continue
        if not step:
            problems.append(f"Row {n}: enter the step")
        elif len(step) > 300:
            problems.append(f"Row {n}: the step must be 300 characters or fewer")
        if date:
            try:
                datetime.date.fromisoformat(str(date))
            except ValueError:
                problems.append(f"Row {n}: the date must be a real date")
        cleaned.append({"step": step, "date": str(date)})
    if problems:
        errors["timeline"] = "; ".join(problems)
    return cleaned


def _validate(values: dict, *, complete: bool) -> None:
    errors = {}
    for field in EDITABLE:
        value = values.get(field)
        if isinstance(value, str) and len(value) > TEXT_LIMIT:
            errors[field] = "The text must be 20,000 characters or fewer"
    if complete:
        for field, message in REQUIRED.items():
            if not (values.get(field) or "").strip():
                errors[field] = message
    if errors:
        raise ValidationError(errors)


def _locked(terms: PanelTerms) -> PanelTerms:
    return (
        PanelTerms.objects.select_for_update(of=("self",))
        .select_related("review__case__partnership")
        .get(pk=terms.pk)
    )


@transaction.atomic
def panel_terms_draft(*, actor: User, membership: Membership, review: LocalReview) -> PanelTerms:
    _check(membership, review)
    review = LocalReview.objects.select_for_update().get(pk=review.pk)
    if review.status not in LIVE_STATUSES:
        raise InvalidTransition("The terms of reference are drafted while the LCSPR is live.")
    if review.terms.exists():
        raise InvalidTransition("The terms of reference have already been drafted.")
    terms = PanelTerms.objects.create(
        partnership_id=review.partnership_id,
        review=review,
        version=1,
        created_by=actor,
        **_prefill(review),
    )
    _audit(actor, terms, "lcspr_terms.draft")
    return terms


@transaction.atomic
def panel_terms_update(
    *, actor: User, membership: Membership, terms: PanelTerms, **values
) -> PanelTerms:
    """Change a draft's sections (those given); every error at once."""
    _check(membership, terms.review)
    terms = _locked(terms)
    if terms.status != PanelTermsStatus.DRAFT:
        raise InvalidTransition("Only a draft of the terms of reference can be changed.")
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise ValidationError(dict.fromkeys(unknown, "Not a field of the terms of reference"))
    errors: dict[str, str] = {}
    values = {k: (v or "").strip() if k != "timeline" else v for k, v in values.items()}
    if "timeline" in values:
        values["timeline"] = clean_timeline(values["timeline"], errors)
    try:
        _validate(values, complete=False)
    except ValidationError as exc:
        errors.update({k: v[0] for k, v in exc.message_dict.items()})
    if errors:
        raise ValidationError(errors)
    changes = {}
    for field, value in values.items():
        before = getattr(terms, field)
        if before != value:
            changes[field] = (
                ["", f"{len(value)} rows"] if field == "timeline" else [before or None, value]
            )
            setattr(terms, field, value)
    terms.save()
    _audit(actor, terms, "lcspr_terms.update", changes)
    return terms


def panel_meetings(review: LocalReview):
    """The case's review panel meetings, the choices for signing off version 1."""
    return Meeting.objects.filter(case=review.case_id, kind=MeetingKind.REVIEW_PANEL).order_by(
        "starts_at", "pk"
    )


@transaction.atomic
def panel_terms_sign_off(
    *, actor: User, membership: Membership, terms: PanelTerms, meeting: Meeting | None
) -> PanelTerms:
    """Version 1 signed off at a held review panel meeting of the case (the first panel); the
    clock's `first_panel_meeting` step is met on the meeting's date."""
    _check(membership, terms.review)
    terms = _locked(terms)
    if terms.status != PanelTermsStatus.DRAFT:
        raise InvalidTransition("Only a draft of the terms of reference is signed off.")
    if terms.version != 1:
        raise InvalidTransition(
            "A later version of the terms of reference is approved by the review group."
        )
    errors = {}
    try:
        _validate({f: getattr(terms, f) for f in EDITABLE}, complete=True)
    except ValidationError as exc:
        errors.update({k: v[0] for k, v in exc.message_dict.items()})
    if meeting is None:
        errors["meeting"] = (
            "Select the review panel meeting the terms of reference were signed off at"
        )
    elif (
        meeting.case_id != terms.review.case_id
        or meeting.kind != MeetingKind.REVIEW_PANEL
        or meeting.status != MeetingStatus.HELD
    ):
        errors["meeting"] = (
            "Select a review panel meeting of this case that has been held (record its"
            " attendance first)"
        )
    if errors:
        raise ValidationError(errors)
    terms.status = PanelTermsStatus.SIGNED_OFF
    terms.meeting = meeting
    terms.decided_by = actor
    terms.decided_at = timezone.now()
    terms.save(update_fields=["status", "meeting", "decided_by", "decided_at", "updated_at"])
    held_on = timezone.localtime(meeting.starts_at).date()
    _audit(
        actor,
        terms,
        "lcspr_terms.sign_off",
        {"status": [PanelTermsStatus.DRAFT.value, terms.status], "meeting": [None, meeting.title]},
    )
    deadline_meet(actor=actor, case=terms.review.case, stage=STAGE, key=MILESTONE, met_on=held_on)
    return terms


@transaction.atomic
def panel_terms_revise(
    *, actor: User, membership: Membership, review: LocalReview, change_summary: str = ""
) -> PanelTerms:
    """The next draft, a copy of the newest version (signed off or approved); that one stays."""
    _check(membership, review)
    review = LocalReview.objects.select_for_update().get(pk=review.pk)
    current = current_terms(review)
    if current is None:
        raise InvalidTransition("Draft the terms of reference first.")
    if current.status == PanelTermsStatus.DRAFT:
        raise InvalidTransition(f"Version {current.version} is still a draft: change that one.")
    change_summary = (change_summary or "").strip()
    if len(change_summary) > TEXT_LIMIT:
        raise ValidationError({"change_summary": "The text must be 20,000 characters or fewer"})
    revised = PanelTerms.objects.create(
        partnership_id=review.partnership_id,
        review=review,
        version=next_version_number(review.terms.all()),
        created_by=actor,
        **{f: getattr(current, f) for f in EDITABLE if f != "change_summary"},
        change_summary=change_summary,
    )
    _audit(actor, revised, "lcspr_terms.revise", {"from_version": [None, current.version]})
    return revised


@transaction.atomic
def panel_terms_approve(
    *,
    actor: User,
    membership: Membership,
    terms: PanelTerms,
    approved_by: str = "",
    approved_on: datetime.date | None = None,
) -> PanelTerms:
    """A later version approved by the review group: who approved it, and when."""
    _check(membership, terms.review)
    terms = _locked(terms)
    if terms.status != PanelTermsStatus.DRAFT:
        raise InvalidTransition("Only a draft of the terms of reference is approved.")
    if terms.version == 1:
        raise InvalidTransition(
            "Version 1 of the terms of reference is signed off at the first panel meeting."
        )
    errors = {}
    try:
        _validate({f: getattr(terms, f) for f in EDITABLE}, complete=True)
    except ValidationError as exc:
        errors.update({k: v[0] for k, v in exc.message_dict.items()})
    if not terms.change_summary.strip():
        errors["change_summary"] = "Enter what changed in this version"
    approved_by = (approved_by or "").strip()
    if not approved_by:
        errors["approved_by"] = "Enter who approved the change"
    elif len(approved_by) > 300:
        errors["approved_by"] = "Who approved the change must be 300 characters or fewer"
    if approved_on is None:
        errors["approved_on"] = "Enter the date the change was approved"
    elif approved_on > timezone.localdate():
        errors["approved_on"] = "The date the change was approved must be today or in the past"
    if errors:
        raise ValidationError(errors)
    terms.status = PanelTermsStatus.APPROVED
    terms.approved_by = approved_by
    terms.approved_on = approved_on
    terms.decided_by = actor
    terms.decided_at = timezone.now()
    terms.save(
        update_fields=[
            "status",
            "approved_by",
            "approved_on",
            "decided_by",
            "decided_at",
            "updated_at",
        ]
    )
    _audit(
        actor,
        terms,
        "lcspr_terms.approve",
        {
            "status": [PanelTermsStatus.DRAFT.value, terms.status],
            "approved_by": [None, approved_by],
            "approved_on": [None, approved_on.isoformat()],
        },
    )
    return terms
