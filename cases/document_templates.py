"""Editable letters and leaflets: one registry for every app, and each partnership's own wording.

An app registers a template from its AppConfig.ready()::

    register_document_template(
        "family_letter",
        title="Letter to family members",
        default_body="Dear $family_member_name, ...",
        placeholders={"family_member_name": "The family member's name"},
        source="Swindon 001 Appendix 7",
    )

A business manager may rewrite the title and body on the settings page ("Letters and
templates", cases.views.document_templates); ``render_document_template`` uses the partnership's
wording where there is one and the registered wording otherwise.

Placeholders are ``$name`` or ``${name}`` (Python's ``string.Template``); ``$$`` is a dollar
sign. The partnership's text is never run as a Django template: it is plain text, filled in by
``string.Template`` and escaped wherever it is shown. A placeholder the letter cannot fill in
is refused when the text is saved ("Remove $foo: the letter cannot fill it in")."""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field

from django.core.exceptions import ImproperlyConfigured

TITLE_LIMIT = 200
BODY_LIMIT = 20000


@dataclass(frozen=True)
class TemplateSpec:
    key: str
    title: str
    default_body: str
    placeholders: dict[str, str] = field(default_factory=dict)
    source: str = ""
    description: str = ""
    name: str = ""  # what the settings page calls it, when the title is the letter's heading

    @property
    def label(self) -> str:
        return self.name or self.title

    def sample_values(self) -> dict[str, str]:
        """What the preview shows for each placeholder: its description in square brackets."""
        return {name: f"[{text}]" for name, text in self.placeholders.items()}


_REGISTRY: dict[str, TemplateSpec] = {}
KEY = re.compile(r"^[a-z][a-z0-9_]{0,99}$")


def register_document_template(
    key: str,
    *,
    title: str,
    default_body: str,
    placeholders: dict[str, str],
    source: str = "",
    description: str = "",
    name: str = "",
) -> TemplateSpec:
    """Register (idempotently) a template; its default wording may use only its placeholders."""
    if not KEY.match(key):
        raise ImproperlyConfigured(f"Document template key {key!r} must be lower_snake_case")
    spec = TemplateSpec(key, title, default_body, dict(placeholders), source, description, name)
    problems = placeholder_problems(default_body, spec) + placeholder_problems(title, spec)
    if problems:
        raise ImproperlyConfigured(f"Document template {key!r}: " + "; ".join(problems))
    if _REGISTRY.get(key, spec) != spec:
        raise ImproperlyConfigured(f"Two document templates are registered as {key!r}")
    _REGISTRY[key] = spec
    return spec


def registered_templates() -> list[TemplateSpec]:
    return sorted(_REGISTRY.values(), key=lambda s: s.label.lower())


def template_spec(key: str) -> TemplateSpec | None:
    return _REGISTRY.get(key)


def placeholder_problems(text: str, spec: TemplateSpec) -> list[str]:
    """Every placeholder in `text` the template cannot fill in, as an error sentence; and a
    stray $ that is not a placeholder."""
    problems = []
    seen = set()
    for match in string.Template.pattern.finditer(text):
        name = match.group("named") or match.group("braced")
        if match.group("invalid") is not None:
            snippet = text[match.start() : match.start() + 12].split()[0] if text else "$"
            if "stray" not in seen:
                seen.add("stray")
                problems.append(
                    f"Remove {snippet} or write $$ for a dollar sign: the letter cannot fill it in"
                )
        elif name and name not in spec.placeholders and name not in seen:
            seen.add(name)
            problems.append(f"Remove ${name}: the letter cannot fill it in")
    return problems


def fill(text: str, values: dict[str, object], spec: TemplateSpec) -> str:
    """The text with every placeholder filled in; one without a value shows its description in
    square brackets, for the writer to complete by hand."""
    given = {k: "" if v is None else str(v) for k, v in values.items()}
    merged = {**spec.sample_values(), **given}
    return string.Template(text).safe_substitute(merged)


def current_wording(partnership, key: str) -> tuple[str, str, bool]:
    """(title, body, customised) of the template for the partnership."""
    from cases.models import DocumentTemplate

    spec = _REGISTRY[key]
    own = (
        DocumentTemplate.objects.filter(partnership=partnership, key=key, is_active=True)
        .only("title", "body")
        .first()
    )
    if own is None:
        return spec.title, spec.default_body, False
    return own.title, own.body, True


def render_document_template(partnership, key: str, values: dict[str, object]) -> tuple[str, str]:
    """The partnership's title and body of the template, filled in with `values`."""
    spec = _REGISTRY[key]
    title, body, _own = current_wording(partnership, key)
    return fill(title, values, spec), fill(body, values, spec)


def blocks(text: str) -> list[tuple[str, object]]:
    """Plain text as blocks for a page or PDF, without any markup from the text itself: a line
    starting with "# " is a heading, lines starting with "- " a list, others paragraphs (a blank
    line between paragraphs)."""
    out: list[tuple[str, object]] = []
    paragraph: list[str] = []
    items: list[str] = []

    def flush():
        if paragraph:
            out.append(("p", "\n".join(paragraph)))
            paragraph.clear()
        if items:
            out.append(("ul", list(items)))
            items.clear()

    for raw in text.replace("\r\n", "\n").split("\n"):
        line = raw.rstrip()
        if not line.strip():
            flush()
        elif line.startswith("# "):
            flush()
            out.append(("h", line[2:].strip()))
        elif line.startswith("- "):
            if paragraph:
                flush()
            items.append(line[2:].strip())
        else:
            if items:
                flush()
            paragraph.append(line)
    flush()
    return out
