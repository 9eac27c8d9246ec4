"""The rapid review report (issue 13): drafted prefilled from the case and the terms of
reference, edited by several people (every save a version; concurrent edits merge section by
section, a section both people changed is refused with both texts), sent through the
partnership's sign-off chain (`rapid_review_report`), submitted to the National Panel by day 15
(the report and covering letter PDFs, the `rapid_review_submission` notice, the review
`submitted`, the outcome e-mails, the action items), then concluded with the partnership's
decision (an LCSPR, a learning review or closure), which starts the matching stage."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from cases.audit import audit_record
from cases.clock import event_day_zero
from cases.emails import email_enqueue
from cases.errors import InvalidTransition
from cases.models import (
    ActionItem,
    Agency,
    Deadline,
    Membership,
    NoticeKind,
    SignOffStatus,
    SubjectRole,
    User,
)
from cases.services.actions import action_items_follow
from cases.services.deadlines import deadline_meet, stage_start
from cases.services.documents import attachment_store
from cases.services.notices import notice_create, notice_record_sent
from cases.services.signoff import signoff_start
from cases.signoff import signoffs_of_document
from rapid_reviews import permissions
from rapid_reviews import report_sections as rs
from rapid_reviews.choices import ReportStatus, ReviewDecision, ReviewStatus
from rapid_reviews.models import (
    RapidReview,
    RapidReviewOutcome,
    RapidReviewReport,
    RapidReviewReportVersion,
)
from rapid_reviews.services.start import STAGE
from rapid_reviews.services.terms import current_terms

DOCUMENT_TYPE = "rapid_review_report"
BACKSTOP_STEP = "awareness_backstop"
COMMENT_LIMIT = 500
# The stage each decision starts, where the partnership's settings have it; the decision's date
# is the stage's day zero event (cases/workflow/vocabulary.py DAY_ZERO_EVENTS).
DECISION_STAGES = {ReviewDecision.LCSPR: "lcspr", ReviewDecision.LEARNING_REVIEW: "learning_review"}
DECISION_EVENTS = {
    ReviewDecision.LCSPR: "review_decision",
    ReviewDecision.LEARNING_REVIEW: "learning_review_decision",
}


class ReportConflict(InvalidTransition):
    """Someone saved a section this save also changed, since the version it started from.
    ``conflicts``: one dict per section (key, label, by, theirs, mine), for the page's error
    and the API's 409."""

    def __init__(self, conflicts: list[dict], current_version: int):
        self.conflicts = conflicts
        self.current_version = current_version
        super().__init__(" ".join(c["message"] for c in conflicts))


# --- Prefill --------------------------------------------------------------------------------------

# Where other parts of the rapid review add to the first version: each (review, content) -> None
# fills what it knows (the agencies' returns' answers are added here once they are built:
# register_prefill from the app that holds them).
_prefill_contributors: list[Callable[[RapidReview, dict], None]] = []


def register_prefill(contributor: Callable[[RapidReview, dict], None]) -> None:
    if contributor not in _prefill_contributors:
        _prefill_contributors.append(contributor)


def _person(subject) -> str:
    relationship = (
        "the child"
        if subject.role == SubjectRole.CHILD
        else subject.relationship_to_child or subject.get_role_display()
    )
    born = f"born {subject.date_of_birth:%-d %B %Y}" if subject.date_of_birth else ""
    return ", ".join(part for part in (str(subject), relationship, born) if part)


def report_prefill(review: RapidReview) -> dict:
    """The first version's content: from the case (its summary, incident date, people and
    agencies), the current terms of reference (membership, scope), then each registered
    contributor (the returns)."""
    case = review.case
    content = rs.empty_content()
    summary = case.summary.strip()
    if case.incident_date:
        summary = f"Date of the incident: {case.incident_date:%-d %B %Y}.\n\n{summary}".strip()
    content["summary"] = summary
    subjects = case.subjects.filter(archived_at__isnull=True).order_by("role", "pk")
    content["family_composition"] = "\n".join(_person(s) for s in subjects)
    terms = current_terms(review)
    if terms is not None:
        content["participants"] = "\n".join(
            ", ".join(p for p in (m.person_name, m.get_role_display(), m.organisation) if p)
            for m in terms.members.all()
        )
        scope = ""
        if terms.scope_from and terms.scope_to:
            scope = f"Scope period: {terms.scope_from:%-d %B %Y} to {terms.scope_to:%-d %B %Y}."
        content["case_summary"] = "\n\n".join(p for p in (terms.background.strip(), scope) if p)
    for contributor in _prefill_contributors:
        contributor(review, content)
    return content


