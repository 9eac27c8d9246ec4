"""Workflow settings in words, for the settings page. Defensive: stored settings are validated
when saved, but a page must never fail on odd data, so anything unexpected reads "not set"."""

from typing import Any

from cases.models import AgencyType, NoticeKind, NoticeRecipient, Role
from cases.workflow.schedule import _describe as describe_rule
from cases.workflow.vocabulary import STAGES, chain_name

NOT_SET = "Not set"
_ROLE_LABELS = dict(Role.choices)
_AGENCY_LABELS = dict(AgencyType.choices)
_ADJUST = {
    "previous_working_day": "; on a non-working day, the working day before",
    "next_working_day": "; on a non-working day, the next working day",
}


def _dict(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


def responsible_text(value: Any) -> str:
    data = _dict(value)
    roles = [_ROLE_LABELS.get(r, str(r)) for r in _list(data.get("roles"))]
    types = [_AGENCY_LABELS.get(t, str(t)) for t in _list(data.get("agency_types"))]
    if roles and types:
        return f"{', '.join(roles)} ({', '.join(types)})"
    return ", ".join(roles or types) or NOT_SET


def quorum_text(value: Any) -> str:
    data = _dict(value)
    if data.get("rule") == "one_of_each_statutory_partner":
        return "At least one person from each statutory partner"
    if data.get("rule") == "minimum_count":
        return f"At least {data.get('minimum')} people"
    return NOT_SET


def reminder_policy_rows(value: Any) -> list[dict]:
    data = _dict(value)
    before = _list(data.get("before_working_days"))

    def after(name: str) -> str:
        n = data.get(name)
        return "Never" if n is None else f"After {n} overdue working day{'s' * (n != 1)}"

    return [
        {
            "key": "Before the due date",
            "value": ", ".join(f"{n} working days" for n in before) or "No reminder",
        },
        {"key": "On the due day", "value": "Yes" if data.get("on_due_day") else "No"},
        {
            "key": "While overdue",
            "value": "Every working day" if data.get("overdue_every_working_day") else "No",
        },
        {
            "key": "Escalate to the business managers",
            "value": after("escalate_to_business_manager_after"),
        },
        {"key": "Then to the executives", "value": after("escalate_to_executive_after")},
    ]


def rule_text(rule: Any, stage: dict, labels: dict) -> str:
    data = _dict(rule)
    try:
        base = data.get("from")
        origin = f"“{labels[base]}”" if base else _dict(stage.get("day_zero")).get("description")
        return describe_rule(data, origin or "day zero") + _ADJUST.get(data.get("adjust"), "")
    except (KeyError, TypeError, ValueError):
        return NOT_SET


def stages(workflow: Any) -> list[dict]:
    result = []
    for key, label in STAGES.items():
        stage = _dict(_dict(_dict(workflow).get("stages")).get(key))
        milestones = [m for m in _list(stage.get("milestones")) if isinstance(m, dict)]
        labels = {m.get("key"): m.get("label") for m in milestones}
        rows = [
            [
                str(m.get("label", "")),
                rule_text(m.get("rule"), stage, labels),
                responsible_text(m.get("responsible")),
                {"text": "Statutory", "tag": True, "tag_colour": "purple"}
                if m.get("statutory")
                else "Local",
            ]
            for m in milestones
        ]
        day_zero = _dict(stage.get("day_zero")).get("description") or NOT_SET
        result.append({"key": key, "label": label, "day_zero": day_zero, "rows": rows})
    return result


def sign_off_chains(workflow: Any) -> list[dict]:
    chains = _dict(_dict(workflow).get("sign_off_chains"))
    return [
        {
            "name": chain_name(name),
            "steps": [
                f"{s.get('label', '')} – {responsible_text(s.get('responsible'))}"
                for s in _list(steps)
                if isinstance(s, dict)
            ],
        }
        for name, steps in chains.items()
    ]


def summary_rows(workflow: Any) -> list[dict]:
    data = _dict(workflow)
    return [
        {"key": "Review group", "value": data.get("review_group_name") or NOT_SET},
        {"key": "Executive board", "value": data.get("executive_board_name") or NOT_SET},
        {"key": "Quorum for meetings", "value": quorum_text(data.get("quorum"))},
        {
            "key": "Authorises an agency's referral",
            "value": _ROLE_LABELS.get(data.get("referral_authoriser_role"), NOT_SET),
        },
        {
            "key": "Lists name a child by",
            "value": "Initials" if data.get("child_names_in_lists") == "initials" else "Full name",
        },
        {"key": "Statutory notices go to", "value": notice_recipients_text(data)},
        {"key": "Who decides to notify", "value": notification_decision_text(data)},
    ]


def notification_decision_text(data: dict) -> str:
    """Who decides that a recommended incident is notified (issue 12); settings stored without
    the key: the executive, as before."""
    setting = _dict(data.get("notification_decision"))
    by = setting.get("by") or "executive"
    if by == "statutory_partners":
        text = (
            f"The statutory partners: {setting.get('agreements_needed')} must agree, each"
            " recorded by its safeguarding lead officer or agency executive"
        )
    elif by == "local_authority":
        text = "The local authority (its safeguarding lead officer or agency executive)"
        if setting.get("escalate_to"):
            text += f"; another partner that disagrees escalates to {setting['escalate_to']}"
    else:
        board = data.get("executive_board_name") or "executive"
        text = f"The executive ({board}), on the review group's recommendation"
    if setting.get("source"):
        text += f"\nSource: {setting['source']}"
    return text


def notice_recipients_text(data: dict) -> str:
    """The kinds of notice whose recipients the partnership sets, one a line."""
    kinds, bodies = dict(NoticeKind.choices), dict(NoticeRecipient.choices)
    lines = [
        f"{kinds.get(kind, kind)}: {', '.join(bodies.get(b, str(b)) for b in _list(to))}"
        for kind, to in _dict(data.get("notice_recipients")).items()
    ]
    return "\n".join(lines) or "The usual bodies for each kind of notice"
