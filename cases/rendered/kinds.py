"""What each kind of PDF is made from. A stage registers its kinds in its AppConfig.ready()."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.dateformat import format as date_format

from cases.pdf import html_to_pdf

# Stands for the time of rendering in the HTML that is hashed, so that the version does not
# change from one request to the next; the task puts the real time in its place.
PRODUCED_AT = "[produced-at-9f3c1e]"

_KINDS: dict[str, DocumentKind] = {}


@dataclass(frozen=True)
class DocumentKind:
    name: str  # the row's kind, unique across stages
    title: str  # in the file name and the access log: "<case reference>-<title>.pdf"
    template: str
    load: Callable[[int], object]  # the record by id, in the current partnership's scope
    context: Callable[[object], dict]
    case: Callable[[object], object]  # the record's case, for the access log

    def html(self, record) -> str:
        return render_to_string(self.template, {**self.context(record), "produced_at": PRODUCED_AT})

    def filename(self, record) -> str:
        return f"{self.case(record).reference}-{self.title}.pdf"

    def render(self, record) -> bytes:
        """The PDF of the record as it is now (the task renders through services instead)."""
        return html_to_pdf(with_production_time(self.html(record)))


def version_of(html: str) -> str:
    return hashlib.sha256(html.encode()).hexdigest()


def with_production_time(html: str) -> str:
    return html.replace(PRODUCED_AT, date_format(timezone.localtime(), "j F Y H:i"), 1)


def register(kind: DocumentKind) -> None:
    if _KINDS.get(kind.name, kind) != kind:
        raise ValueError(f"Two document kinds are named {kind.name!r}")
    _KINDS[kind.name] = kind


def kind_named(name: str) -> DocumentKind:
    return _KINDS[name]
