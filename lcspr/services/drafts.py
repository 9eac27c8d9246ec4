"""The LCSPR report's drafts (issue 14; Dorset 002 7.13-7.16, BCP 003's four-step sign-off,
Swindon 001 section 9): every version uploaded is kept with its number, author, date and
comments (7.13); Legal Services read a named version (7.15); the anonymisation check reads a
version's text for the case subjects' names, dates of birth, addresses, postcodes and NHS
numbers; and the final approval goes through the partnership's `lcspr_report` sign-off chain
(cases.services.signoff), started on a version that passed the legal read (where the
partnership's clock has one) and the anonymisation check. The version it signs off is the final
report (on_signed_off), which publication then requires (lcspr.services.publish)."""

import datetime
from typing import NamedTuple

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Prefetch
from django.utils import timezone

from cases.audit import access_record, audit_record
from cases.errors import InvalidTransition
from cases.models import AccessKind, Membership, SignOff, SignOffStatus, User
from cases.services.deadlines import deadline_meet
from cases.services.documents import attachment_store
from cases.services.signoff import signoff_start
from cases.signoff import chain_steps, signoffs_of_document, signoffs_of_documents
from cases.uploads import check_upload
from lcspr import anonymisation, permissions
from lcspr.choices import LcsprStatus, LegalReadOutcome
from lcspr.models import (
    AnonymisationCheck,
    AnonymisationHit,
    LegalRead,
    LocalReview,
    ReportVersion,
)
from lcspr.services.target import PUBLICATION

DOCUMENT_TYPE = "lcspr_report"
LEGAL_READ_STEP = "legal_read"
# Dorset 002 7.16: the Final Review Meeting "agrees final amendments"; sending the final version
# for approval is when they have been agreed.
FINAL_REVIEW_STEP = "final_review_meeting"
TEXT_LIMIT = 10000
NOT_WRITER = "Only the business manager or the lead reviewer uploads and checks drafts."
NOT_LEGAL = "Only the business manager or Legal Services records the legal read."
NOT_MANAGER = "Only a business manager sends the report for final approval."
RUNNING = (SignOffStatus.IN_PROGRESS, SignOffStatus.RETURNED)


def _text(value) -> str:
    return (value or "").strip()


def _audit(actor, version: ReportVersion, action: str, changes: dict, note: str = "") -> None:
    audit_record(
        actor=actor,
        partnership=version.case.partnership,
        action=action,
        obj=version,
        case=version.case,
        changes=changes,
        note=note,
    )


def _in_progress(review: LocalReview) -> None:
    if review.status != LcsprStatus.IN_PROGRESS:
        raise InvalidTransition(
            f"The LCSPR is {review.get_status_display().lower()}: its drafts cannot change."
        )


# --- Reads ----------------------------------------------------------------------------------------


def versions_of(review: LocalReview):
    """The versions, oldest first, each with its legal reads, checks and their findings (three
    queries for them all: the drafts page and the API read them for every version)."""
    return (
        ReportVersion.objects.filter(review=review)
        .select_related("document", "uploaded_by", "case__partnership", "review")
        .prefetch_related(
            "legal_reads",
            Prefetch("checks", queryset=AnonymisationCheck.objects.prefetch_related("hits")),
        )
        .order_by("number")
    )


def _prefetched(instance, name: str):
    """The rows versions_of prefetched under ``name``, or None when they were not."""
    return getattr(instance, "_prefetched_objects_cache", {}).get(name)


def final_version(review: LocalReview) -> ReportVersion | None:
    return ReportVersion.objects.filter(review=review, final_at__isnull=False).first()


def current_signoff(version: ReportVersion):
    return signoffs_of_document(version, DOCUMENT_TYPE).first()


class DraftsState(NamedTuple):
    """What every version's status and "what is missing" read of the review: its final version
    and each version's newest sign-off (two queries for a whole list of versions)."""

    final: ReportVersion | None
    sign_offs: dict[int, SignOff]


def drafts_state(review: LocalReview) -> DraftsState:
    sign_offs: dict[int, SignOff] = {}
    versions = ReportVersion.objects.filter(review=review).values("pk")
    for sign_off in signoffs_of_documents(
        ReportVersion, versions, review.partnership_id, DOCUMENT_TYPE
    ):
        sign_offs.setdefault(sign_off.object_id, sign_off)
    return DraftsState(final_version(review), sign_offs)