# --- Reads ----------------------------------------------------------------------------------------


def report_of(review: RapidReview) -> RapidReviewReport | None:
    return RapidReviewReport.objects.filter(rapid_review=review).first()


def current_signoff(report: RapidReviewReport):
    return signoffs_of_document(report, DOCUMENT_TYPE).first()


def effective_status(report: RapidReviewReport, sign_off=None) -> str:
    """The report's status, with the chain's outcome read in (the chain tells no one when it
    ends, ADR 0013): signed off when its last step is, a draft again when it was withdrawn."""
    if report.status != ReportStatus.IN_SIGN_OFF:
        return report.status
    sign_off = sign_off or current_signoff(report)
    if sign_off is None or sign_off.status == SignOffStatus.WITHDRAWN:
        return ReportStatus.DRAFT
    if sign_off.status == SignOffStatus.SIGNED_OFF:
        return ReportStatus.SIGNED_OFF
    return ReportStatus.IN_SIGN_OFF


def is_editable(report: RapidReviewReport, sign_off=None) -> bool:
    """A draft, or a report returned for changes by its chain."""
    if report.status == ReportStatus.DRAFT:
        return True
    if report.status != ReportStatus.IN_SIGN_OFF:
        return False
    sign_off = sign_off or current_signoff(report)
    return sign_off is None or sign_off.status in (SignOffStatus.RETURNED, SignOffStatus.WITHDRAWN)


def report_errors(content: dict) -> dict[str, str]:
    """What the report still needs before sign-off: every missing section at once."""
    errors = {}
    for section in rs.SECTIONS:
        value = content.get(section.key, rs.empty_value(section))
        if section.required and rs.is_blank(section.key, value):
            errors[section.key] = section.required
    recommendation = content.get("recommendation") or {}
    needed = rs.DETAIL_REQUIRED.get(recommendation.get("choice") or "")
    if needed and not recommendation.get("other"):
        errors["recommendation"] = needed
    return errors


def parse_due(text: str) -> datetime.date | None:
    text = (text or "").strip()
    if not text:
        return None
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d %B %Y", "%d %b %Y"):
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


# --- Helpers --------------------------------------------------------------------------------------


def _name(user) -> str:
    return (getattr(user, "full_name", "") or getattr(user, "email", "")) or "Someone"


def report_audit(actor, report: RapidReviewReport, action: str, changes=None, note="", obj=None):
    review = report.rapid_review
    return audit_record(
        actor=actor,
        partnership=review.case.partnership,
        action=action,
        obj=obj or report,
        case=review.case,
        changes=changes or {},
        note=note,
    )


def report_locked(report: RapidReviewReport) -> RapidReviewReport:
    return (
        RapidReviewReport.objects.select_for_update(of=("self",))
        .select_related("rapid_review__case__partnership")
        .get(pk=report.pk)
    )


def _check_editor(membership: Membership, review: RapidReview) -> None:
    if not permissions.can_edit_report(membership, review):
        raise PermissionDenied(permissions.NOT_A_REPORT_EDITOR)


def _snapshot(report, actor, changed, comment="") -> RapidReviewReportVersion:
    return RapidReviewReportVersion.objects.create(
        partnership_id=report.partnership_id,
        report=report,
        number=report.version,
        content=report.content,
        changed_sections=list(changed),
        saved_by=actor,
        comment=comment[:COMMENT_LIMIT],
    )


def _labels(keys) -> str:
    return "; ".join(rs.BY_KEY[k].label for k in keys)


# --- Transitions ----------------------------------------------------------------------------------


@transaction.atomic
def report_create(*, actor: User, membership: Membership, review: RapidReview) -> RapidReviewReport:
    """Version 1, prefilled (report_prefill)."""
    _check_editor(membership, review)
    review = RapidReview.objects.select_for_update().select_related("case").get(pk=review.pk)
    if review.status != ReviewStatus.IN_PROGRESS:
        raise InvalidTransition("The report is drafted while the rapid review is in progress.")
    if RapidReviewReport.objects.filter(rapid_review=review).exists():
        raise InvalidTransition("The report has already been drafted.")
    content = report_prefill(review)
    report = RapidReviewReport.objects.create(
        partnership_id=review.partnership_id,
        rapid_review=review,
        content=content,
        created_by=actor,
    )
    changed = [k for k in rs.KEYS if not rs.is_blank(k, content[k])]
    _snapshot(report, actor, changed, "Drafted, prefilled from the case")
    report_audit(actor, report, "rapid_review.report_draft", {"version": [None, 1]})
    return report


