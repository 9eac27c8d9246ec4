"""The sign-off chain's transitions, one service each (docs/sign-off.md).

    start ──> in progress (at the first step; past it when the drafter starts it)
    in progress ──approve──> the next step ... ──approve (last step)──> signed off
    in progress ──return (comments)──> returned (with the drafter: the first step)
    returned ──resubmit──> in progress, version + 1, at the second step
    in progress / returned ──withdraw──> withdrawn

Each checks who may (PermissionDenied), re-reads the chain under a row lock and checks its state
(InvalidTransition: 409 in the API), records the decision (SignOffAction), writes the audit event
(cases.audit) and tells the people of the step the chain moves to by e-mail (cases.emails), with
the document type, the case reference and a link: never the comments or anyone's details.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from cases import permissions
from cases import signoff as reads
from cases.audit import audit_record
from cases.emails import email_enqueue
from cases.errors import InvalidTransition
from cases.extensions import signed_off
from cases.models import (
    Case,
    Membership,
    SignOff,
    SignOffAction,
    SignOffDecision,
    SignOffStatus,
    User,
)

S = SignOffStatus
RETURN_COMMENTS_MISSING = "Enter what needs to change"
WITHDRAW_REASON_MISSING = "Enter why you are withdrawing the sign-off"
COMMENTS_LIMIT = 5000


def _document_words(sign_off: SignOff) -> str:
    """ "notification", "rapid review report", "LCSPR report": for sentences."""
    label = sign_off.document_label
    return label if label[1:2].isupper() else label[:1].lower() + label[1:]


def _locked(sign_off: SignOff) -> SignOff:
    """Re-read under a row lock: two people acting at once cannot both move the chain."""
    fresh = SignOff.objects.select_for_update().get(pk=sign_off.pk)
    for name in ("position", "status", "version", "completed_at", "steps"):
        setattr(sign_off, name, getattr(fresh, name))
    return sign_off


MOVED_ON = "The sign-off has moved on since you opened it: check where it is now."


def _check_seen(sign_off: SignOff, seen: tuple[int, int]) -> None:
    """The decision is about the step the person saw (version, position): a page opened before
    someone else acted, or sent twice, must not sign off the step after it, even when the
    same person is named by that one too (Dorset's directors)."""
    if (sign_off.version, sign_off.position) != tuple(seen):
        raise InvalidTransition(MOVED_ON)


def _require_state(sign_off: SignOff, allowed: tuple, doing: str) -> None:
    if sign_off.status not in allowed:
        raise InvalidTransition(
            f"You cannot {doing} now: the {_document_words(sign_off)} sign-off is "
            f"{sign_off.get_status_display().lower()}."
        )


def _comments(text: str) -> str:
    text = (text or "").strip()
    if len(text) > COMMENTS_LIMIT:
        raise ValidationError(
            {"comments": f"Comments must be {COMMENTS_LIMIT} characters or fewer"}
        )
    return text


def _step_label(sign_off: SignOff, position: int) -> str | None:
    steps = sign_off.steps or []
    return str(steps[position].get("label", "")) if 0 <= position < len(steps) else None


def _record(
    sign_off: SignOff, *, actor: User, position: int, decision: str, comments: str, version=None
) -> SignOffAction:
    step = (sign_off.steps or [{}])[min(position, len(sign_off.steps or [{}]) - 1)]
    return SignOffAction.objects.create(
        partnership_id=sign_off.partnership_id,
        sign_off=sign_off,
        version=version or sign_off.version,
        position=position,
        step_key=str(step.get("key", ""))[:50],
        step_label=str(step.get("label", ""))[:255],
        decision=decision,
        comments=comments,
        actor=actor,
    )


def audit(sign_off: SignOff, *, actor: User, action: str, changes: dict, note: str = ""):
    """The audit event of a transition (``action``: its full code, e.g. "sign_off.start", so
    tests/referrals/test_history.py finds every code and its label)."""
    return audit_record(
        actor=actor,
        partnership=sign_off.partnership,
        action=action,
        obj=sign_off,
        case=sign_off.case,
        changes={"document": [None, _document_words(sign_off)], **changes},
        note=note,
    )


# --- E-mails --------------------------------------------------------------------------------------


def _tell(sign_off: SignOff, *, event, members: list[Membership], headline: str, actor) -> int:
    """One e-mail per person (not the one who acted); the audit event's id keys it, so a
    retried transaction never e-mails twice."""
    partnership = sign_off.partnership
    url = settings.SITE_URL + reverse("cases:signoff", args=[partnership.slug, sign_off.pk])
    sent = 0
    for to in sorted({m.user.email for m in members} - {getattr(actor, "email", None)}):
        queued = email_enqueue(
            key=f"signoff:{sign_off.pk}:{event.pk}:{to}",
            to=to,
            template="signoff",
            partnership=partnership,
            context={
                "partnership_name": partnership.name,
                "document": sign_off.document_label,
                "reference": sign_off.case.reference,
                "status": sign_off.get_status_display(),
                "version": sign_off.version,
                "headline": headline,
                "url": url,
            },
        )
        sent += queued is not None
    return sent


def _tell_step(sign_off: SignOff, *, event, actor) -> None:
    words = _document_words(sign_off)
    _tell(
        sign_off,
        event=event,
        members=reads.step_members(sign_off, sign_off.position),
        headline=f"The {words} for case {sign_off.case.reference} is waiting for your sign-off.",
        actor=actor,
    )


def _starter_and_drafters(sign_off: SignOff) -> list[Membership]:
    members = reads.step_members(sign_off, 0)
    starter = (
        Membership.objects.active()
        .filter(partnership=sign_off.partnership_id, user=sign_off.started_by_id)
        .select_related("user")
        .first()
    )
    return members + ([starter] if starter else [])


# --- Transitions ----------------------------------------------------------------------------------


@transaction.atomic
def signoff_start(
    *,
    actor: User,
    membership: Membership,
    case: Case,
    document_type: str,
    document,
    comments: str = "",
) -> SignOff:
    """Start the partnership's chain for ``document_type`` on ``document`` (any record of the
    case's partnership, and of the case where it has one). The steps are copied: a later change
    of the settings leaves this chain as it is. When the drafter (named by the first step)
    starts it, their step is done and the chain goes to the second step; a business manager
    starting it for someone else leaves it with the first step's people."""
    steps = reads.chain_steps(case.partnership, document_type)
    if not steps:
        raise ValidationError(
            {
                "document_type": f"The partnership has no sign-off chain for "
                f"“{document_type}”: add one to its workflow settings (sign_off_chains)"
            }
        )
    if not permissions.can_start_signoff(membership, case, steps):
        raise PermissionDenied("Only the drafter or a business manager can start the sign-off.")
    if getattr(document, "pk", None) is None:
        raise ValidationError("The document must be saved before its sign-off starts.")
    if getattr(document, "partnership_id", case.partnership_id) != case.partnership_id or (
        getattr(document, "case_id", case.pk) != case.pk
    ):
        raise ValidationError("The document does not belong to this case.")
    comments = _comments(comments)
    content_type = ContentType.objects.get_for_model(document)
    running = SignOff.objects.filter(
        content_type=content_type,
        object_id=document.pk,
        document_type=document_type,
        status__in=(S.IN_PROGRESS, S.RETURNED),
    )
    if running.exists():
        raise InvalidTransition("The sign-off of this document has already started.")
    drafter_starts = permissions.matches_step(membership, steps[0])
    sign_off = SignOff(
        partnership_id=case.partnership_id,
        case=case,
        document_type=document_type,
        content_type=content_type,
        object_id=document.pk,
        steps=steps,
        started_by=actor,
    )
    sign_off.partnership = case.partnership
    try:
        with transaction.atomic():
            sign_off.save()
    except IntegrityError as exc:  # started at the same moment by someone else
        raise InvalidTransition("The sign-off of this document has already started.") from exc
    changes = {"status": [None, S.IN_PROGRESS], "step": [None, _step_label(sign_off, 0)]}
    if drafter_starts:
        _record(
            sign_off,
            actor=actor,
            position=0,
            decision=SignOffDecision.APPROVED,
            comments=comments,
        )
        _advance(sign_off)
        changes = {
            "status": [None, sign_off.status],
            "step": [None, _step_label(sign_off, sign_off.position)],
        }
    event = audit(sign_off, actor=actor, action="sign_off.start", changes=changes, note=comments)
    if sign_off.status == S.SIGNED_OFF:
        return sign_off
    _tell_step(sign_off, event=event, actor=actor)
    return sign_off


def _advance(sign_off: SignOff) -> None:
    """The current step is done: on to the next, or signed off after the last."""
    if sign_off.position + 1 >= len(sign_off.steps):
        sign_off.status = S.SIGNED_OFF
        sign_off.completed_at = timezone.now()
    else:
        sign_off.position += 1
    sign_off.save(update_fields=["position", "status", "completed_at"])


@transaction.atomic
def signoff_approve(
    *,
    actor: User,
    membership: Membership,
    sign_off: SignOff,
    comments: str = "",
    seen: tuple[int, int] | None = None,
) -> SignOff:
    """The current step's member signs it off; after the last step the document is signed
    off. ``seen``: the (version, position) the person decided on (default: as ``sign_off``
    was loaded); if the chain has moved since, nothing happens (InvalidTransition)."""
    if not permissions.can_act_on_signoff(membership, sign_off):
        raise PermissionDenied("Only the people of the current step can sign it off.")
    seen = seen or (sign_off.version, sign_off.position)
    sign_off = _locked(sign_off)
    _require_state(sign_off, (S.IN_PROGRESS,), "sign it off")
    _check_seen(sign_off, seen)
    comments = _comments(comments)
    done = sign_off.position
    _record(
        sign_off, actor=actor, position=done, decision=SignOffDecision.APPROVED, comments=comments
    )
    _advance(sign_off)
    if sign_off.status == S.SIGNED_OFF:
        event = audit(
            sign_off,
            actor=actor,
            action="sign_off.complete",
            changes={
                "status": [S.IN_PROGRESS, S.SIGNED_OFF],
                "step": [_step_label(sign_off, done), None],
            },
            note=comments,
        )
        _tell(
            sign_off,
            event=event,
            members=_starter_and_drafters(sign_off),
            headline=f"The {_document_words(sign_off)} for case {sign_off.case.reference} has"
            " been signed off.",
            actor=actor,
        )
        signed_off(actor, sign_off)
        return sign_off
    event = audit(
        sign_off,
        actor=actor,
        action="sign_off.approve",
        changes={"step": [_step_label(sign_off, done), _step_label(sign_off, sign_off.position)]},
        note=comments,
    )
    _tell_step(sign_off, event=event, actor=actor)
    return sign_off


@transaction.atomic
def signoff_return(
    *,
    actor: User,
    membership: Membership,
    sign_off: SignOff,
    comments: str,
    seen: tuple[int, int] | None = None,
) -> SignOff:
    """The current step's member returns the draft to its drafter (the first step), saying
    what needs to change. ``seen`` as for signoff_approve."""
    if not permissions.can_act_on_signoff(membership, sign_off):
        raise PermissionDenied("Only the people of the current step can return the draft.")
    comments = _comments(comments)
    if not comments:
        raise ValidationError({"comments": RETURN_COMMENTS_MISSING})
    seen = seen or (sign_off.version, sign_off.position)
    sign_off = _locked(sign_off)
    _require_state(sign_off, (S.IN_PROGRESS,), "return it")
    _check_seen(sign_off, seen)
    if sign_off.position == 0:
        raise InvalidTransition(
            "The draft is still with its first step: there is no one to return it to."
        )
    at = sign_off.position
    _record(
        sign_off, actor=actor, position=at, decision=SignOffDecision.RETURNED, comments=comments
    )
    sign_off.status = S.RETURNED
    sign_off.position = 0
    sign_off.save(update_fields=["status", "position"])
    event = audit(
        sign_off,
        actor=actor,
        action="sign_off.return",
        changes={
            "status": [S.IN_PROGRESS, S.RETURNED],
            "step": [_step_label(sign_off, at), _step_label(sign_off, 0)],
        },
        note=comments,
    )
    _tell(
        sign_off,
        event=event,
        members=_starter_and_drafters(sign_off),
        headline=f"The {_document_words(sign_off)} for case {sign_off.case.reference} has been"
        " returned for changes. Sign in to read what needs to change.",
        actor=actor,
    )
    return sign_off


@transaction.atomic
def signoff_resubmit(
    *, actor: User, membership: Membership, sign_off: SignOff, comments: str = ""
) -> SignOff:
    """The drafter sends the changed draft back: a new version, whose chain starts again after
    the first step."""
    if not permissions.can_resubmit_signoff(membership, sign_off):
        raise PermissionDenied("Only the drafter can resubmit the draft.")
    sign_off = _locked(sign_off)
    _require_state(sign_off, (S.RETURNED,), "resubmit it")
    comments = _comments(comments)
    before = sign_off.version
    sign_off.version += 1
    _record(
        sign_off,
        actor=actor,
        position=0,
        decision=SignOffDecision.RESUBMITTED,
        comments=comments,
    )
    sign_off.status = S.IN_PROGRESS
    sign_off.save(update_fields=["version", "status"])
    _advance(sign_off)  # the first step (the drafter's) is done for the new version
    event = audit(
        sign_off,
        actor=actor,
        action="sign_off.resubmit",
        changes={
            "version": [before, sign_off.version],
            "status": [S.RETURNED, sign_off.status],
            "step": [_step_label(sign_off, 0), _step_label(sign_off, sign_off.position)],
        },
        note=comments,
    )
    if sign_off.status == S.IN_PROGRESS:
        _tell_step(sign_off, event=event, actor=actor)
    return sign_off


@transaction.atomic
def signoff_withdraw(
    *,
    actor: User,
    membership: Membership,
    sign_off: SignOff,
    comments: str,
    check_permission: bool = True,
) -> SignOff:
    """Stop the chain (the document is not going ahead, or will start again): kept, with its
    record, but no one can act on it. `check_permission=False` is for a stage app's service that
    withdraws its document and has already checked who may (the notification's withdrawal)."""
    if check_permission and not permissions.can_withdraw_signoff(membership, sign_off):
        raise PermissionDenied(
            "Only whoever started the sign-off, the drafter or a business manager can withdraw it."
        )
    comments = _comments(comments)
    if not comments:
        raise ValidationError({"comments": WITHDRAW_REASON_MISSING})
    sign_off = _locked(sign_off)
    _require_state(sign_off, (S.IN_PROGRESS, S.RETURNED), "withdraw it")
    before = sign_off.status
    waiting = reads.step_members(sign_off, sign_off.position) if before == S.IN_PROGRESS else []
    _record(
        sign_off,
        actor=actor,
        position=sign_off.position,
        decision=SignOffDecision.WITHDRAWN,
        comments=comments,
    )
    sign_off.status = S.WITHDRAWN
    sign_off.completed_at = timezone.now()
    sign_off.save(update_fields=["status", "completed_at"])
    event = audit(
        sign_off,
        actor=actor,
        action="sign_off.withdraw",
        changes={"status": [before, S.WITHDRAWN]},
        note=comments,
    )
    _tell(
        sign_off,
        event=event,
        members=waiting + _starter_and_drafters(sign_off),
        headline=f"The sign-off of the {_document_words(sign_off)} for case"
        f" {sign_off.case.reference} has been withdrawn.",
        actor=actor,
    )
    return sign_off