def running_signoff(review: LocalReview, state: DraftsState | None = None):
    """A chain in progress or returned on any version of the review (the latest version's)."""
    state = state or drafts_state(review)
    running = [(pk, s) for pk, s in state.sign_offs.items() if s.status in RUNNING]
    return max(running, key=lambda row: row[0])[1] if running else None


def needs_legal_read(partnership) -> bool:
    """The partnership's clock has a legal read before publication (Dorset 7.15)."""
    stage = ((partnership.workflow or {}).get("stages") or {}).get(PUBLICATION) or {}
    return any(m.get("key") == LEGAL_READ_STEP for m in stage.get("milestones") or [])


def latest_legal_read(version: ReportVersion) -> LegalRead | None:
    reads = _prefetched(version, "legal_reads")
    if reads is not None:
        return max(reads, key=lambda r: (r.read_on, r.recorded_at, r.pk), default=None)
    return version.legal_reads.order_by("-read_on", "-recorded_at", "-pk").first()


def latest_check(version: ReportVersion) -> AnonymisationCheck | None:
    checks = _prefetched(version, "checks")
    if checks is not None:
        return max(checks, key=lambda c: (c.run_at, c.pk), default=None)
    return version.checks.order_by("-run_at", "-pk").first()


def _open_hit_count(check: AnonymisationCheck) -> int:
    hits = _prefetched(check, "hits")
    if hits is not None:
        return sum(h.accepted_at is None for h in hits)
    return open_hits(check).count()


def open_hits(check: AnonymisationCheck | None):
    if check is None:
        return AnonymisationHit.objects.none()
    return check.hits.filter(accepted_at__isnull=True)


def findings_read(user, version: ReportVersion, check: AnonymisationCheck | None) -> None:
    """The findings quote the case subjects' details found in the text: showing them is a
    read of personal details, written to the case's access log."""
    if check is not None and check.hits.exists():
        access_record(
            user=user,
            case=version.case,
            kind=AccessKind.VIEW_PERSONAL_DETAILS,
            object_repr=f"the anonymisation findings of version {version.number}",
        )


def version_status(version: ReportVersion, sign_off=None, state: DraftsState | None = None) -> str:
    """Final, in sign-off (or returned for changes), or a draft."""
    if version.final_at:
        return "Final report"
    if sign_off is None:
        sign_off = state.sign_offs.get(version.pk) if state else current_signoff(version)
    if sign_off is not None and sign_off.status == SignOffStatus.IN_PROGRESS:
        return "In sign-off"
    if sign_off is not None and sign_off.status == SignOffStatus.RETURNED:
        return "Returned for changes"
    return "Draft"


def final_missing(version: ReportVersion, state: DraftsState | None = None) -> dict[str, str]:
    """What stands in the way of sending this version for final approval, every item at once."""
    missing: dict[str, str] = {}
    review = version.review
    n = version.number
    state = state or drafts_state(review)
    if state.final is not None:
        missing["version"] = f"Version {state.final.number} is already the final report"
        return missing
    if running_signoff(review, state) is not None:
        missing["version"] = "A version of the report is already in sign-off"
        return missing
    if needs_legal_read(version.case.partnership):
        read = latest_legal_read(version)
        if read is None:
            missing["legal_read"] = f"Record Legal Services' read of version {n} first"
        elif read.outcome != LegalReadOutcome.APPROVED:
            missing["legal_read"] = f"Legal Services asked for changes to version {n}"
    check = latest_check(version)
    if check is None:
        missing["anonymisation"] = f"Run the anonymisation check on version {n} first"
    elif check.characters == 0:
        missing["anonymisation"] = (
            f"The anonymisation check found no text in version {n}: upload a version with text"
        )
    elif count := _open_hit_count(check):
        missing["anonymisation"] = (
            f"Accept each of the {count} anonymisation finding{'s' if count != 1 else ''} with "
            "a reason, or upload a new version"
        )
    return missing


def drafts_context(membership: Membership, review: LocalReview) -> dict:
    """For the LCSPR page: the versions, the final one, and what the member may do."""
    versions = list(versions_of(review))
    return {
        "report_versions": versions,
        "final_report": next((v for v in versions if v.final_at), None),
        "can_write_drafts": review.status == LcsprStatus.IN_PROGRESS
        and permissions.can_write_drafts(membership, review),
    }