def _clean_sections(sections: dict) -> dict:
    errors, clean = {}, {}
    for key, value in sections.items():
        if key not in rs.BY_KEY:
            errors[key] = "Not a section of the report"
            continue
        try:
            clean[key] = rs.normalise(key, value)
        except ValueError as error:
            errors[key] = str(error)
            continue
        if key == "learning_actions":
            for n, row in enumerate(clean[key], 1):
                try:
                    parse_due(row.get("due", ""))
                except ValueError:
                    errors[key] = (
                        f"Row {n}: enter the due date as a real date, for example 2027-03-31"
                    )
    if errors:
        raise ValidationError(errors)
    return clean


@transaction.atomic
def report_save(
    *,
    actor: User,
    membership: Membership,
    report: RapidReviewReport,
    base_version: int,
    sections: dict,
    comment: str = "",
) -> RapidReviewReport:
    """Save the sections given, edited from ``base_version``. When someone saved since: the
    sections only one of the two changed keep that change; a section both changed differently
    refuses the whole save (ReportConflict, naming each one with both texts), so nothing is
    lost. A save that changes nothing makes no version."""
    _check_editor(membership, report.rapid_review)
    clean = _clean_sections(sections)
    report = report_locked(report)
    if not is_editable(report):
        raise InvalidTransition(
            f"The report is {report.get_status_display().lower()}: it can be changed while it is"
            " a draft or returned for changes."
        )
    if not isinstance(base_version, int) or not 1 <= base_version <= report.version:
        raise ValidationError({"base_version": "Give the version you started editing from"})
    current = report.content
    if base_version == report.version:
        base = current
        later = []
    else:
        base = report.versions.get(number=base_version).content
        later = list(
            report.versions.filter(number__gt=base_version)
            .select_related("saved_by")
            .order_by("-number")
        )
    conflicts, merged = [], dict(current)
    for key, mine in clean.items():
        section = rs.BY_KEY[key]
        before = base.get(key, rs.empty_value(section))
        now = current.get(key, rs.empty_value(section))
        if mine == before:
            continue  # this person did not touch it: whatever is there now stays
        if now != before and mine != now:
            by = next((v.saved_by for v in later if key in v.changed_sections), None)
            conflicts.append(
                {
                    "key": key,
                    "label": section.label,
                    "by": _name(by),
                    "theirs": rs.as_text(key, now),
                    "mine": rs.as_text(key, mine),
                    "message": f"{_name(by)} changed ‘{section.label}’ while you were editing:"
                    " your text is below; copy what you need",
                }
            )
            continue
        merged[key] = mine
    if conflicts:
        raise ReportConflict(conflicts, report.version)
    changed = [k for k in rs.KEYS if merged.get(k) != current.get(k)]
    if not changed:
        return report
    before_version = report.version
    report.version += 1
    report.content = merged
    report.save(update_fields=["version", "content", "updated_at"])
    _snapshot(report, actor, changed, comment.strip())
    report_audit(
        actor,
        report,
        "rapid_review.report_save",
        {"version": [before_version, report.version], "sections": [None, _labels(changed)]},
        note=comment.strip()[:COMMENT_LIMIT],
    )
    return report


@transaction.atomic
def report_send_for_sign_off(
    *, actor: User, membership: Membership, report: RapidReviewReport, comments: str = ""
):
    """Check the report is complete (every missing section at once), then start the
    partnership's `rapid_review_report` chain. A chain returned for changes is resubmitted on
    the sign-off page; one withdrawn can be started again."""
    review = report.rapid_review
    if not (
        permissions.can_edit_report(membership, review)
        or permissions.can_manage_review(membership, review.case)
    ):
        raise PermissionDenied(permissions.NOT_A_REPORT_EDITOR)
    report = report_locked(report)
    if effective_status(report) != ReportStatus.DRAFT:
        raise InvalidTransition(
            f"The report is {report.get_status_display().lower()}: only a draft is sent for"
            " sign-off."
        )
    if report.rapid_review.status != ReviewStatus.IN_PROGRESS:
        raise InvalidTransition("The rapid review is not in progress.")
    errors = report_errors(report.content)
    if errors:
        raise ValidationError(errors)
    sign_off = signoff_start(
        actor=actor,
        membership=membership,
        case=report.rapid_review.case,
        document_type=DOCUMENT_TYPE,
        document=report,
        comments=comments,
    )
    before = report.status
    report.status = ReportStatus.IN_SIGN_OFF
    report.save(update_fields=["status", "updated_at"])
    report_audit(
        actor,
        report,
        "rapid_review.report_send",
        {"status": [before, report.status], "version": [None, report.version]},
    )
    return sign_off


