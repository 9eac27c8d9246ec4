"""Agency information requests and their returns (issue 13; docs/rapid-reviews.md):

    requests_send             the business manager asks agencies for their return, due by the
                              clock's `agency_returns` milestone; meets the request-sent one
    return_save               the agency's SLO or staff write the return (a draft)
    return_quality_assure     a member of the agency quality-assures it
    return_sign_off           a senior person of the agency not involved in the case signs it
                              off, which returns it
    request_chase             the business manager chases now (besides the scheduled reminders)
    return_enter_on_behalf    the business manager enters a response the agency sent otherwise
    request_close             the business manager closes a request without a response

When every request of the review is returned or closed, the `agency_returns` milestone is met.
"""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from cases.audit import audit_record
from cases.emails import email_enqueue
from cases.errors import InvalidTransition
from cases.models import Agency, ChronologyPurpose, Deadline, Membership, Role, User
from cases.services.chronologies import chronology_open
from cases.services.deadlines import deadline_meet
from rapid_reviews import permissions
from rapid_reviews.choices import LIVE_STATUSES, OPEN_REQUEST_STATUSES, RequestStatus
from rapid_reviews.models import InformationRequest, RapidReview
from rapid_reviews.returns import return_fields
from rapid_reviews.services.start import STAGE

# The milestone met when the requests go out: Swindon 001 and Dorset 002 `information_requests`;
# Lincolnshire 000 `tor_sent` ("Agreed TOR and chronology template sent ... for call for
# information"). BCP and North Lincolnshire have none: their clocks start at the returns.
SENT_MILESTONES = ("information_requests", "tor_sent")
RETURNS_MILESTONE = "agency_returns"
MAX_ANSWER = 20000


def _check_manager(membership: Membership, review: RapidReview) -> None:
    if not permissions.can_manage_review(membership, review.case):
        raise PermissionDenied(permissions.NOT_ALLOWED)


def _locked(request: InformationRequest) -> InformationRequest:
    return (
        InformationRequest.objects.select_for_update(of=("self",))
        .select_related("rapid_review", "case", "case__partnership", "agency")
        .get(pk=request.pk)
    )


def _audit(actor, request: InformationRequest, action: str, changes=None, note="") -> None:
    audit_record(
        actor=actor,
        partnership=request.case.partnership,
        action=action,
        obj=request,
        case=request.case,
        changes={"agency": [None, request.agency.name], **(changes or {})},
        note=note,
    )


def _status_change(request: InformationRequest, status: str) -> dict:
    before = request.status
    request.status = status
    return {"status": [before, status]}


def returns_due(review: RapidReview) -> tuple[datetime.date | None, datetime.time | None]:
    """The date (and time of day) of the review's `agency_returns` milestone, if it has one."""
    deadline = (
        Deadline.objects.filter(case=review.case_id, stage=STAGE, key=RETURNS_MILESTONE)
        .only("due")
        .first()
    )
    if deadline is None:
        return None, None
    stage = (review.case.partnership.workflow or {}).get("stages", {}).get(STAGE, {})
    time = next(
        (m.get("time") for m in stage.get("milestones", []) if m.get("key") == RETURNS_MILESTONE),
        None,
    )
    return deadline.due, datetime.time.fromisoformat(time) if time else None


def agency_leads(request: InformationRequest) -> list[str]:
    """The agency's safeguarding lead officers: who hears of its requests."""
    return sorted(
        set(
            Membership.objects.active()
            .filter(
                partnership=request.partnership_id, agency=request.agency_id, roles__role=Role.SLO
            )
            .values_list("user__email", flat=True)
        )
    )


def _email(request: InformationRequest, event_key: str, headline: str) -> int:
    url = settings.SITE_URL + reverse(
        "rapid_reviews:request",
        args=[request.case.partnership.slug, request.rapid_review_id, request.pk],
    )
    sent = 0
    for to in agency_leads(request):
        queued = email_enqueue(
            key=f"information-request:{request.pk}:{event_key}:{to}",
            to=to,
            template="information_request",
            partnership=request.case.partnership,
            context={
                "partnership_name": request.case.partnership.name,
                "reference": request.case.reference,
                "agency": request.agency.name,
                "due": request.due_date,
                "due_time": request.due_time,
                "headline": headline,
                "url": url,
            },
        )
        sent += queued is not None
    return sent


def _involve(actor: User, review: RapidReview, agencies: list[Agency]) -> None:
    """Agencies not yet involved in the case join it, so their members can see it."""
    case = review.case
    before = set(case.agencies.values_list("pk", flat=True))
    added = {a.pk for a in agencies} - before
    if not added:
        return
    case.agencies.add(*added)
    names = dict(Agency.objects.filter(pk__in=before | added).values_list("pk", "name"))
    audit_record(
        actor=actor,
        partnership=case.partnership,
        action="case.update",
        obj=case,
        case=case,
        changes={
            "agencies": [
                sorted(names[pk] for pk in before),
                sorted(names[pk] for pk in before | added),
            ]
        },
        note="Agencies involved, from the rapid review's information requests.",
    )


