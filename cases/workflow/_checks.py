"""Small checks shared by the validation modules; each reports to an Errors collector."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from cases.workflow.vocabulary import AGENCY_TYPES, ROLES

KEY_RE = re.compile(r"^[a-z][a-z0-9_]{0,49}$")
MAX_LABEL = 255
MAX_TEXT = 2000


class Errors:
    def __init__(self) -> None:
        self.messages: list[str] = []

    def add(self, path: str, message: str) -> None:
        self.messages.append(f"{path}: {message}")


def is_dict(value: Any, path: str, errors: Errors) -> bool:
    if not isinstance(value, dict):
        errors.add(path, f"must be an object, not {type_name(value)}")
        return False
    return True


def is_list(value: Any, path: str, errors: Errors) -> bool:
    if not isinstance(value, list):
        errors.add(path, f"must be a list, not {type_name(value)}")
        return False
    return True


def is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def type_name(value: Any) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "a boolean"}
    if value is None:
        return "null"
    if is_int(value):
        return "a number"
    return names.get(type(value), type(value).__name__)


def check_fields(
    value: dict, path: str, required: Iterable[str], allowed: Iterable[str], errors: Errors
) -> None:
    allowed = set(allowed)
    for name in sorted(set(required) - set(value)):
        errors.add(f"{path}.{name}" if path != "settings" else name, "missing")
    for name in sorted(set(value) - allowed, key=str):
        where = f"{path}.{name}" if path != "settings" else str(name)
        errors.add(where, f"unknown field; expected one of: {', '.join(sorted(allowed))}")


def check_text(value: Any, path: str, errors: Errors, *, required: bool, limit: int) -> None:
    if not isinstance(value, str):
        errors.add(path, f"must be a string, not {type_name(value)}")
    elif required and not value.strip():
        errors.add(path, "must not be empty")
    elif len(value) > limit:
        errors.add(path, f"must be at most {limit} characters")


def check_key(value: Any, path: str, errors: Errors) -> bool:
    if not isinstance(value, str) or not KEY_RE.match(value):
        errors.add(
            path,
            "must be a key of lower-case letters, digits and underscores, starting with a"
            f" letter, at most 50 characters; got {value!r}",
        )
        return False
    return True


def check_role(value: Any, path: str, errors: Errors) -> None:
    if not isinstance(value, str) or value not in ROLES:
        errors.add(path, f"unknown role {value!r}; expected one of: {', '.join(sorted(ROLES))}")


def check_responsible(value: Any, path: str, errors: Errors) -> None:
    if not is_dict(value, path, errors):
        return
    check_fields(value, path, (), ("roles", "agency_types"), errors)
    total = 0
    for field, known, noun in (
        ("roles", ROLES, "role"),
        ("agency_types", AGENCY_TYPES, "agency type"),
    ):
        items = value.get(field, [])
        if not is_list(items, f"{path}.{field}", errors):
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


def check_keyed_list(
    items: Any,
    path: str,
    errors: Errors,
    check_item: Callable[[dict, str, Errors], None],
    *,
    allow_empty: bool = True,
) -> None:
    if not is_list(items, path, errors):
        return
    if not items and not allow_empty:
        errors.add(path, "must not be empty")
    seen: set[str] = set()
    for i, item in enumerate(items):
        item_path = f"{path}[{i}]"
        if not is_dict(item, item_path, errors):
            continue
        check_item(item, item_path, errors)
        key = item.get("key")
        if isinstance(key, str):
            if key in seen:
                errors.add(f"{item_path}.key", f"duplicate key {key!r}")
            seen.add(key)