def _store_pdf(actor, case, kind, report, description: str):
    from rapid_reviews.report_pdf import render_tagged

    data = render_tagged(kind, report)
    return attachment_store(
        actor=actor,
        case=case,
        uploaded=ContentFile(data, name=kind.filename(report)),
        description=description,
    )


def _agency_named(partnership_id, name: str) -> Agency | None:
    return Agency.objects.filter(partnership=partnership_id, name__iexact=name.strip()).first()


def report_action_items(*, actor: User, report: RapidReviewReport) -> list[ActionItem]:
    """The report's "learning and actions by agency" rows as action items (once per report)."""
    source_type = ContentType.objects.get_for_model(RapidReviewReport)
    existing = ActionItem.objects.filter(source_type=source_type, source_id=report.pk)
    if existing.exists():
        return list(existing)
    case = report.rapid_review.case
    items = []
    for row in report.content.get("learning_actions") or []:
        what = row.get("action") or row.get("learning") or ""
        if not what:
            continue
        agency = (
            _agency_named(report.partnership_id, row.get("agency", ""))
            if row.get("agency")
            else None
        )
        items.append(
            ActionItem(
                partnership_id=report.partnership_id,
                case=case,
                source_type=source_type,
                source_id=report.pk,
                owner_agency=agency,
                owner_name="" if agency else row.get("agency", "")[:200],
                what=what,
                due_date=parse_due(row.get("due", "")),
                success_measure=row.get("success_measure", ""),
                created_by=actor,
            )
        )
    created = ActionItem.objects.bulk_create(items)
    action_items_follow(created, actor=actor)  # their steps on the clock, for the reminders
    if created:
        report_audit(
            actor,
            report,
            "rapid_review.action_items",
            {"action_items": [None, len(created)]},
        )
    return created


def _outcome_recipients(review: RapidReview) -> list[str]:
    """The referrer(s) of the case and the mailboxes of the agencies involved."""
    case = review.case
    to = {a.email for a in case.agencies.all() if a.email}
    if apps.is_installed("referrals"):
        Referral = apps.get_model("referrals", "Referral")
        for referral in Referral.objects.filter(case=case).select_related("created_by"):
            to.add(referral.referrer_email or referral.created_by.email)
    return sorted(e for e in to if e)


def _tell_submitted(actor, review: RapidReview, event) -> int:
    case = review.case
    url = settings.SITE_URL + reverse(
        "rapid_reviews:detail", args=[case.partnership.slug, review.pk]
    )
    sent = 0
    for to in _outcome_recipients(review):
        sent += (
            email_enqueue(
                key=f"rapid_review_submitted:{review.pk}:{event.pk}:{to}",
                to=to,
                template="notification_update",
                partnership=case.partnership,
                context={
                    "partnership_name": case.partnership.name,
                    "reference": case.reference,
                    "status": ReviewStatus.SUBMITTED.label,
                    "headline": f"The rapid review of case {case.reference} has been completed"
                    " and submitted to the Child Safeguarding Practice Review Panel.",
                    "url": url,
                    "about": "Rapid review",
                },
            )
            is not None
        )
    return sent