@transaction.atomic
def requests_send(
    *,
    actor: User,
    membership: Membership,
    review: RapidReview,
    agencies: list[Agency],
    due_date: datetime.date | None = None,
    due_time: datetime.time | None = None,
    with_chronology: bool = False,
) -> list[InformationRequest]:
    """One request to each agency, due by the date given or else the `agency_returns`
    milestone's; agencies not involved in the case join it; their SLOs are e-mailed."""
    _check_manager(membership, review)
    review = (
        RapidReview.objects.select_for_update()
        .select_related("case__partnership")
        .get(pk=review.pk)
    )
    if review.status not in LIVE_STATUSES:
        raise InvalidTransition("Information requests are sent while the review is live.")
    agencies = list({a.pk: a for a in agencies or []}.values())
    errors = {}
    if not agencies:
        errors["agencies"] = "Select the agencies to send the request to"
    elif any(a.partnership_id != review.partnership_id or not a.is_active for a in agencies):
        errors["agencies"] = "Select agencies of the partnership"
    else:
        asked = set(
            review.information_requests.exclude(status=RequestStatus.CLOSED)
            .filter(agency__in=agencies)
            .values_list("agency__name", flat=True)
        )
        if asked:
            errors["agencies"] = (
                f"{', '.join(sorted(asked))} {'has' if len(asked) == 1 else 'have'} already"
                " been sent a request"
            )
    if due_date is not None and due_date < timezone.localdate():
        errors["due_date"] = "The date the return is due must be today or in the future"
    elif due_date is None:
        # The clock's date, even when already past: a late request is still sent.
        due_date, preset_time = returns_due(review)
        due_time = due_time or preset_time
        if due_date is None:
            errors["due_date"] = "Enter the date the return is due"
    if errors:
        raise ValidationError(errors)
    _involve(actor, review, agencies)
    made = []
    for agency in agencies:
        chronology = None
        if with_chronology:
            chronology = _chronology_for(actor, membership, review, agency, due_date)
        request = InformationRequest.objects.create(
            partnership_id=review.partnership_id,
            rapid_review=review,
            case=review.case,
            agency=agency,
            due_date=due_date,
            due_time=due_time,
            chronology=chronology,
            sent_by=actor,
        )
        request.case = review.case
        _audit(
            actor,
            request,
            "rapid_review.request_send",
            {"due_date": [None, due_date.isoformat()]},
        )
        _email(request, "sent", f"{agency.name} is asked for its rapid review return.")
        made.append(request)
    for key in SENT_MILESTONES:
        deadline_meet(actor=actor, case=review.case, stage=STAGE, key=key)
    return made


def _chronology_for(actor, membership, review, agency, due_date):
    from cases.models import Chronology

    existing = Chronology.objects.filter(
        case=review.case, agency=agency, purpose=ChronologyPurpose.RAPID_REVIEW
    ).first()
    if existing is not None:
        return existing
    return chronology_open(
        actor=actor,
        membership=membership,
        case=review.case,
        agency=agency,
        purpose=ChronologyPurpose.RAPID_REVIEW,
        due_date=due_date,
        check_permission=False,
    )


def _check_open(request: InformationRequest, doing: str) -> None:
    if request.status not in OPEN_REQUEST_STATUSES:
        raise InvalidTransition(
            f"The request to {request.agency.name} is"
            f" {request.get_status_display().lower()}: it cannot be {doing}."
        )


def _managed_open(membership: Membership, request: InformationRequest, doing: str):
    """The business manager's actions on a request: allowed, locked, and still open."""
    _check_manager(membership, request.rapid_review)
    request = _locked(request)
    _check_open(request, doing)
    return request


def _clean_answers(request: InformationRequest, answers: dict, *, complete: bool) -> dict:
    fields = return_fields(request.case.partnership)
    keys = {f["key"] for f in fields}
    errors = {}
    unknown = set(answers or {}) - keys
    if unknown:
        errors |= dict.fromkeys(sorted(unknown), "Not a question of the return")
    cleaned = {}
    for field in fields:
        value = (answers or {}).get(field["key"], "")
        if not isinstance(value, str):
            errors[field["key"]] = f"{field['label']} must be text"
            continue
        value = value.strip()
        if len(value) > MAX_ANSWER:
            errors[field["key"]] = f"{field['label']} must be {MAX_ANSWER:,} characters or fewer"
        if complete and field.get("required") and not value:
            errors[field["key"]] = f"Enter {_lower_first(field['label'])}"
        if value:
            cleaned[field["key"]] = value
    if complete and not cleaned and not errors:
        errors[fields[0]["key"]] = f"Enter {_lower_first(fields[0]['label'])}"
    if errors:
        raise ValidationError(errors)
    return cleaned


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


