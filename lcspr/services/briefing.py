"""The Synopsis of Learning as a 7-minute briefing (Dorset 002 8.7-8.9, BCP 003 section 14):
formulated by the business manager, signed off through the partnership's `synopsis_of_learning`
chain (the CSPR sub-group) where its settings have one, then published on the website and the
key contacts told (8.9), each by one e-mail through cases.emails."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.utils import timezone

from cases.audit import audit_record
from cases.emails import email_enqueue
from cases.errors import InvalidTransition
from cases.models import Membership, SignOffStatus, User
from cases.services.signoff import signoff_start
from cases.signoff import chain_steps, signoffs_of_document
from lcspr import permissions
from lcspr.briefing import DOCUMENT_TYPE, SECTION_LIMIT, SECTIONS
from lcspr.choices import BriefingStatus
from lcspr.models import LearningReview, LocalReview, SevenMinuteBriefing

B = BriefingStatus
NOT_ALLOWED = "Only a business manager writes and publishes the 7-minute briefing."
TITLE_LIMIT = 200
CONTACTS_LIMIT = 50


def _text(value) -> str:
    return (value or "").strip()


# --- Reads ----------------------------------------------------------------------------------------


def briefing_of(review) -> SevenMinuteBriefing | None:
    field = "local_review" if isinstance(review, LocalReview) else "learning_review"
    return SevenMinuteBriefing.objects.filter(**{field: review}).first()


def briefing_context(membership: Membership, review) -> dict:
    """For the LCSPR and learning review pages: the briefing with its status as the chain has
    left it, or whether they may start it."""
    briefing = briefing_of(review)
    return {
        "briefing": briefing,
        "briefing_status": B(effective_status(briefing)).label if briefing else "",
        "can_write_briefing": permissions.can_manage_lcspr(membership, review.case),
    }


def current_signoff(briefing: SevenMinuteBriefing):
    return signoffs_of_document(briefing, DOCUMENT_TYPE).first()


def has_chain(briefing: SevenMinuteBriefing) -> bool:
    return bool(chain_steps(briefing.case.partnership, DOCUMENT_TYPE))


def effective_status(briefing: SevenMinuteBriefing, sign_off=None) -> str:
    """The status with the chain's outcome read in: signed off when its last step is, a draft
    again when it was withdrawn (like the rapid review report's)."""
    if briefing.status != B.IN_SIGN_OFF:
        return briefing.status
    sign_off = sign_off or current_signoff(briefing)
    if sign_off is None or sign_off.status == SignOffStatus.WITHDRAWN:
        return B.DRAFT
    if sign_off.status == SignOffStatus.SIGNED_OFF:
        return B.SIGNED_OFF
    return B.IN_SIGN_OFF


def is_editable(briefing: SevenMinuteBriefing, sign_off=None) -> bool:
    """A draft, or one returned for changes (or withdrawn) by its chain."""
    if briefing.status == B.DRAFT:
        return True
    if briefing.status != B.IN_SIGN_OFF:
        return False
    sign_off = sign_off or current_signoff(briefing)
    return sign_off is None or sign_off.status in (SignOffStatus.RETURNED, SignOffStatus.WITHDRAWN)


def missing_sections(briefing: SevenMinuteBriefing) -> dict[str, str]:
    """Every section still blank, at once."""
    return {
        field: error
        for field, _n, _label, error in SECTIONS
        if not getattr(briefing, field).strip()
    }


def _require(membership: Membership, briefing_or_case) -> None:
    case = getattr(briefing_or_case, "case", briefing_or_case)
    if not permissions.can_manage_lcspr(membership, case):
        raise PermissionDenied(NOT_ALLOWED)


def _audit(actor, briefing, action, changes):
    audit_record(
        actor=actor,
        partnership=briefing.case.partnership,
        action=action,
        obj=briefing,
        case=briefing.case,
        changes=changes,
    )


def _locked(briefing: SevenMinuteBriefing) -> SevenMinuteBriefing:
    return (
        SevenMinuteBriefing.objects.select_for_update()
        .select_related("case__partnership")
        .get(pk=briefing.pk)
    )


# --- Writes ---------------------------------------------------------------------------------------


@transaction.atomic
def briefing_create(
    *, actor: User, membership: Membership, review: LocalReview | LearningReview
) -> SevenMinuteBriefing:
    """A draft for the LCSPR or learning review, its title prefilled; one each."""
    _require(membership, review)
    if briefing_of(review) is not None:
        raise InvalidTransition("This review already has a 7-minute briefing.")
    is_lcspr = isinstance(review, LocalReview)
    what = "LCSPR" if is_lcspr else review.option_label
    briefing = SevenMinuteBriefing.objects.create(
        partnership_id=review.partnership_id,
        case=review.case,
        local_review=review if is_lcspr else None,
        learning_review=None if is_lcspr else review,
        title=f"7-minute briefing: {what} of {review.case.reference}"[:TITLE_LIMIT],
        created_by=actor,
    )
    _audit(actor, briefing, "briefing.create", {"title": [None, briefing.title]})
    return briefing


@transaction.atomic
def briefing_save(
    *, actor: User, membership: Membership, briefing: SevenMinuteBriefing, **values
) -> SevenMinuteBriefing:
    """Save the title and the seven sections (those given); every error at once."""
    _require(membership, briefing)
    briefing = _locked(briefing)
    if not is_editable(briefing):
        raise InvalidTransition(
            "The 7-minute briefing is "
            f"{B(effective_status(briefing)).label.lower()}: it cannot be changed."
        )
    errors = {}
    cleaned = {}
    if "title" in values:
        title = _text(values["title"])
        if not title:
            errors["title"] = "Enter the title"
        elif len(title) > TITLE_LIMIT:
            errors["title"] = "The title must be 200 characters or fewer"
        cleaned["title"] = title
    for field, number, _label, _error in SECTIONS:
        if field in values:
            text = _text(values[field])
            if len(text) > SECTION_LIMIT:
                errors[field] = f"Section {number} must be {SECTION_LIMIT} characters or fewer"
            cleaned[field] = text
    if errors:
        raise ValidationError(errors)
    changed = [f for f, v in cleaned.items() if getattr(briefing, f) != v]
    for field, value in cleaned.items():
        setattr(briefing, field, value)
    briefing.save()
    if changed:
        _audit(actor, briefing, "briefing.save", {"sections": [None, ", ".join(changed)]})
    return briefing


@transaction.atomic
def briefing_send_for_sign_off(
    *, actor: User, membership: Membership, briefing: SevenMinuteBriefing, comments: str = ""
):
    """Every section written, then the partnership's `synopsis_of_learning` chain starts."""
    _require(membership, briefing)
    briefing = _locked(briefing)
    if effective_status(briefing) != B.DRAFT:
        raise InvalidTransition(
            "The 7-minute briefing is "
            f"{B(effective_status(briefing)).label.lower()}: only a draft is sent for sign-off."
        )
    errors = missing_sections(briefing)
    if errors:
        raise ValidationError(errors)
    sign_off = signoff_start(
        actor=actor,
        membership=membership,
        case=briefing.case,
        document_type=DOCUMENT_TYPE,
        document=briefing,
        comments=comments,
    )
    before = briefing.status
    briefing.status = B.IN_SIGN_OFF
    briefing.save(update_fields=["status", "updated_at"])
    _audit(actor, briefing, "briefing.send", {"status": [before, briefing.status]})
    return sign_off


def _contacts(raw) -> tuple[list[str], str]:
    if isinstance(raw, str):
        raw = raw.replace(",", "\n").replace(";", "\n").splitlines()
    seen = []
    for item in raw or []:
        address = _text(item).lower()
        if address and address not in seen:
            seen.append(address)
    if len(seen) > CONTACTS_LIMIT:
        return seen, f"Enter {CONTACTS_LIMIT} e-mail addresses or fewer"
    for address in seen:
        try:
            EmailValidator()(address)
        except ValidationError:
            return seen, (
                f"Enter the e-mail address “{address[:100]}” in the correct format, "
                "like name@example.com"
            )
    return seen, ""


@transaction.atomic
def briefing_publish(
    *,
    actor: User,
    membership: Membership,
    briefing: SevenMinuteBriefing,
    published_on: datetime.date | None,
    web_address: str,
    contacts=(),
) -> SevenMinuteBriefing:
    """Record the publication on the website (signed off first, where the partnership has a
    chain) and tell the key contacts given, one e-mail each (8.9)."""
    _require(membership, briefing)
    briefing = _locked(briefing)
    status = effective_status(briefing)
    if status == B.PUBLISHED:
        raise InvalidTransition("The 7-minute briefing has already been published.")
    if has_chain(briefing) and status != B.SIGNED_OFF:
        raise InvalidTransition("The 7-minute briefing must be signed off before it is published.")
    if not has_chain(briefing) and status == B.IN_SIGN_OFF:
        raise InvalidTransition("The 7-minute briefing is in sign-off.")
    errors = missing_sections(briefing)
    web_address = _text(web_address)
    if published_on is None:
        errors["published_on"] = "Enter the date the briefing was published"
    elif published_on > timezone.localdate():
        errors["published_on"] = "The date the briefing was published must be today or in the past"
    if not web_address:
        errors["web_address"] = "Enter the web address of the published briefing"
    else:
        try:
            URLValidator(schemes=["https"])(web_address)
        except ValidationError:
            errors["web_address"] = (
                "Enter a web address in the correct format, like https://www.example.org/briefing"
            )
    told, problem = _contacts(contacts)
    if problem:
        errors["contacts"] = problem
    if errors:
        raise ValidationError(errors)
    briefing.status = B.PUBLISHED
    briefing.published_on = published_on
    briefing.web_address = web_address
    briefing.contacts_told = told
    briefing.save()
    _audit(
        actor,
        briefing,
        "briefing.publish",
        {
            "status": [status, B.PUBLISHED.value],
            "published_on": [None, published_on.isoformat()],
            "web_address": [None, web_address],
            "contacts_told": [None, ", ".join(told)],
        },
    )
    partnership = briefing.case.partnership
    for address in told:
        email_enqueue(
            key=f"briefing:{briefing.pk}:published:{address}",
            to=address,
            template="raw",
            partnership=partnership,
            context={
                "subject": f"{partnership.name}: a 7-minute briefing has been published",
                "body": (
                    f"{partnership.name} has published the 7-minute briefing “{briefing.title}” "
                    f"on {published_on:%-d %B %Y}.\n\nRead it at {web_address}\n"
                ),
            },
        )
    return briefing
