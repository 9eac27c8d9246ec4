"""Validation of a partnership's workflow settings.

Every message starts with the path of the field it is about, e.g.
``stages.rapid_review.milestones[3].rule.from: unknown milestone 'tor_meetin'``, so the settings
editor can show it next to the field. Validation never raises on malformed input: it reports.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError

from cases.workflow.vocabulary import (
    ADJUSTMENTS,
    AGENCY_TYPES,
    DAY_ZERO_EVENTS,
    QUORUM_RULES,
    ROLES,
    STAGES,
    TARGET_DAY_ZERO_EVENTS,
    TRIAGE_OUTCOMES,
    UNITS,
)

SETTINGS_VERSION = 1
KEY_RE = re.compile(r"^[a-z][a-z0-9_]{0,49}$")
MAX_LABEL = 255
MAX_TEXT = 2000
MAX_MILESTONES = 100
# Ten years in each unit: far beyond any real timescale, small enough to catch typos.
MAX_OFFSET = {"working_days": 2600, "calendar_days": 3660, "weeks": 520, "months": 120}

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
STAGE_FIELDS = {"label", "day_zero", "milestones"}
MILESTONE_REQUIRED = {"key", "label", "rule", "responsible", "statutory"}
MILESTONE_FIELDS = MILESTONE_REQUIRED | {"source"}
RULE_FIELDS = {"unit", "offset", "from", "window_start", "adjust"}
REMINDER_FIELDS = {
    "before_working_days",
    "on_due_day",
    "overdue_every_working_day",
    "escalate_to_business_manager_after",
    "escalate_to_executive_after",
}
LEARNING_OPTION_REQUIRED = {"key", "label", "timescale", "timescale_text"}
LEARNING_OPTION_FIELDS = LEARNING_OPTION_REQUIRED | {"lead", "governance", "methodology"}


class _Errors:
    def __init__(self) -> None:
        self.messages: list[str] = []

    def add(self, path: str, message: str) -> None:
        self.messages.append(f"{path}: {message}")


def workflow_settings_errors(data: Any) -> list[str]:
    """Every problem found in ``data``, as field-addressed messages; [] when valid."""
    errors = _Errors()
    if not _is_dict(data, "settings", errors):
        return errors.messages
    _fields(data, "settings", TOP_LEVEL, TOP_LEVEL, errors)
    if "version" in data and (not _is_int(data["version"]) or data["version"] != SETTINGS_VERSION):
        errors.add("version", f"must be {SETTINGS_VERSION}")
    for name in ("review_group_name", "executive_board_name"):
        if name in data:
            _text(data[name], name, errors, required=True, limit=MAX_LABEL)
    if "referral_authoriser_role" in data:
        _role(data["referral_authoriser_role"], "referral_authoriser_role", errors)
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
        _stages(data["stages"], errors)
    return errors.messages


def validate_workflow_settings(data: Any) -> None:
    """Raise ValidationError listing every problem, or return None when ``data`` is valid."""
    messages = workflow_settings_errors(data)
    if messages:
        raise ValidationError([ValidationError(m, code="invalid_workflow") for m in messages])


def stage_errors(data: Any, stage: str) -> list[str]:
    """Problems in one stage only (what a schedule for that stage depends on)."""
    errors = _Errors()
    if not _is_dict(data, "settings", errors):
        return errors.messages
    stages = data.get("stages")
    if not _is_dict(stages, "stages", errors):
        return errors.messages
    if stage not in stages:
        errors.add(f"stages.{stage}", "missing")
        return errors.messages
    _stage(stages[stage], f"stages.{stage}", errors)
    return errors.messages


def learning_option_errors(data: Any) -> list[str]:
    errors = _Errors()
    if _is_dict(data, "settings", errors):
        if "learning_options" not in data:
            errors.add("learning_options", "missing")
        else:
            _learning_options(data["learning_options"], errors)
    return errors.messages


def dependency_order(milestones: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """Milestone keys ordered so that each comes after the milestone it is counted from.
    Raises ValueError on a cycle or an unknown ``from``."""
    order: list[str] = []
    state: dict[str, str] = {}

    def visit(key: str, trail: list[str]) -> None:
        if state.get(key) == "done":
            return
        if state.get(key) == "visiting":
            cycle = trail[trail.index(key) :] + [key]
            raise ValueError("cycle in relative milestones: " + " -> ".join(cycle))
        if key not in milestones:
            raise ValueError(f"unknown milestone {key!r}")
        state[key] = "visiting"
        base = milestones[key]["rule"].get("from")
        if base is not None:
            visit(base, [*trail, key])
        state[key] = "done"
        order.append(key)

    for key in sorted(milestones):
        visit(key, [])
    return order


# -- pieces --


def _is_dict(value: Any, path: str, errors: _Errors) -> bool:
    if not isinstance(value, dict):
        errors.add(path, f"must be an object, not {_type(value)}")
        return False
    return True


def _is_list(value: Any, path: str, errors: _Errors) -> bool:
    if not isinstance(value, list):
        errors.add(path, f"must be a list, not {_type(value)}")
        return False
    return True


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _type(value: Any) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "a boolean"}
    if value is None:
        return "null"
    if _is_int(value):
        return "a number"
    return names.get(type(value), type(value).__name__)


def _fields(
    value: dict, path: str, required: Iterable[str], allowed: Iterable[str], errors: _Errors
) -> None:
    allowed = set(allowed)
    for name in sorted(set(required) - set(value)):
        errors.add(f"{path}.{name}" if path != "settings" else name, "missing")
    for name in sorted(set(value) - allowed, key=str):
        where = f"{path}.{name}" if path != "settings" else str(name)
        errors.add(where, f"unknown field; expected one of: {', '.join(sorted(allowed))}")


def _text(value: Any, path: str, errors: _Errors, *, required: bool, limit: int) -> None:
    if not isinstance(value, str):
        errors.add(path, f"must be a string, not {_type(value)}")
    elif required and not value.strip():
        errors.add(path, "must not be empty")
    elif len(value) > limit:
        errors.add(path, f"must be at most {limit} characters")


def _key(value: Any, path: str, errors: _Errors) -> bool:
    if not isinstance(value, str) or not KEY_RE.match(value):
        errors.add(
            path,
            "must be a key of lower-case letters, digits and underscores, starting with a"
            f" letter, at most 50 characters; got {value!r}",
        )
        return False
    return True


def _role(value: Any, path: str, errors: _Errors) -> None:
    if not isinstance(value, str) or value not in ROLES:
        errors.add(path, f"unknown role {value!r}; expected one of: {', '.join(sorted(ROLES))}")


def _responsible(value: Any, path: str, errors: _Errors) -> None:
    if not _is_dict(value, path, errors):
        return
    _fields(value, path, (), ("roles", "agency_types"), errors)
    total = 0
    for field, known, noun in (
        ("roles", ROLES, "role"),
        ("agency_types", AGENCY_TYPES, "agency type"),
    ):
        items = value.get(field, [])
        if not _is_list(items, f"{path}.{field}", errors):
            continue
        total += len(items)
        seen: set[str] = set()
        for i, item in enumerate(items):
            item_path = f"{path}.{field}[{i}]"
            if not isinstance(item, str) or item not in known:
                errors.add(
                    item_path,
                    f"unknown {noun} {item!r}; expected one of: {', '.join(sorted(known))}",
                )
            elif item in seen:
                errors.add(item_path, f"{item!r} is listed twice")
            else:
                seen.add(item)
    if total == 0:
        errors.add(path, "name at least one role or agency type")


def _keyed_list(
    items: Any, path: str, errors: _Errors, check_item: Any, *, allow_empty: bool = True
) -> None:
    if not _is_list(items, path, errors):
        return
    if not items and not allow_empty:
        errors.add(path, "must not be empty")
    seen: set[str] = set()
    for i, item in enumerate(items):
        item_path = f"{path}[{i}]"
        if not _is_dict(item, item_path, errors):
            continue
        check_item(item, item_path, errors)
        key = item.get("key")
        if isinstance(key, str):
            if key in seen:
                errors.add(f"{item_path}.key", f"duplicate key {key!r}")
            seen.add(key)


def _quorum(value: Any, errors: _Errors) -> None:
    if not _is_dict(value, "quorum", errors):
        return
    rule = value.get("rule")
    if not isinstance(rule, str) or rule not in QUORUM_RULES:
        errors.add("quorum.rule", f"must be one of: {', '.join(sorted(QUORUM_RULES))}")
        return
    if rule == "minimum_count":
        _fields(value, "quorum", ("rule", "minimum"), ("rule", "minimum"), errors)
        minimum = value.get("minimum")
        if "minimum" in value and (not _is_int(minimum) or minimum < 1):
            errors.add("quorum.minimum", "must be a whole number of at least 1")
    else:
        _fields(value, "quorum", ("rule",), ("rule",), errors)


def _sign_off_chains(value: Any, errors: _Errors) -> None:
    if not _is_dict(value, "sign_off_chains", errors):
        return

    def check_step(step: dict, path: str, errors: _Errors) -> None:
        _fields(
            step, path, ("key", "label", "responsible"), ("key", "label", "responsible"), errors
        )
        if "key" in step:
            _key(step["key"], f"{path}.key", errors)
        if "label" in step:
            _text(step["label"], f"{path}.label", errors, required=True, limit=MAX_LABEL)
        if "responsible" in step:
            _responsible(step["responsible"], f"{path}.responsible", errors)

    for name, steps in value.items():
        path = f"sign_off_chains.{name}"
        if _key(name, path, errors):
            _keyed_list(steps, path, errors, check_step, allow_empty=False)


def _triage_outcomes(value: Any, errors: _Errors) -> None:
    def check(outcome: dict, path: str, errors: _Errors) -> None:
        _fields(outcome, path, ("key", "label"), ("key", "label"), errors)
        key = outcome.get("key")
        if "key" in outcome and (not isinstance(key, str) or key not in TRIAGE_OUTCOMES):
            errors.add(
                f"{path}.key",
                f"unknown triage outcome {key!r}; expected one of:"
                f" {', '.join(sorted(TRIAGE_OUTCOMES))}",
            )
        if "label" in outcome:
            _text(outcome["label"], f"{path}.label", errors, required=True, limit=MAX_LABEL)

    _keyed_list(value, "triage_outcomes", errors, check, allow_empty=False)


def _learning_options(value: Any, errors: _Errors) -> None:
    def check(option: dict, path: str, errors: _Errors) -> None:
        _fields(option, path, LEARNING_OPTION_REQUIRED, LEARNING_OPTION_FIELDS, errors)
        if "key" in option:
            _key(option["key"], f"{path}.key", errors)
        if "label" in option:
            _text(option["label"], f"{path}.label", errors, required=True, limit=MAX_LABEL)
        if "timescale_text" in option:
            _text(
                option["timescale_text"],
                f"{path}.timescale_text",
                errors,
                required=True,
                limit=MAX_LABEL,
            )
        for name in ("lead", "governance", "methodology"):
            if name in option:
                _text(option[name], f"{path}.{name}", errors, required=False, limit=MAX_TEXT)
        timescale = option.get("timescale")
        if timescale is not None:
            _rule(timescale, f"{path}.timescale", errors, siblings=None, backwards_ok=False)

    _keyed_list(value, "learning_options", errors, check)


def _reminder_policy(value: Any, errors: _Errors) -> None:
    path = "reminder_policy"
    if not _is_dict(value, path, errors):
        return
    _fields(value, path, REMINDER_FIELDS, REMINDER_FIELDS, errors)
    before = value.get("before_working_days", [])
    if _is_list(before, f"{path}.before_working_days", errors):
        for i, n in enumerate(before):
            if not _is_int(n) or not 1 <= n <= 30:
                errors.add(f"{path}.before_working_days[{i}]", "must be a whole number, 1 to 30")
        if len({n for n in before if _is_int(n)}) != len(before):
            errors.add(f"{path}.before_working_days", "must not repeat a number")
    for name in ("on_due_day", "overdue_every_working_day"):
        if name in value and not isinstance(value[name], bool):
            errors.add(f"{path}.{name}", "must be true or false")
    after = {}
    for name in ("escalate_to_business_manager_after", "escalate_to_executive_after"):
        n = value.get(name)
        if n is None:
            continue
        if not _is_int(n) or not 0 <= n <= 60:
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


def _stages(value: Any, errors: _Errors) -> None:
    if not _is_dict(value, "stages", errors):
        return
    for name in STAGES:
        if name not in value:
            errors.add(f"stages.{name}", "missing")
    for name, stage in value.items():
        if name not in STAGES:
            errors.add(f"stages.{name}", f"unknown stage; expected one of: {', '.join(STAGES)}")
            continue
        _stage(stage, f"stages.{name}", errors)


def _stage(stage: Any, path: str, errors: _Errors) -> None:
    if not _is_dict(stage, path, errors):
        return
    _fields(stage, path, STAGE_FIELDS, STAGE_FIELDS, errors)
    if "label" in stage:
        _text(stage["label"], f"{path}.label", errors, required=True, limit=MAX_LABEL)
    backwards_ok = False
    day_zero = stage.get("day_zero")
    if "day_zero" in stage and _is_dict(day_zero, f"{path}.day_zero", errors):
        fields = ("event", "description")
        _fields(day_zero, f"{path}.day_zero", fields, fields, errors)
        event = day_zero.get("event")
        if "event" in day_zero and (not isinstance(event, str) or event not in DAY_ZERO_EVENTS):
            errors.add(
                f"{path}.day_zero.event",
                f"unknown event {event!r}; expected one of: {', '.join(DAY_ZERO_EVENTS)}",
            )
        backwards_ok = event in TARGET_DAY_ZERO_EVENTS if isinstance(event, str) else False
        if "description" in day_zero:
            _text(
                day_zero["description"],
                f"{path}.day_zero.description",
                errors,
                required=True,
                limit=MAX_LABEL,
            )
    milestones = stage.get("milestones")
    if "milestones" not in stage or not _is_list(milestones, f"{path}.milestones", errors):
        return
    siblings = {
        m["key"] for m in milestones if isinstance(m, dict) and isinstance(m.get("key"), str)
    }

    def check(milestone: dict, item_path: str, errors: _Errors) -> None:
        _milestone(milestone, item_path, errors, siblings, backwards_ok)

    if len(milestones) > MAX_MILESTONES:
        errors.add(f"{path}.milestones", f"at most {MAX_MILESTONES} milestones per stage")
        return
    _keyed_list(milestones, f"{path}.milestones", errors, check)
    _cycles(milestones, f"{path}.milestones", errors)


def _milestone(
    milestone: dict, path: str, errors: _Errors, siblings: set[str], backwards_ok: bool
) -> None:
    _fields(milestone, path, MILESTONE_REQUIRED, MILESTONE_FIELDS, errors)
    if "key" in milestone:
        _key(milestone["key"], f"{path}.key", errors)
    if "label" in milestone:
        _text(milestone["label"], f"{path}.label", errors, required=True, limit=MAX_LABEL)
    if "source" in milestone:
        _text(milestone["source"], f"{path}.source", errors, required=False, limit=MAX_TEXT)
    statutory = milestone.get("statutory")
    if "statutory" in milestone and not isinstance(statutory, bool):
        errors.add(f"{path}.statutory", "must be true or false")
    if "responsible" in milestone:
        _responsible(milestone["responsible"], f"{path}.responsible", errors)
    rule = milestone.get("rule")
    if "rule" in milestone:
        _rule(
            rule,
            f"{path}.rule",
            errors,
            siblings=siblings,
            backwards_ok=backwards_ok,
            own_key=milestone.get("key"),
        )
        if (
            statutory is True
            and isinstance(rule, dict)
            and rule.get("adjust") == "next_working_day"
        ):
            errors.add(
                f"{path}.rule.adjust",
                "a statutory milestone must not move to the next working day: that would fall"
                " after the statutory limit; use previous_working_day",
            )


def _rule(
    rule: Any,
    path: str,
    errors: _Errors,
    *,
    siblings: set[str] | None,
    backwards_ok: bool,
    own_key: Any = None,
) -> None:
    """``siblings`` is None where a rule may not be relative to another milestone."""
    if not _is_dict(rule, path, errors):
        return
    allowed = RULE_FIELDS if siblings is not None else RULE_FIELDS - {"from"}
    _fields(rule, path, ("unit", "offset"), allowed, errors)
    unit = rule.get("unit")
    if "unit" in rule and (not isinstance(unit, str) or unit not in UNITS):
        errors.add(f"{path}.unit", f"unknown unit {unit!r}; expected one of: {', '.join(UNITS)}")
        unit = None
    base = rule.get("from")
    if siblings is not None and "from" in rule:
        if not isinstance(base, str) or base not in siblings:
            errors.add(f"{path}.from", f"unknown milestone {base!r} in this stage")
        elif base == own_key:
            errors.add(f"{path}.from", "a milestone cannot be counted from itself")
    adjust = rule.get("adjust", "none")
    if not isinstance(adjust, str) or adjust not in ADJUSTMENTS:
        errors.add(f"{path}.adjust", f"must be one of: {', '.join(sorted(ADJUSTMENTS))}")
    relative = "from" in rule
    for name in ("offset", "window_start"):
        if name not in rule:
            continue
        n = rule[name]
        if not _is_int(n):
            errors.add(f"{path}.{name}", f"must be a whole number, not {_type(n)}")
            continue
        if unit and abs(n) > MAX_OFFSET[unit]:
            errors.add(f"{path}.{name}", f"must be at most {MAX_OFFSET[unit]} {unit} either way")
        if siblings is None and n <= 0:
            errors.add(f"{path}.{name}", "must be greater than 0")
        elif n < 0 and not relative and not backwards_ok:
            errors.add(
                f"{path}.{name}",
                f"negative {unit or 'offset'} not allowed here: this stage's day zero has already"
                " happened when the stage starts; count backwards only from a target date"
                " (publication) or from another milestone",
            )
    start, offset = rule.get("window_start"), rule.get("offset")
    if _is_int(start) and _is_int(offset) and start >= offset:
        errors.add(f"{path}.window_start", "must come before offset")


def _cycles(milestones: list, path: str, errors: _Errors) -> None:
    bases: dict[str, Any] = {}
    for m in milestones:
        if (
            isinstance(m, dict)
            and isinstance(m.get("key"), str)
            and isinstance(m.get("rule"), dict)
        ):
            bases.setdefault(m["key"], m["rule"].get("from"))
    # Unknown or malformed bases are reported by _rule; here only loops matter.
    graph = {
        key: {"rule": {"from": base if isinstance(base, str) and base in bases else None}}
        for key, base in bases.items()
    }
    try:
        dependency_order(graph)
    except ValueError as exc:
        errors.add(path, str(exc))