# --- Writes ---------------------------------------------------------------------------------------


def _lock_review(review: LocalReview) -> LocalReview:
    return (
        LocalReview.objects.select_for_update()
        .select_related("case__partnership")
        .get(pk=review.pk)
    )


@transaction.atomic
def draft_upload(
    *, actor: User, membership: Membership, review: LocalReview, uploaded, comments: str = ""
) -> ReportVersion:
    """A new version, numbered after the last; the file a document of the case."""
    if not permissions.can_write_drafts(membership, review):
        raise PermissionDenied(NOT_WRITER)
    review = _lock_review(review)
    _in_progress(review)
    errors = {}
    comments = _text(comments)
    if len(comments) > TEXT_LIMIT:
        errors["comments"] = "The comments must be 10,000 characters or fewer"
    if uploaded is None:
        errors["document"] = "Select the draft report"
    else:
        try:
            checked = check_upload(uploaded)
        except ValidationError as exc:
            errors["document"] = exc.messages[0]
        else:
            if checked.content_type not in anonymisation.DRAFT_TYPES:
                errors["document"] = "The selected file must be a Word (DOCX) or PDF file"
    if errors:
        raise ValidationError(errors)
    number = (ReportVersion.objects.filter(review=review).aggregate(n=Max("number"))["n"] or 0) + 1
    document = attachment_store(
        actor=actor,
        case=review.case,
        uploaded=uploaded,
        description=f"LCSPR report, version {number}",
    )
    version = ReportVersion.objects.create(
        partnership_id=review.partnership_id,
        case=review.case,
        review=review,
        number=number,
        document=document,
        comments=comments,
        uploaded_by=actor,
    )
    _audit(
        actor,
        version,
        "lcspr_draft.upload",
        {"number": [None, number], "file": [None, document.original_name]},
        note=comments[:500],
    )
    return version


@transaction.atomic
def legal_read_record(
    *,
    actor: User,
    membership: Membership,
    version: ReportVersion,
    adviser_name: str,
    read_on: datetime.date | None,
    outcome: str,
    comments: str = "",
) -> LegalRead:
    """Legal Services' read of this version. Approving the latest version meets the clock's
    legal read step (Dorset 7.15: sight of the final copy), on the day of the read."""
    review = version.review
    if not permissions.can_record_legal_read(membership, review):
        raise PermissionDenied(NOT_LEGAL)
    review = _lock_review(review)
    _in_progress(review)
    errors = {}
    adviser_name, comments = _text(adviser_name), _text(comments)
    if not adviser_name:
        errors["adviser_name"] = "Enter the name of the legal adviser"
    elif len(adviser_name) > 200:
        errors["adviser_name"] = "The legal adviser's name must be 200 characters or fewer"
    if read_on is None:
        errors["read_on"] = "Enter the date of the legal read"
    elif read_on > timezone.localdate():
        errors["read_on"] = "The date of the legal read must be today or in the past"
    elif read_on < timezone.localdate(version.uploaded_at):
        errors["read_on"] = (
            "The date of the legal read must be on or after the day the version was uploaded"
        )
    if outcome not in LegalReadOutcome.values:
        errors["outcome"] = "Select the outcome of the legal read"
    elif outcome == LegalReadOutcome.CHANGES_NEEDED and not comments:
        errors["comments"] = "Enter the changes Legal Services asked for"
    if len(comments) > TEXT_LIMIT:
        errors["comments"] = "The comments must be 10,000 characters or fewer"
    if errors:
        raise ValidationError(errors)
    read = LegalRead.objects.create(
        partnership_id=version.partnership_id,
        version=version,
        adviser_name=adviser_name,
        read_on=read_on,
        outcome=outcome,
        comments=comments,
        recorded_by=actor,
    )
    _audit(
        actor,
        version,
        "lcspr_draft.legal_read",
        {
            "number": [None, version.number],
            "adviser_name": [None, adviser_name],
            "read_on": [None, read_on.isoformat()],
            "outcome": [None, outcome],
        },
        note=comments[:500],
    )
    latest = ReportVersion.objects.filter(review=review).aggregate(n=Max("number"))["n"]
    if outcome == LegalReadOutcome.APPROVED and version.number == latest:
        deadline_meet(
            actor=actor, case=review.case, stage=PUBLICATION, key=LEGAL_READ_STEP, met_on=read_on
        )
    return read


