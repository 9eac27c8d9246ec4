"""Small builders that keep the preset modules readable. They return plain JSON data."""

from __future__ import annotations

from typing import Any

from cases.workflow.validation import SETTINGS_VERSION
from cases.workflow.vocabulary import DAY_ZERO_EVENTS, STAGES

Data = dict[str, Any]


def _rule(
    unit: str,
    n: int,
    relative_to: str | None,
    window_from: int | None,
    adjust: str,
    from_event: str | None = None,
) -> Data:
    rule: Data = {"unit": unit, "offset": n}
    if relative_to is not None:
        rule["from"] = relative_to
    if from_event is not None:
        rule["from_event"] = from_event
    if window_from is not None:
        rule["window_start"] = window_from
    if adjust != "none":
        rule["adjust"] = adjust
    return rule


def working_days(
    n: int,
    *,
    relative_to: str | None = None,
    window_from: int | None = None,
    adjust: str = "none",
    from_event: str | None = None,
) -> Data:
    return _rule("working_days", n, relative_to, window_from, adjust, from_event)


def calendar_days(
    n: int,
    *,
    relative_to: str | None = None,
    window_from: int | None = None,
    adjust: str = "previous_working_day",
) -> Data:
    return _rule("calendar_days", n, relative_to, window_from, adjust)


def weeks(
    n: int,
    *,
    relative_to: str | None = None,
    window_from: int | None = None,
    adjust: str = "previous_working_day",
) -> Data:
    return _rule("weeks", n, relative_to, window_from, adjust)


def months(
    n: int,
    *,
    relative_to: str | None = None,
    window_from: int | None = None,
    adjust: str = "previous_working_day",
) -> Data:
    return _rule("months", n, relative_to, window_from, adjust)


def who(*roles: str, agencies: tuple[str, ...] = ()) -> Data:
    return {"roles": list(roles), "agency_types": list(agencies)}


def milestone(
    key: str,
    label: str,
    rule: Data,
    responsible: Data,
    *,
    statutory: bool = False,
    source: str,
    time: str | None = None,
) -> Data:
    data = {
        "key": key,
        "label": label,
        "rule": rule,
        "responsible": responsible,
        "statutory": statutory,
        "source": source,
    }
    if time is not None:
        data["time"] = time
    return data


def stage(name: str, event: str, milestones: list[Data], *, day_zero: str | None = None) -> Data:
    return {
        "label": STAGES[name],
        "day_zero": {"event": event, "description": day_zero or DAY_ZERO_EVENTS[event]},
        "milestones": milestones,
    }


def step(key: str, label: str, responsible: Data) -> Data:
    return {"key": key, "label": label, "responsible": responsible}


def outcome(key: str, label: str, *, executive_confirms: bool = False) -> Data:
    """``executive_confirms``: the review group only recommends this outcome; the executive
    confirms it (or sends it back), as for a rapid review."""
    data: Data = {"key": key, "label": label}
    if executive_confirms:
        data["executive_confirms"] = True
    return data


def learning_option(
    key: str,
    label: str,
    timescale: Data | None,
    timescale_text: str,
    *,
    lead: str = "",
    governance: str = "",
    methodology: str = "",
) -> Data:
    option: Data = {
        "key": key,
        "label": label,
        "timescale": timescale,
        "timescale_text": timescale_text,
    }
    for name, value in (("lead", lead), ("governance", governance), ("methodology", methodology)):
        if value:
            option[name] = value
    return option


def one_of_each_statutory_partner() -> Data:
    return {"rule": "one_of_each_statutory_partner"}


def default_reminder_policy() -> Data:
    return {
        "before_working_days": [2],
        "on_due_day": True,
        "overdue_every_working_day": True,
        "escalate_to_business_manager_after": 1,
        "escalate_to_executive_after": 3,
    }


def settings(
    *,
    review_group_name: str,
    executive_board_name: str,
    quorum: Data,
    sign_off_chains: dict[str, list[Data]],
    referral_authoriser_role: str,
    triage_outcomes: list[Data],
    learning_options: list[Data],
    stages: dict[str, Data],
    reminder_policy: Data | None = None,
    child_names_in_lists: str = "full",
    notice_recipients: dict[str, list[str]] | None = None,
    notification_decision: Data | None = None,
    panel_disagreement: Data | None = None,
    notification_copies: list[Data] | None = None,
    rapid_review_return: list[Data] | None = None,
) -> Data:
    data = {
        "version": SETTINGS_VERSION,
        "review_group_name": review_group_name,
        "executive_board_name": executive_board_name,
        "quorum": quorum,
        "sign_off_chains": sign_off_chains,
        "referral_authoriser_role": referral_authoriser_role,
        "child_names_in_lists": child_names_in_lists,
        "triage_outcomes": triage_outcomes,
        "learning_options": learning_options,
        "reminder_policy": reminder_policy or default_reminder_policy(),
        "stages": {**{name: stages[name] for name in STAGES if name in stages}, **stages},
    }
    if notice_recipients is not None:
        data["notice_recipients"] = notice_recipients
    if notification_decision is not None:
        data["notification_decision"] = notification_decision
    if panel_disagreement is not None:
        data["panel_disagreement"] = panel_disagreement
    if notification_copies is not None:
        data["notification_copies"] = notification_copies
    if rapid_review_return is not None:
        data["rapid_review_return"] = rapid_review_return
    return data


def reconsidered_by(body: str, *, source: str) -> Data:
    """Who reconsiders a National Panel view contrary to the partnership's (panel_disagreement)."""
    return {"reconsidered_by": body, "source": source}


def decided_by(
    by: str, *, source: str, agreements_needed: int | None = None, escalate_to: str = ""
) -> Data:
    """Who decides that a recommended incident is notified (notification_decision)."""
    data: Data = {"by": by}
    if agreements_needed is not None:
        data["agreements_needed"] = agreements_needed
    if escalate_to:
        data["escalate_to"] = escalate_to
    data["source"] = source
    return data


def recipients(*bodies: str) -> list[str]:
    """The bodies a kind of statutory notice goes to (keys of NOTICE_RECIPIENTS)."""
    return list(bodies)


def copy_to(key: str, label: str, *, source: str, within_working_days: int | None = None) -> Data:
    """Who gets a copy of the submitted notification (notification_copies): immediately, or
    within a number of working days of the local authority becoming aware."""
    data: Data = {"key": key, "label": label}
    if within_working_days is None:
        data["when"] = "immediately"
    else:
        data["when"] = "within_working_days"
        data["working_days"] = within_working_days
    data["source"] = source
    return data


def return_field(key: str, label: str, hint: str = "", *, required: bool = False) -> Data:
    """One question of the agency's rapid review return (rapid_review_return)."""
    data: Data = {"key": key, "label": label}
    if hint:
        data["hint"] = hint
    if required:
        data["required"] = True
    return data