@transaction.atomic
def report_submit(
    *,
    actor: User,
    membership: Membership,
    report: RapidReviewReport,
    sent_on: datetime.date | None,
):
    """Submit the signed-off report to the National Panel: the report and covering letter PDFs
    kept as case documents, the `rapid_review_submission` notice recorded as sent on ``sent_on``
    (it meets the clock's `submit_to_panel` step and opens the wait for the Panel's reply), the
    report and the review submitted, the referrer and the agencies told, the action items
    made."""
    from rapid_reviews.report_pdf import LETTER_PDF, REPORT_PDF

    review = report.rapid_review
    if not permissions.can_manage_review(membership, review.case):
        raise PermissionDenied(permissions.NOT_ALLOWED)
    report = report_locked(report)
    review = RapidReview.objects.select_for_update().select_related("case").get(pk=review.pk)
    if review.status != ReviewStatus.IN_PROGRESS:
        raise InvalidTransition(
            f"The rapid review is {review.get_status_display().lower()}: only a review in"
            " progress is submitted."
        )
    if effective_status(report) != ReportStatus.SIGNED_OFF:
        raise InvalidTransition("The report must be signed off before it is submitted.")
    if sent_on is None:
        raise ValidationError({"sent_on": "Enter the date the report was sent"})
    if sent_on > timezone.localdate():
        raise ValidationError(
            {"sent_on": "The date the report was sent must be today or in the past"}
        )
    case = review.case
    documents = [
        _store_pdf(actor, case, REPORT_PDF, report, "Rapid review report (submitted)"),
        _store_pdf(actor, case, LETTER_PDF, report, "Covering letter to the National Panel"),
    ]
    notice = notice_create(
        actor=actor,
        membership=membership,
        case=case,
        kind=NoticeKind.RAPID_REVIEW_SUBMISSION,
        documents=documents,
        description="The rapid review report and its covering letter.",
        check_permission=False,
    )
    notice_record_sent(
        actor=actor, membership=membership, notice=notice, sent_on=sent_on, check_permission=False
    )
    report.status = ReportStatus.SUBMITTED
    report.submitted_on = sent_on
    report.submitted_by = actor
    report.save(update_fields=["status", "submitted_on", "submitted_by", "updated_at"])
    review.status = ReviewStatus.SUBMITTED
    review.save(update_fields=["status", "updated_at"])
    event = report_audit(
        actor,
        report,
        "rapid_review.report_submit",
        {
            "status": [ReportStatus.SIGNED_OFF.value, ReportStatus.SUBMITTED.value],
            "sent_on": [None, sent_on.isoformat()],
        },
    )
    # The backstop is Working Together's outer limit for the whole review: submission ends it.
    deadline_meet(actor=actor, case=case, stage=STAGE, key=BACKSTOP_STEP, met_on=sent_on)
    report_action_items(actor=actor, report=report)
    _tell_submitted(actor, review, event)
    return report


@transaction.atomic
def rapid_review_conclude(
    *,
    actor: User,
    membership: Membership,
    review: RapidReview,
    decision: str,
    decided_on: datetime.date | None,
    rationale: str,
) -> RapidReviewOutcome:
    """The partnership's decision after the National Panel's response: the review concluded,
    and the LCSPR or learning review stage started where the partnership's settings have one,
    counted from the decision's date."""
    if not permissions.can_conclude_review(membership, review):
        raise PermissionDenied(permissions.NOT_A_CONCLUDER)
    review = (
        RapidReview.objects.select_for_update()
        .select_related("case__partnership")
        .get(pk=review.pk)
    )
    if review.status != ReviewStatus.SUBMITTED:
        raise InvalidTransition(
            f"The rapid review is {review.get_status_display().lower()}: the outcome is recorded"
            " once it has been submitted to the National Panel."
        )
    errors = {}
    if decision not in ReviewDecision.values:
        errors["decision"] = "Select what the partnership decided"
    if decided_on is None:
        errors["decided_on"] = "Enter the date of the decision"
    elif decided_on > timezone.localdate():
        errors["decided_on"] = "The date of the decision must be today or in the past"
    rationale = (rationale or "").strip()
    if not rationale:
        errors["rationale"] = "Enter the rationale for the decision"
    if errors:
        raise ValidationError(errors)
    outcome = RapidReviewOutcome.objects.create(
        partnership_id=review.partnership_id,
        rapid_review=review,
        decision=decision,
        decided_on=decided_on,
        rationale=rationale,
        decided_by=actor,
    )
    review.status = ReviewStatus.CONCLUDED
    review.save(update_fields=["status", "updated_at"])
    case = review.case
    audit_record(
        actor=actor,
        partnership=case.partnership,
        action="rapid_review.conclude",
        obj=review,
        case=case,
        changes={
            "status": [ReviewStatus.SUBMITTED.value, ReviewStatus.CONCLUDED.value],
            "decision": [None, decision],
            "decided_on": [None, decided_on.isoformat()],
        },
        note=rationale,
    )
    report = report_of(review)
    if report is not None:
        report_action_items(actor=actor, report=report)
    stage = DECISION_STAGES.get(decision)
    stages = (case.partnership.workflow or {}).get("stages") or {}
    if stage and stage in stages and not Deadline.objects.filter(case=case, stage=stage).exists():
        stage_start(
            actor=actor, case=case, stage=stage, day_zero=event_day_zero(case, stage) or decided_on
        )
    return outcome


def rapid_review_events(case) -> dict:
    """The day zero events the review's outcome records (cases.extensions case event
    provider): the date of the decision to start an LCSPR or a learning review."""
    outcome = (
        RapidReviewOutcome.objects.filter(rapid_review__case=case)
        .order_by("-decided_on", "-pk")
        .first()
    )
    if outcome is None or outcome.decision not in DECISION_EVENTS:
        return {}
    return {DECISION_EVENTS[outcome.decision]: outcome.decided_on}
