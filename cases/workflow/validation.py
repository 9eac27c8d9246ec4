"""Validation of a partnership's workflow settings.

Every message starts with the path of the field it is about, e.g.
``stages.rapid_review.milestones[3].rule.from: unknown milestone 'tor_meetin'``, so the settings
editor can show it next to the field. Validation never raises on malformed input: it reports.
Stages and milestones are checked in stage_validation.py.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from cases.workflow._checks import (
    MAX_LABEL,
    MAX_TEXT,
    Errors,
    check_fields,
    check_key,
    check_keyed_list,
    check_responsible,
    check_role,
    check_text,
    is_dict,
    is_int,
    is_list,
)
from cases.workflow.stage_validation import (
    check_rule,
    check_stages,
    dependency_order,
    stage_errors,
)
from cases.workflow.vocabulary import (
    NOTICE_KINDS,
    NOTICE_RECIPIENTS,
    NOTIFICATION_DECIDERS,
    QUORUM_RULES,
    REFERRAL_AUTHORISER_ROLES,
    TRIAGE_OUTCOMES,
)

__all__ = [
    "SETTINGS_VERSION",
    "dependency_order",
    "learning_option_errors",
    "stage_errors",
    "validate_workflow_settings",
    "workflow_settings_errors",
]

SETTINGS_VERSION = 1
TOP_LEVEL = {
    "version",
    "review_group_name",
    "executive_board_name",
    "quorum",
    "sign_off_chains",
    "referral_authoriser_role",
    "triage_outcomes",
    "learning_options",
    "reminder_policy",
    "stages",
}
# Optional: settings saved before these existed stay valid.
OPTIONAL_TOP_LEVEL = {
    "child_names_in_lists",
    "notice_recipients",
    "notification_decision",
    "panel_disagreement",
    "notification_copies",
    "rapid_review_return",
}
RETURN_FIELD_FIELDS = {"key", "label", "hint", "required"}
MAX_RETURN_FIELDS = 30
NOTIFICATION_DECISION_FIELDS = {"by", "agreements_needed", "escalate_to", "source"}
PANEL_DISAGREEMENT_FIELDS = {"reconsidered_by", "source"}
MAX_AGREEMENTS = 10
COPY_WHEN = ("immediately", "within_working_days")
COPY_FIELDS = {"key", "label", "when", "working_days", "source"}
MAX_COPY_WORKING_DAYS = 30
CHILD_NAME_STYLES = ("full", "initials")
REMINDER_FIELDS = {
    "before_working_days",
    "on_due_day",
    "overdue_every_working_day",
    "escalate_to_business_manager_after",
    "escalate_to_executive_after",
}
LEARNING_OPTION_REQUIRED = {"key", "label", "timescale", "timescale_text"}
LEARNING_OPTION_FIELDS = LEARNING_OPTION_REQUIRED | {"lead", "governance", "methodology"}


def workflow_settings_errors(data: Any) -> list[str]:
    """Every problem found in ``data``, as field-addressed messages; [] when valid."""
    errors = Errors()
    if not is_dict(data, "settings", errors):
        return errors.messages
    check_fields(data, "settings", TOP_LEVEL, TOP_LEVEL | OPTIONAL_TOP_LEVEL, errors)
    if "version" in data and (not is_int(data["version"]) or data["version"] != SETTINGS_VERSION):
        errors.add("version", f"must be {SETTINGS_VERSION}")
    for name in ("review_group_name", "executive_board_name"):
        if name in data:
            check_text(data[name], name, errors, required=True, limit=MAX_LABEL)
    if "referral_authoriser_role" in data:
        _referral_authoriser_role(data["referral_authoriser_role"], errors)
    if data.get("child_names_in_lists", "full") not in CHILD_NAME_STYLES:
        errors.add("child_names_in_lists", f"must be one of: {', '.join(CHILD_NAME_STYLES)}")
    if "notice_recipients" in data:
        _notice_recipients(data["notice_recipients"], errors)
    if "notification_decision" in data:
        _notification_decision(data["notification_decision"], errors)
    if "panel_disagreement" in data:
        _panel_disagreement(data["panel_disagreement"], errors)
    if "notification_copies" in data:
        _notification_copies(data["notification_copies"], errors)
    if "rapid_review_return" in data:
        _rapid_review_return(data["rapid_review_return"], errors)
    if "quorum" in data:
        _quorum(data["quorum"], errors)
    if "sign_off_chains" in data:
        _sign_off_chains(data["sign_off_chains"], errors)
    if "triage_outcomes" in data:
        _triage_outcomes(data["triage_outcomes"], errors)
    if "learning_options" in data:
        _learning_options(data["learning_options"], errors)
    if "reminder_policy" in data:
        _reminder_policy(data["reminder_policy"], errors)
    if "stages" in data:
        check_stages(data["stages"], errors)
    return errors.messages


def validate_workflow_settings(data: Any) -> None:
    """Raise ValidationError listing every problem, or return None when ``data`` is valid."""
    messages = workflow_settings_errors(data)
    if messages:
        raise ValidationError([ValidationError(m, code="invalid_workflow") for m in messages])


def learning_option_errors(data: Any) -> list[str]:
    errors = Errors()
    if is_dict(data, "settings", errors):
        if "learning_options" not in data:
            errors.add("learning_options", "missing")
        else:
            _learning_options(data["learning_options"], errors)
    return errors.messages


def _referral_authoriser_role(value: Any, errors: Errors) -> None:
    """A role that a member of the referring agency holds: its safeguarding lead officer, an
    agency executive (Swindon), or (settings stored before issue 11) an executive."""
    path = "referral_authoriser_role"
    before = len(errors.messages)
    check_role(value, path, errors)
    if len(errors.messages) == before and value not in REFERRAL_AUTHORISER_ROLES:
        errors.add(
            path,
            f"the role {value!r} cannot authorise an agency's referral; expected one of: "
            + ", ".join(sorted(REFERRAL_AUTHORISER_ROLES)),
        )


def _notice_recipients(value: Any, errors: Errors) -> None:
    """{kind: [body, ...]}: who the partnership sends a kind of statutory notice to, where it
    differs from the usual bodies (cases.models.notices.DEFAULT_RECIPIENTS)."""
    path = "notice_recipients"
    if not is_dict(value, path, errors):
        return
    for kind, bodies in value.items():
        where = f"{path}.{kind}"
        if kind not in NOTICE_KINDS:
            errors.add(
                where,
                f"unknown kind of notice; expected one of: {', '.join(sorted(NOTICE_KINDS))}",
            )
            continue
        if not is_list(bodies, where, errors):
            continue
        if not bodies:
            errors.add(where, "must name at least one recipient")
        for i, body in enumerate(bodies):
            if not isinstance(body, str) or body not in NOTICE_RECIPIENTS:
                errors.add(
                    f"{where}[{i}]",
                    f"unknown recipient {body!r}; expected one of:"
                    f" {', '.join(sorted(NOTICE_RECIPIENTS))}",
                )
        if len({b for b in bodies if isinstance(b, str)}) != len(bodies):
            errors.add(where, "must not repeat a recipient")


def _notification_decision(value: Any, errors: Errors) -> None:
    """Who decides that a recommended incident is notified: {"by": "executive"} (the default,
    also where the key is missing), {"by": "statutory_partners", "agreements_needed": 3} or
    {"by": "local_authority", "escalate_to": "the PDSCP Executive"}; "source" cites the seed."""
    path = "notification_decision"
    if not is_dict(value, path, errors):
        return
    check_fields(value, path, ("by",), NOTIFICATION_DECISION_FIELDS, errors)
    by = value.get("by")
    if "by" in value and (not isinstance(by, str) or by not in NOTIFICATION_DECIDERS):
        errors.add(f"{path}.by", f"must be one of: {', '.join(sorted(NOTIFICATION_DECIDERS))}")
    needed = value.get("agreements_needed")
    if by == "statutory_partners":
        if "agreements_needed" not in value:
            errors.add(f"{path}.agreements_needed", "missing")
        elif not is_int(needed) or not 1 <= needed <= MAX_AGREEMENTS:
            errors.add(
                f"{path}.agreements_needed", f"must be a whole number, 1 to {MAX_AGREEMENTS}"
            )
    elif "agreements_needed" in value:
        errors.add(f"{path}.agreements_needed", "only where the statutory partners agree")
    if "escalate_to" in value:
        if by != "local_authority":
            errors.add(f"{path}.escalate_to", "only where the local authority decides")
        else:
            check_text(
                value["escalate_to"], f"{path}.escalate_to", errors, required=True, limit=MAX_LABEL
            )
    if "source" in value:
        check_text(value["source"], f"{path}.source", errors, required=False, limit=MAX_TEXT)


def _panel_disagreement(value: Any, errors: Errors) -> None:
    """Who reconsiders when the National Panel's view is contrary to the partnership's decision:
    {"reconsidered_by": "Assurance Executive", "source": "..."}; without it, the executive
    board (executive_board_name)."""
    path = "panel_disagreement"
    if not is_dict(value, path, errors):
        return
    check_fields(value, path, ("reconsidered_by",), PANEL_DISAGREEMENT_FIELDS, errors)
    if "reconsidered_by" in value:
        check_text(
            value["reconsidered_by"],
            f"{path}.reconsidered_by",
            errors,
            required=True,
            limit=MAX_LABEL,
        )
    if "source" in value:
        check_text(value["source"], f"{path}.source", errors, required=False, limit=MAX_TEXT)


def _notification_copies(value: Any, errors: Errors) -> None:
    """Who gets a copy of the submitted notification and by when (Dorset 002 3.6, BCP 003
    section 5): [{"key", "label", "when": "immediately"} or {..., "when":
    "within_working_days", "working_days": 5}, "source" citing the seed]."""

    def check(row: dict, path: str, errors: Errors) -> None:
        check_fields(row, path, ("key", "label", "when"), COPY_FIELDS, errors)
        if "key" in row:
            check_key(row["key"], f"{path}.key", errors)
        if "label" in row:
            check_text(row["label"], f"{path}.label", errors, required=True, limit=MAX_LABEL)
        when = row.get("when")
        if "when" in row and (not isinstance(when, str) or when not in COPY_WHEN):
            errors.add(f"{path}.when", f"must be one of: {', '.join(COPY_WHEN)}")
        days = row.get("working_days")
        if when == "within_working_days":
            if "working_days" not in row:
                errors.add(f"{path}.working_days", "missing")
            elif not is_int(days) or not 0 <= days <= MAX_COPY_WORKING_DAYS:
                errors.add(
                    f"{path}.working_days",
                    f"must be a whole number of working days, 0 to {MAX_COPY_WORKING_DAYS}",
                )
        elif "working_days" in row:
            errors.add(f"{path}.working_days", "only where the copy is due within working days")
        if "source" in row:
            check_text(row["source"], f"{path}.source", errors, required=False, limit=MAX_TEXT)

    check_keyed_list(value, "notification_copies", errors, check, allow_empty=False)


def _rapid_review_return(value: Any, errors: Errors) -> None:
    """The questions of an agency's rapid review return (Swindon 001 Appendix 3 Part 2, Dorset
    002 5.7 briefing report, BCP 003 Appendix B): [{"key", "label", "hint", "required"}]."""

    def check(row: dict, path: str, errors: Errors) -> None:
        check_fields(row, path, ("key", "label"), RETURN_FIELD_FIELDS, errors)
        if "key" in row:
            check_key(row["key"], f"{path}.key", errors)
        if "label" in row:
            check_text(row["label"], f"{path}.label", errors, required=True, limit=MAX_TEXT)
        if "hint" in row:
            check_text(row["hint"], f"{path}.hint", errors, required=False, limit=MAX_TEXT)
        if "required" in row and not isinstance(row["required"], bool):
            errors.add(f"{path}.required", "must be true or false")

    check_keyed_list(value, "rapid_review_return", errors, check, allow_empty=False)
    if isinstance(value, list) and len(value) > MAX_RETURN_FIELDS:
        errors.add("rapid_review_return", f"must have {MAX_RETURN_FIELDS} questions or fewer")


def _quorum(value: Any, errors: Errors) -> None:
    if not is_dict(value, "quorum", errors):
        return
    rule = value.get("rule")
    if not isinstance(rule, str) or rule not in QUORUM_RULES:
        errors.add("quorum.rule", f"must be one of: {', '.join(sorted(QUORUM_RULES))}")
        return
    if rule == "minimum_count":
        check_fields(value, "quorum", ("rule", "minimum"), ("rule", "minimum"), errors)
        minimum = value.get("minimum")
        if "minimum" in value and (not is_int(minimum) or minimum < 1):
            errors.add("quorum.minimum", "must be a whole number of at least 1")
    else:
        check_fields(value, "quorum", ("rule",), ("rule",), errors)


def _sign_off_chains(value: Any, errors: Errors) -> None:
    if not is_dict(value, "sign_off_chains", errors):
        return

    def check_step(step: dict, path: str, errors: Errors) -> None:
        check_fields(
            step, path, ("key", "label", "responsible"), ("key", "label", "responsible"), errors
        )
        if "key" in step:
            check_key(step["key"], f"{path}.key", errors)
        if "label" in step:
            check_text(step["label"], f"{path}.label", errors, required=True, limit=MAX_LABEL)
        if "responsible" in step:
            check_responsible(step["responsible"], f"{path}.responsible", errors)

    for name, steps in value.items():
        path = f"sign_off_chains.{name}"
        if check_key(name, path, errors):
            check_keyed_list(steps, path, errors, check_step, allow_empty=False)


def _triage_outcomes(value: Any, errors: Errors) -> None:
    def check(outcome: dict, path: str, errors: Errors) -> None:
        check_fields(
            outcome, path, ("key", "label"), ("key", "label", "executive_confirms"), errors
        )
        if "executive_confirms" in outcome and not isinstance(outcome["executive_confirms"], bool):
            errors.add(f"{path}.executive_confirms", "must be true or false")
        if outcome.get("executive_confirms") and outcome.get("key") == "more_information":
            errors.add(f"{path}.executive_confirms", "asking for more information is not confirmed")
        key = outcome.get("key")
        if "key" in outcome and (not isinstance(key, str) or key not in TRIAGE_OUTCOMES):
            errors.add(
                f"{path}.key",
                f"unknown triage outcome {key!r}; expected one of:"
                f" {', '.join(sorted(TRIAGE_OUTCOMES))}",
            )
        if "label" in outcome:
            check_text(outcome["label"], f"{path}.label", errors, required=True, limit=MAX_LABEL)

    check_keyed_list(value, "triage_outcomes", errors, check, allow_empty=False)


def _learning_options(value: Any, errors: Errors) -> None:
    def check(option: dict, path: str, errors: Errors) -> None:
        check_fields(option, path, LEARNING_OPTION_REQUIRED, LEARNING_OPTION_FIELDS, errors)
        if "key" in option:
            check_key(option["key"], f"{path}.key", errors)
        if "label" in option:
            check_text(option["label"], f"{path}.label", errors, required=True, limit=MAX_LABEL)
        if "timescale_text" in option:
            check_text(
                option["timescale_text"],
                f"{path}.timescale_text",
                errors,
                required=True,
                limit=MAX_LABEL,
            )
        for name in ("lead", "governance", "methodology"):
            if name in option:
                check_text(option[name], f"{path}.{name}", errors, required=False, limit=MAX_TEXT)
        timescale = option.get("timescale")
        if timescale is not None:
            check_rule(timescale, f"{path}.timescale", errors, siblings=None, backwards_ok=False)

    check_keyed_list(value, "learning_options", errors, check)


def _reminder_policy(value: Any, errors: Errors) -> None:
    path = "reminder_policy"
    if not is_dict(value, path, errors):
        return
    check_fields(value, path, REMINDER_FIELDS, REMINDER_FIELDS, errors)
    before = value.get("before_working_days", [])
    if is_list(before, f"{path}.before_working_days", errors):
        for i, n in enumerate(before):
            if not is_int(n) or not 1 <= n <= 30:
                errors.add(f"{path}.before_working_days[{i}]", "must be a whole number, 1 to 30")
        if len({n for n in before if is_int(n)}) != len(before):
            errors.add(f"{path}.before_working_days", "must not repeat a number")
    for name in ("on_due_day", "overdue_every_working_day"):
        if name in value and not isinstance(value[name], bool):
            errors.add(f"{path}.{name}", "must be true or false")
    after = {}
    for name in ("escalate_to_business_manager_after", "escalate_to_executive_after"):
        n = value.get(name)
        if n is None:
            continue
        if not is_int(n) or not 0 <= n <= 60:
            errors.add(f"{path}.{name}", "must be null or a whole number of working days, 0 to 60")
        else:
            after[name] = n
    if len(after) == 2 and (
        after["escalate_to_executive_after"] < after["escalate_to_business_manager_after"]
    ):
        errors.add(
            f"{path}.escalate_to_executive_after",
            "must not come before the escalation to the business manager",
        )
