"""The referral's answers as summary-list rows: "check your answers", the referral page and the
API share them. Values are plain text; empty answers read "Not given"."""

from __future__ import annotations

import datetime

from django.db import models

from referrals.choices import LookupKind
from referrals.lookups import lookup_labels
from referrals.models import Referral
from referrals.sections import COLLECTIONS, SECTIONS

NOT_GIVEN = "Not given"


def display(obj, name: str, partnership) -> str:
    value = getattr(obj, name)
    if name in ("reasons", "characteristics"):
        kind = LookupKind.REASON if name == "reasons" else LookupKind.CHARACTERISTIC
        return "\n".join(lookup_labels(partnership, kind, value or []))
    field = obj._meta.get_field(name)
    if field.choices and value:
        return str(getattr(obj, f"get_{name}_display")())
    if isinstance(value, datetime.date):
        return value.strftime("%-d %B %Y")
    if isinstance(value, models.Model):
        return str(value)
    return str(value or "")


def _label(form, name: str) -> str:
    label = str(form.fields[name].label or name)
    return label[:1].upper() + label[1:]


def _rows(obj, form_cls, partnership, url=None, referral=None) -> list[dict]:
    form = form_cls(partnership=partnership, instance=obj)
    rows = []
    for name in form.fields:
        value = display(obj, name, partnership)
        rows.append(
            {
                "key": _label(form, name),
                "value": value or NOT_GIVEN,
                "action_url": url,
                "name": name,
                "raw": value,
            }
        )
    return rows


def referral_answers(referral: Referral, *, page_url=None, item_url=None) -> list[dict]:
    """[{key, title, rows, items: [{title, rows, url}], collection}] in the form's order.

    page_url(slug) and item_url(collection, item, step) give the "Change" links (or None)."""
    partnership = referral.partnership
    result = []
    for section in SECTIONS:
        entry = {"key": section.key, "title": section.title, "rows": [], "items": []}
        if section.collection:
            collection = COLLECTIONS[section.collection.slug]
            entry["collection"] = collection.slug
            items = getattr(
                referral,
                {"children": "children", "family": "people", "agencies": "contacts"}[
                    collection.slug
                ],
            )
            for n, item in enumerate(items.filter(archived_at__isnull=True), start=1):
                rows = []
                for step, _heading, form_cls in collection.steps:
                    url = item_url(collection.slug, item, step) if item_url else None
                    rows += _rows(item, form_cls, partnership, url)
                entry["items"].append(
                    {
                        "title": f"{collection.noun.capitalize()} {n}: {item}",
                        "rows": rows,
                        "item": item,
                    }
                )
        else:
            for page in section.pages:
                url = page_url(page.slug) if page_url else None
                entry["rows"] += _rows(referral, page.form_for(referral), partnership, url)
        result.append(entry)
    return result


def section_statuses(referral: Referral, problems) -> dict[str, str]:
    """Task list status per section: "incomplete" (something required is missing),
    "completed" (answered), or "not_started"."""
    problem_pages = {p.page.split("/")[0] for p in problems}
    statuses = {}
    for entry in referral_answers(referral):
        section = next(s for s in SECTIONS if s.key == entry["key"])
        pages = {p.slug for p in section.pages} | ({section.key} if section.collection else set())
        answered = any(r["raw"] for r in entry["rows"]) or bool(entry["items"])
        if pages & problem_pages:
            statuses[section.key] = "incomplete"
        elif answered:
            statuses[section.key] = "completed"
        else:
            statuses[section.key] = "not_started"
    return statuses
