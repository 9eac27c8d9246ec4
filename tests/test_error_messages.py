"""Error messages are written, not built by prefixing a question: "Select yes if you authorise
this referral", never "Select do you authorise this referral?" (issue 11; GOV.UK Design System
error message guidance).

Every form class of the project is inspected: a required field whose label is a question or
already starts with a verb must carry its own error_messages["required"].
"""

import importlib
import inspect
import pkgutil

import pytest
from django import forms

PACKAGES = ("cases", "referrals", "config")
QUESTION_WORDS = (
    "do ",
    "does ",
    "is ",
    "are ",
    "what ",
    "who ",
    "why ",
    "how ",
    "when ",
    "which ",
    "has ",
    "have ",
    "should ",
    "can ",
    "will ",
    "link ",
    "move ",
)
VERBS = ("upload ", "enter ", "select ", "choose ", "give ")


def _form_classes():
    seen = set()
    for package in PACKAGES:
        root = importlib.import_module(package)
        for info in pkgutil.walk_packages(root.__path__, f"{package}."):
            if ".migrations" in info.name or ".tests" in info.name:
                continue
            module = importlib.import_module(info.name)
            for _, cls in inspect.getmembers(module, inspect.isclass):
                if (
                    issubclass(cls, forms.BaseForm)
                    and cls.__module__ == info.name
                    and cls not in seen
                ):
                    seen.add(cls)
                    yield cls


def _prefixed(label: str) -> bool:
    text = label.strip().lower()
    return text.endswith("?") or text.startswith(QUESTION_WORDS + VERBS)


def test_no_required_message_is_built_from_a_question():
    problems = []
    default = str(forms.Field.default_error_messages["required"])
    for cls in _form_classes():
        for name, field in getattr(cls, "base_fields", {}).items():
            if not field.required or not field.label:
                continue
            own = str(field.error_messages.get("required", default))
            if own == default and _prefixed(str(field.label)):
                problems.append(f"{cls.__module__}.{cls.__name__}.{name}: “{field.label}”")
    assert not problems, "write error_messages['required'] for:\n" + "\n".join(problems)


@pytest.mark.parametrize(
    "label, bad",
    [("Do you authorise this referral?", True), ("Upload a file", True), ("Full name", False)],
)
def test_the_check_itself_can_fail(label, bad):
    assert _prefixed(label) is bad