@transaction.atomic
def anonymisation_run(
    *, actor: User, membership: Membership, version: ReportVersion
) -> AnonymisationCheck:
    """Read the version's text and record every subject's detail found in it."""
    review = version.review
    if not permissions.can_write_drafts(membership, review):
        raise PermissionDenied(NOT_WRITER)
    review = _lock_review(review)
    _in_progress(review)
    document = version.document
    try:
        with document.file.open("rb") as handle:
            data = handle.read()
        text = anonymisation.draft_text(data, document.content_type)
    except anonymisation.UnreadableDraft as exc:
        raise ValidationError({"version": str(exc)}) from exc
    subjects = list(review.case.subjects.filter(archived_at__isnull=True).order_by("pk"))
    findings = anonymisation.find_hits(text, subjects)
    check = AnonymisationCheck.objects.create(
        partnership_id=version.partnership_id,
        version=version,
        characters=len(text.strip()),
        run_by=actor,
    )
    AnonymisationHit.objects.bulk_create(
        AnonymisationHit(
            partnership_id=version.partnership_id,
            check_run=check,
            subject=f.subject,
            kind=f.kind,
            found=f.found[:300],
            occurrences=f.occurrences,
            contexts=f.contexts,
        )
        for f in findings
    )
    _audit(
        actor,
        version,
        "lcspr_draft.anonymisation_check",
        {
            "number": [None, version.number],
            "hits": [None, len(findings)],
            "characters": [None, check.characters],
        },
    )
    return check


@transaction.atomic
def hit_accept(
    *, actor: User, membership: Membership, hit: AnonymisationHit, reason: str
) -> AnonymisationHit:
    """A finding that may stay in the report (e.g. a professional who shares a name), with why."""
    version = hit.check_run.version
    if not permissions.can_write_drafts(membership, version.review):
        raise PermissionDenied(NOT_WRITER)
    _in_progress(_lock_review(version.review))
    hit = AnonymisationHit.objects.select_for_update().get(pk=hit.pk)
    if hit.accepted_at is not None:
        raise InvalidTransition("This finding has already been accepted.")
    reason = _text(reason)
    if not reason:
        raise ValidationError({"reason": "Enter why this can stay in the report"})
    if len(reason) > TEXT_LIMIT:
        raise ValidationError({"reason": "The reason must be 10,000 characters or fewer"})
    hit.accepted_reason = reason
    hit.accepted_by = actor
    hit.accepted_at = timezone.now()
    hit.save(update_fields=["accepted_reason", "accepted_by", "accepted_at"])
    _audit(
        actor,
        version,
        "lcspr_draft.hit_accept",
        {"number": [None, version.number], "kind": [None, hit.kind]},
        note=reason[:500],
    )
    return hit


@transaction.atomic
def final_send_for_sign_off(
    *, actor: User, membership: Membership, version: ReportVersion, comments: str = ""
):
    """Start the partnership's `lcspr_report` chain on this version: it passed the legal read
    (where the clock has one) and the anonymisation check, each finding accepted."""
    review = version.review
    if not permissions.can_manage_lcspr(membership, review.case):
        raise PermissionDenied(NOT_MANAGER)
    review = _lock_review(review)
    _in_progress(review)
    if not chain_steps(review.case.partnership, DOCUMENT_TYPE):
        raise InvalidTransition("The partnership has no sign-off chain for the LCSPR report.")
    missing = final_missing(version)
    if missing:
        raise ValidationError(missing)
    sign_off = signoff_start(
        actor=actor,
        membership=membership,
        case=review.case,
        document_type=DOCUMENT_TYPE,
        document=version,
        comments=comments,
    )
    _audit(actor, version, "lcspr_draft.send", {"number": [None, version.number]})
    deadline_meet(actor=actor, case=review.case, stage=PUBLICATION, key=FINAL_REVIEW_STEP)
    return sign_off


def on_signed_off(actor, sign_off) -> None:
    """The `lcspr_report` chain signed a version off: it is the final report."""
    if sign_off.document_type != DOCUMENT_TYPE:
        return
    version = sign_off.document
    if not isinstance(version, ReportVersion) or version.final_at is not None:
        return
    version.final_at = timezone.now()
    version.save(update_fields=["final_at"])
    _audit(actor, version, "lcspr_draft.final", {"number": [None, version.number]})