@transaction.atomic
def return_save(
    *, actor: User, membership: Membership, request: InformationRequest, answers: dict
) -> InformationRequest:
    """The agency's draft: changing a quality-assured return takes it back to in progress."""
    if not permissions.can_write_return(membership, request):
        raise PermissionDenied(permissions.NOT_A_WRITER)
    request = _locked(request)
    _check_open(request, "changed")
    cleaned = _clean_answers(request, answers, complete=False)
    changes = _status_change(request, RequestStatus.IN_PROGRESS)
    changed = sorted(
        k for k in set(cleaned) | set(request.answers) if cleaned.get(k) != request.answers.get(k)
    )
    request.answers = cleaned
    request.written_by = actor
    request.written_at = timezone.now()
    request.quality_assured_by = None
    request.quality_assured_at = None
    request.save()
    _audit(actor, request, "rapid_review.return_save", {**changes, "answers": [None, changed]})
    return request


@transaction.atomic
def return_quality_assure(
    *, actor: User, membership: Membership, request: InformationRequest
) -> InformationRequest:
    if not permissions.can_write_return(membership, request):
        raise PermissionDenied(permissions.NOT_A_WRITER)
    request = _locked(request)
    if request.status != RequestStatus.IN_PROGRESS:
        raise InvalidTransition(
            f"The return of {request.agency.name} is {request.get_status_display().lower()}:"
            " only a return in progress is quality-assured."
        )
    _clean_answers(request, request.answers, complete=True)
    changes = _status_change(request, RequestStatus.QUALITY_ASSURED)
    request.quality_assured_by = actor
    request.quality_assured_at = timezone.now()
    request.save()
    _audit(actor, request, "rapid_review.return_quality_assure", changes)
    return request


@transaction.atomic
def return_sign_off(
    *,
    actor: User,
    membership: Membership,
    request: InformationRequest,
    not_involved: bool = False,
) -> InformationRequest:
    """A senior person of the agency who was not involved in the case (Swindon 001 Appendix 10)
    and did not write the return signs it off: the return goes to the partnership."""
    if not permissions.can_sign_off_return(membership, request):
        raise PermissionDenied(permissions.NOT_A_SIGNATORY)
    request = _locked(request)
    if request.status != RequestStatus.QUALITY_ASSURED:
        raise InvalidTransition(
            f"The return of {request.agency.name} is {request.get_status_display().lower()}:"
            " only a quality-assured return is signed off."
        )
    errors = {}
    if not not_involved:
        errors["not_involved"] = "Confirm that you were not involved in the case"
    if request.written_by_id == actor.pk:
        errors["not_involved"] = "The return is signed off by a senior person who did not write it"
    if errors:
        raise ValidationError(errors)
    changes = _status_change(request, RequestStatus.RETURNED)
    now = timezone.now()
    request.signed_off_by = actor
    request.signed_off_at = now
    request.not_involved_declared = True
    request.returned_at = now
    request.save()
    _audit(actor, request, "rapid_review.return_sign_off", changes)
    _maybe_all_in(actor, request.rapid_review)
    return request


@transaction.atomic
def request_chase(
    *, actor: User, membership: Membership, request: InformationRequest
) -> InformationRequest:
    request = _managed_open(membership, request, "chased")
    request.chase_count += 1
    request.last_chased_at = timezone.now()
    request.save(update_fields=["chase_count", "last_chased_at", "updated_at"])
    _audit(
        actor, request, "rapid_review.request_chase", {"chase_count": [None, request.chase_count]}
    )
    _email(
        request,
        f"chase-{request.chase_count}",
        f"Reminder: the rapid review return of {request.agency.name} is due.",
    )
    return request


@transaction.atomic
def return_enter_on_behalf(
    *, actor: User, membership: Membership, request: InformationRequest, answers: dict
) -> InformationRequest:
    """The business manager records a response the agency sent another way: returned, marked
    as entered on the agency's behalf."""
    request = _managed_open(membership, request, "entered")
    cleaned = _clean_answers(request, answers, complete=True)
    changes = _status_change(request, RequestStatus.RETURNED)
    now = timezone.now()
    request.answers = cleaned
    request.entered_on_behalf = True
    request.entered_by = actor
    request.written_by = actor
    request.written_at = now
    request.returned_at = now
    request.save()
    _audit(actor, request, "rapid_review.return_on_behalf", changes)
    _maybe_all_in(actor, request.rapid_review)
    return request


@transaction.atomic
def request_close(
    *, actor: User, membership: Membership, request: InformationRequest, reason: str
) -> InformationRequest:
    request = _managed_open(membership, request, "closed")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Enter why the request is closed without a response"})
    if len(reason) > 5000:
        raise ValidationError({"reason": "The reason must be 5,000 characters or fewer"})
    changes = _status_change(request, RequestStatus.CLOSED)
    request.closed_reason = reason
    request.closed_by = actor
    request.closed_at = timezone.now()
    request.save()
    _audit(actor, request, "rapid_review.request_close", changes, note=reason)
    _maybe_all_in(actor, request.rapid_review)
    return request


def _maybe_all_in(actor: User, review: RapidReview) -> None:
    """Every request returned or closed: the `agency_returns` milestone is met."""
    if review.information_requests.filter(status__in=OPEN_REQUEST_STATUSES).exists():
        return
    deadline_meet(actor=actor, case=review.case, stage=STAGE, key=RETURNS_MILESTONE)
