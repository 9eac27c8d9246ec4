"""Validation of stages, milestones and their counting rules, and their dependency order."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from cases.workflow._checks import (
    MAX_LABEL,
    MAX_TEXT,
    Errors,
    check_fields,
    check_key,
    check_keyed_list,
    check_responsible,
    check_text,
    is_dict,
    is_int,
    is_list,
    type_name,
)
from cases.workflow.vocabulary import (
    ADJUSTMENTS,
    CASE_EVENTS,
    DAY_ZERO_EVENTS,
    STAGES,
    TARGET_DAY_ZERO_EVENTS,
    UNITS,
)

MAX_MILESTONES = 100
# Ten years in each unit: far beyond any real timescale, small enough to catch typos.
MAX_OFFSET = {"working_days": 2600, "calendar_days": 3660, "weeks": 520, "months": 120}
STAGE_FIELDS = {"label", "day_zero", "milestones"}
MILESTONE_REQUIRED = {"key", "label", "rule", "responsible", "statutory"}
MILESTONE_FIELDS = MILESTONE_REQUIRED | {"source", "time"}
RULE_FIELDS = {"unit", "offset", "from", "from_event", "window_start", "adjust"}
TIME_OF_DAY = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")


def stage_errors(data: Any, stage: str) -> list[str]:
    """Problems in one stage only (what a schedule for that stage depends on)."""
    errors = Errors()
    if not is_dict(data, "settings", errors):
        return errors.messages
    stages = data.get("stages")
    if not is_dict(stages, "stages", errors):
        return errors.messages
    if stage not in stages:
        errors.add(f"stages.{stage}", "missing")
        return errors.messages
    check_stage(stages[stage], f"stages.{stage}", errors)
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


def check_stages(value: Any, errors: Errors) -> None:
    if not is_dict(value, "stages", errors):
        return
    for name in STAGES:
        if name not in value:
            errors.add(f"stages.{name}", "missing")
    for name, stage in value.items():
        if name not in STAGES:
            errors.add(f"stages.{name}", f"unknown stage; expected one of: {', '.join(STAGES)}")
            continue
        check_stage(stage, f"stages.{name}", errors)


def check_stage(stage: Any, path: str, errors: Errors) -> None:
    if not is_dict(stage, path, errors):
        return
    check_fields(stage, path, STAGE_FIELDS, STAGE_FIELDS, errors)
    if "label" in stage:
        check_text(stage["label"], f"{path}.label", errors, required=True, limit=MAX_LABEL)
    backwards_ok = False
    day_zero = stage.get("day_zero")
    if "day_zero" in stage and is_dict(day_zero, f"{path}.day_zero", errors):
        fields = ("event", "description")
        check_fields(day_zero, f"{path}.day_zero", fields, fields, errors)
        event = day_zero.get("event")
        if "event" in day_zero and (not isinstance(event, str) or event not in DAY_ZERO_EVENTS):
            errors.add(
                f"{path}.day_zero.event",
                f"unknown event {event!r}; expected one of: {', '.join(DAY_ZERO_EVENTS)}",
            )
        backwards_ok = event in TARGET_DAY_ZERO_EVENTS if isinstance(event, str) else False
        if "description" in day_zero:
            check_text(
                day_zero["description"],
                f"{path}.day_zero.description",
                errors,
                required=True,
                limit=MAX_LABEL,
            )
    milestones = stage.get("milestones")
    if "milestones" not in stage or not is_list(milestones, f"{path}.milestones", errors):
        return
    siblings = {
        m["key"] for m in milestones if isinstance(m, dict) and isinstance(m.get("key"), str)
    }

    def check(milestone: dict, item_path: str, errors: Errors) -> None:
        _milestone(milestone, item_path, errors, siblings, backwards_ok)

    if len(milestones) > MAX_MILESTONES:
        errors.add(f"{path}.milestones", f"at most {MAX_MILESTONES} milestones per stage")
        return
    check_keyed_list(milestones, f"{path}.milestones", errors, check)
    _cycles(milestones, f"{path}.milestones", errors)


def _milestone(
    milestone: dict, path: str, errors: Errors, siblings: set[str], backwards_ok: bool
) -> None:
    check_fields(milestone, path, MILESTONE_REQUIRED, MILESTONE_FIELDS, errors)
    if "key" in milestone:
        check_key(milestone["key"], f"{path}.key", errors)
    if "label" in milestone:
        check_text(milestone["label"], f"{path}.label", errors, required=True, limit=MAX_LABEL)
    if "source" in milestone:
        check_text(milestone["source"], f"{path}.source", errors, required=False, limit=MAX_TEXT)
    if "time" in milestone and not (
        isinstance(milestone["time"], str) and TIME_OF_DAY.match(milestone["time"])
    ):
        errors.add(
            f"{path}.time", "must be a time of day as HH:MM on the 24-hour clock, e.g. 09:00"
        )
    statutory = milestone.get("statutory")
    if "statutory" in milestone and not isinstance(statutory, bool):
        errors.add(f"{path}.statutory", "must be true or false")
    if "responsible" in milestone:
        check_responsible(milestone["responsible"], f"{path}.responsible", errors)
    rule = milestone.get("rule")
    if "rule" in milestone:
        check_rule(
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


def check_rule(
    rule: Any,
    path: str,
    errors: Errors,
    *,
    siblings: set[str] | None,
    backwards_ok: bool,
    own_key: Any = None,
) -> None:
    """``siblings`` is None where a rule may not be relative to another milestone."""
    if not is_dict(rule, path, errors):
        return
    allowed = RULE_FIELDS if siblings is not None else RULE_FIELDS - {"from", "from_event"}
    check_fields(rule, path, ("unit", "offset"), allowed, errors)
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
    if "from_event" in rule:
        event = rule["from_event"]
        if not isinstance(event, str) or event not in CASE_EVENTS:
            errors.add(
                f"{path}.from_event",
                f"unknown event {event!r}; expected one of: {', '.join(sorted(CASE_EVENTS))}",
            )
        if "from" in rule:
            errors.add(
                f"{path}.from_event", "count from another milestone or from an event, not both"
            )
    adjust = rule.get("adjust", "none")
    if not isinstance(adjust, str) or adjust not in ADJUSTMENTS:
        errors.add(f"{path}.adjust", f"must be one of: {', '.join(sorted(ADJUSTMENTS))}")
    relative = "from" in rule
    for name in ("offset", "window_start"):
        if name not in rule:
            continue
        n = rule[name]
        if not is_int(n):
            errors.add(f"{path}.{name}", f"must be a whole number, not {type_name(n)}")
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
    if is_int(start) and is_int(offset) and start >= offset:
        errors.add(f"{path}.window_start", "must come before offset")


def _cycles(milestones: list, path: str, errors: Errors) -> None:
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
