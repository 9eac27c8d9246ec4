"""The National Panel's replies to the partnership's rapid review: one service per transition.

    panel_response_open        the rapid review went to the Panel: wait for its reply (also
                               opened when the rapid review's submission notice is sent)
    panel_response_meeting     the Panel says when its meeting will consider it (Dorset 002 6.8)
    panel_response_record      the reply: its decision; a view contrary to the partnership's
                               goes back to the decision-makers
    panel_response_information the further information the Panel asked for was sent: the next
                               round waits for its reply
    panel_response_reconsider  the decision-makers' answer to a contrary view

The clock is the partnership's `panel_response` stage (docs/working-days.md): day zero the
rapid review's receipt (North Lincolnshire 004: 15 working days) or the Panel's meeting
(Dorset 002 6.8: 10 working days), as its settings say.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from cases.errors import InvalidTransition
from cases.models import (
    CaseStage,
    Deadline,
    DeadlineStatus,
    Membership,
    Notice,
    NoticeKind,
    Role,
    User,
)
from cases.services.cases import case_stage_set
from cases.services.deadlines import deadline_meet, stage_recompute, stage_start
from cases.services.documents import attachment_store
from notifications import permissions
from notifications.choices import (
    PanelDecision,
    PanelResponseStatus,
    PartnershipView,
    Reconsideration,
)
from notifications.models import PanelResponse
from notifications.services._common import audit, require, tell

S = PanelResponseStatus
STAGE = "panel_response"
OPEN_STATUSES = (S.AWAITING, S.INFORMATION_REQUESTED)
ABOUT = "National Panel reply"
# Stages a case leaves for "Awaiting National Panel response" when the rapid review goes.
EARLIER_STAGES = (
    CaseStage.REFERRAL,
    CaseStage.TRIAGE,
    CaseStage.AWAITING_NOTIFICATION,
    CaseStage.NOTIFICATION,
    CaseStage.RAPID_REVIEW,
)


def day_zero_event(partnership) -> str:
    stage = (partnership.workflow or {}).get("stages", {}).get(STAGE) or {}
    return (stage.get("day_zero") or {}).get("event", "rapid_review_submitted")


def reconsidering_body(partnership) -> str:
    """Who reconsiders a contrary view: the partnership's `panel_disagreement` setting, else its
    executive board."""
    workflow = partnership.workflow or {}
    setting = workflow.get("panel_disagreement") or {}
    return setting.get("reconsidered_by") or workflow.get("executive_board_name") or "Executive"


def _clock_day_zero(response: PanelResponse) -> datetime.date | None:
    if day_zero_event(response.partnership) == "panel_meeting":
        return response.meeting_date
    return response.submitted_on


def _clock(actor, response: PanelResponse, reason: str) -> None:
    """Start the stage from the response's day zero, or move it there (a later round, a meeting
    date set or corrected). Nothing while the day zero is not known yet."""
    case = response.case
    stages = (case.partnership.workflow or {}).get("stages", {})
    day_zero = _clock_day_zero(response)
    if STAGE not in stages or day_zero is None:
        return
    running = Deadline.objects.filter(case=case, stage=STAGE)
    if not running.exists():
        stage_start(actor=actor, case=case, stage=STAGE, day_zero=day_zero)
    elif running.filter(status=DeadlineStatus.OPEN).exclude(day_zero=day_zero).exists():
        stage_recompute(actor=actor, case=case, stage=STAGE, day_zero=day_zero, reason=reason)


def _locked(response: PanelResponse) -> PanelResponse:
    return (
        PanelResponse.objects.select_for_update(of=("self",))
        .select_related("case", "case__partnership", "partnership")
        .get(pk=response.pk)
    )


def _past(errors: dict, field: str, value, label: str, *, not_before=None, after_what=""):
    if value is None:
        return
    if value > timezone.localdate():
        errors[field] = f"{label} must be today or in the past"
    elif not_before is not None and value < not_before:
        errors[field] = f"{label} must be the same as or after {after_what}"


def _path(response: PanelResponse) -> str:
    return reverse("panel_responses:detail", args=[response.case.partnership.slug, response.pk])


def _members(partnership_id, *roles) -> list[str]:
    return sorted(
        set(
            Membership.objects.active()
            .filter(partnership=partnership_id, roles__role__in=roles)
            .values_list("user__email", flat=True)
        )
    )


def _changes(response: PanelResponse, before: dict, fields) -> dict:
    after = {}
    for name in fields:
        value = getattr(response, name)
        after[name] = value.isoformat() if hasattr(value, "isoformat") else value
    return {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}


def _snapshot(response: PanelResponse, fields) -> dict:
    out = {}
    for name in fields:
        value = getattr(response, name)
        out[name] = value.isoformat() if hasattr(value, "isoformat") else value
    return out


@transaction.atomic
def panel_response_open(
    *,
    actor: User,
    membership: Membership | None,
    case,
    submitted_on: datetime.date | None,
    partnership_view: str = "",
    meeting_date: datetime.date | None = None,
    notice: Notice | None = None,
    check_permission: bool = True,
) -> PanelResponse:
    """The rapid review was sent to the National Panel on `submitted_on`: the case waits for
    the Panel's reply, with the clock the partnership's settings hold."""
    if check_permission:
        require(
            permissions.can_record_panel_response(membership, case), permissions.PANEL_NOT_ALLOWED
        )
    errors: dict[str, str] = {}
    if submitted_on is None:
        errors["submitted_on"] = "Enter the date the rapid review was sent to the National Panel"
    _past(errors, "submitted_on", submitted_on, "Date the rapid review was sent")
    if partnership_view and partnership_view not in PartnershipView.values:
        errors["partnership_view"] = "Select the partnership's decision"
    if meeting_date and submitted_on and meeting_date < submitted_on:
        errors["meeting_date"] = (
            "Date of the National Panel's meeting must be the same as or after the date the"
            " rapid review was sent"
        )
    if errors:
        raise ValidationError(errors)
    if PanelResponse.objects.filter(case=case, status__in=OPEN_STATUSES).exists():
        raise InvalidTransition("This case already waits for the National Panel's reply.")
    response = PanelResponse.objects.create(
        partnership_id=case.partnership_id,
        case=case,
        notice=notice,
        submitted_on=submitted_on,
        partnership_view=partnership_view,
        meeting_date=meeting_date,
        created_by=actor,
    )
    audit(
        actor=actor,
        obj=response,
        case=case,
        action="panel_open",
        changes={
            "submitted_on": [None, submitted_on.isoformat()],
            **({"partnership_view": [None, partnership_view]} if partnership_view else {}),
            **({"meeting_date": [None, meeting_date.isoformat()]} if meeting_date else {}),
        },
    )
    if case.stage in EARLIER_STAGES:
        case_stage_set(
            actor=actor,
            case=case,
            stage=CaseStage.PANEL_RESPONSE,
            reason="Rapid review sent to the National Panel",
        )
    _clock(actor, response, "Rapid review sent to the National Panel")
    return response


def on_notice_sent(actor, notice: Notice) -> None:
    """The rapid review's submission notice went (cases.extensions): wait for the reply, unless
    the case already does."""
    if notice.kind != NoticeKind.RAPID_REVIEW_SUBMISSION:
        return
    if PanelResponse.objects.filter(case=notice.case, status__in=OPEN_STATUSES).exists():
        return
    panel_response_open(
        actor=actor,
        membership=None,
        case=notice.case,
        submitted_on=notice.sent_on,
        notice=notice,
        check_permission=False,
    )


@transaction.atomic
def panel_response_meeting(
    *,
    actor: User,
    membership: Membership,
    response: PanelResponse,
    meeting_date: datetime.date | None,
) -> PanelResponse:
    """The Panel told the business manager the date of the meeting that considers the rapid
    review (Dorset 002 6.8); where the clock counts from the meeting, it starts (or moves)."""
    require(
        permissions.can_record_panel_response(membership, response.case),
        permissions.PANEL_NOT_ALLOWED,
    )
    response = _locked(response)
    if response.status != S.AWAITING:
        raise InvalidTransition("The Panel's meeting is recorded while its reply is awaited.")
    if meeting_date is None:
        raise ValidationError({"meeting_date": "Enter the date of the National Panel's meeting"})
    if meeting_date < response.submitted_on:
        raise ValidationError(
            {
                "meeting_date": "Date of the National Panel's meeting must be the same as or"
                " after the date the rapid review was sent"
            }
        )
    before = response.meeting_date
    response.meeting_date = meeting_date
    response.save(update_fields=["meeting_date", "updated_at"])
    audit(
        actor=actor,
        obj=response,
        case=response.case,
        action="panel_meeting",
        changes={"meeting_date": [before and before.isoformat(), meeting_date.isoformat()]},
    )
    _clock(actor, response, "The National Panel's meeting date")
    return response


REPLY_FIELDS = ("status", "received_on", "decision", "comments", "partnership_view", "letter_id")


@transaction.atomic
def panel_response_record(
    *,
    actor: User,
    membership: Membership,
    response: PanelResponse,
    received_on: datetime.date | None,
    decision: str,
    comments: str = "",
    partnership_view: str = "",
    letter=None,
) -> PanelResponse:
    """The Panel replied. A decision meets the clock's step and is circulated to the executives
    and the review group (Lincolnshire 000 Appendix C; Dorset 002 6.8); a view contrary to the
    partnership's goes back to its decision-makers. A request for more information leaves the
    clock running until the next reply."""
    require(
        permissions.can_record_panel_response(membership, response.case),
        permissions.PANEL_NOT_ALLOWED,
    )
    response = _locked(response)
    if response.status != S.AWAITING:
        raise InvalidTransition(
            f"This reply is {response.get_status_display().lower()}: only an awaited reply is"
            " recorded."
        )
    partnership_view = partnership_view or response.partnership_view
    comments = (comments or "").strip()
    errors: dict[str, str] = {}
    if received_on is None:
        errors["received_on"] = "Enter the date the Panel's reply arrived"
    _past(
        errors,
        "received_on",
        received_on,
        "Date the Panel's reply arrived",
        not_before=response.submitted_on,
        after_what="the date the rapid review was sent",
    )
    if decision not in PanelDecision.values:
        errors["decision"] = "Select the Panel's decision"
    elif decision == PanelDecision.MORE_INFORMATION and not comments:
        errors["comments"] = "Enter what the Panel asked for"
    if partnership_view not in PartnershipView.values and decision != (
        PanelDecision.MORE_INFORMATION
    ):
        errors["partnership_view"] = "Select the partnership's decision, as sent to the Panel"
    if errors:
        raise ValidationError(errors)
    before = _snapshot(response, REPLY_FIELDS)
    if letter is not None:
        try:
            response.letter = attachment_store(
                actor=actor,
                case=response.case,
                uploaded=letter,
                description=f"The National Panel's reply of {received_on:%-d %B %Y}",
            )
        except ValidationError as exc:
            raise ValidationError({"letter": exc.messages}) from exc
    response.received_on = received_on
    response.decision = decision
    response.comments = comments
    response.partnership_view = partnership_view
    response.recorded_by = actor
    case = response.case
    if decision == PanelDecision.MORE_INFORMATION:
        response.status = S.INFORMATION_REQUESTED
    else:
        for key in Deadline.objects.filter(
            case=case, stage=STAGE, status=DeadlineStatus.OPEN
        ).values_list("key", flat=True):
            deadline_meet(actor=actor, case=case, stage=STAGE, key=key, met_on=received_on)
        if response.is_contrary:
            response.status = S.RECONSIDERATION
            response.reconsidered_by_body = reconsidering_body(case.partnership)[:200]
        else:
            response.status = S.CONCLUDED
    response.save()
    audit(
        actor=actor,
        obj=response,
        case=case,
        action="panel_reply",
        changes=_changes(response, before, REPLY_FIELDS),
    )
    _tell_reply(actor, response)
    return response


def _tell_reply(actor, response: PanelResponse) -> None:
    case = response.case
    readers = _members(case.partnership_id, Role.EXECUTIVE, Role.REVIEW_GROUP_MEMBER)
    tell(
        key=f"panel_response:{response.pk}:reply",
        recipients=readers,
        actor=actor,
        case=case,
        headline="The National Panel has replied to the rapid review:"
        f" {response.get_decision_display().lower()}.",
        status=response.get_status_display(),
        path=_path(response),
        about=ABOUT,
    )
    if response.status == S.RECONSIDERATION:
        tell(
            key=f"panel_response:{response.pk}:reconsider",
            recipients=_members(case.partnership_id, Role.EXECUTIVE),
            actor=actor,
            case=case,
            headline="The National Panel's view differs from the partnership's decision: the"
            f" {response.reconsidered_by_body} is asked to reconsider it.",
            status=response.get_status_display(),
            path=_path(response),
            about=ABOUT,
        )


@transaction.atomic
def panel_response_information(
    *,
    actor: User,
    membership: Membership,
    response: PanelResponse,
    sent_on: datetime.date | None,
    meeting_date: datetime.date | None = None,
) -> PanelResponse:
    """The information the Panel asked for was sent on `sent_on`: this round is concluded and
    the next one waits for the Panel's reply, its clock counted from the new day zero."""
    require(
        permissions.can_record_panel_response(membership, response.case),
        permissions.PANEL_NOT_ALLOWED,
    )
    response = _locked(response)
    if response.status != S.INFORMATION_REQUESTED:
        raise InvalidTransition("The Panel has not asked for more information.")
    errors: dict[str, str] = {}
    if sent_on is None:
        errors["sent_on"] = "Enter the date the information was sent"
    _past(
        errors,
        "sent_on",
        sent_on,
        "Date the information was sent",
        not_before=response.received_on,
        after_what="the date the Panel asked for it",
    )
    if meeting_date and sent_on and meeting_date < sent_on:
        errors["meeting_date"] = (
            "Date of the National Panel's meeting must be the same as or after the date the"
            " information was sent"
        )
    if errors:
        raise ValidationError(errors)
    response.status = S.CONCLUDED
    response.save(update_fields=["status", "updated_at"])
    following = PanelResponse.objects.create(
        partnership_id=response.partnership_id,
        case=response.case,
        notice=response.notice,
        round=response.round + 1,
        submitted_on=sent_on,
        partnership_view=response.partnership_view,
        meeting_date=meeting_date,
        created_by=actor,
    )
    audit(
        actor=actor,
        obj=following,
        case=response.case,
        action="panel_information",
        changes={"submitted_on": [None, sent_on.isoformat()], "round": [None, following.round]},
    )
    _clock(actor, following, "Further information sent to the National Panel")
    return following


@transaction.atomic
def panel_response_reconsider(
    *,
    actor: User,
    membership: Membership,
    response: PanelResponse,
    reconsideration: str,
    reconsideration_reasons: str,
    reconsidered_on: datetime.date | None,
) -> PanelResponse:
    """The decision-makers considered the Panel's contrary view (Lincolnshire 000 chapter 4:
    "the Assurance Executive would consider this formal feedback")."""
    require(
        permissions.can_reconsider(membership, response.case),
        permissions.RECONSIDER_NOT_ALLOWED,
    )
    response = _locked(response)
    if response.status != S.RECONSIDERATION:
        raise InvalidTransition("Only a Panel view back with the decision-makers is reconsidered.")
    reasons = (reconsideration_reasons or "").strip()
    errors: dict[str, str] = {}
    if reconsideration not in Reconsideration.values:
        errors["reconsideration"] = "Select what the decision-makers decided"
    if not reasons:
        errors["reconsideration_reasons"] = "Enter the reasons for the decision"
    if reconsidered_on is None:
        errors["reconsidered_on"] = "Enter the date they reconsidered"
    _past(
        errors,
        "reconsidered_on",
        reconsidered_on,
        "Date they reconsidered",
        not_before=response.received_on,
        after_what="the date the Panel's reply arrived",
    )
    if errors:
        raise ValidationError(errors)
    fields = ("status", "reconsideration", "reconsideration_reasons", "reconsidered_on")
    before = _snapshot(response, fields)
    response.reconsideration = reconsideration
    response.reconsideration_reasons = reasons
    response.reconsidered_on = reconsidered_on
    response.reconsidered_by = actor
    response.status = S.CONCLUDED
    response.save()
    audit(
        actor=actor,
        obj=response,
        case=response.case,
        action="panel_reconsider",
        changes=_changes(response, before, fields),
    )
    tell(
        key=f"panel_response:{response.pk}:reconsidered",
        recipients=_members(response.partnership_id, Role.BUSINESS_MANAGER, Role.EXECUTIVE),
        actor=actor,
        case=response.case,
        headline=f"The {response.reconsidered_by_body} has reconsidered the National Panel's"
        f" view: {response.get_reconsideration_display().lower()}.",
        status=response.get_status_display(),
        path=_path(response),
        about=ABOUT,
    )
    return response
