"""The referral's answers as summary-list rows: "check your answers", the referral page and the
API share them. Values are plain text; empty answers read "Not given". `referral_summary` is the
short version the decision pages lead with (issue 11, "Short decision pages")."""

from __future__ import annotations

import datetime

from django.db import models
from django.utils import timezone
from django.utils.text import Truncator

from referrals.choices import LookupKind
from referrals.lookups import lookup_labels
from referrals.models import Referral
from referrals.sections import COLLECTIONS, SECTIONS

NOT_GIVEN = "Not given"
SUMMARY_WORDS = 30  # of an account, on the decision pages (the rest is in the answers)


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


def _day(value) -> str:
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date()
    return value.strftime("%-d %B %Y")


def referral_summary(referral: Referral, *, recommendation=None) -> list[dict]:
    """The few rows a decision needs first: the reference, the child or children, what
    happened (the harm and the start of the account), why, who referred it and when.
    Summary-list rows, like referral_answers'. With the `recommendation` to the executive, its
    reason and the start of its outline and rationale stand for what happened and why."""
    children = list(referral.children.filter(archived_at__isnull=True))
    lines = []
    for child in children:
        line = str(child)
        if child.date_of_birth:
            line += f", born {_day(child.date_of_birth)}"
        if child.date_of_death:
            line += f", died {_day(child.date_of_death)}"
        lines.append(line)
    reference = referral.display_reference
    if referral.case_id and referral.case.reference and referral.case.reference != reference:
        reference += f" (case {referral.case.reference})"
    referrer = referral.referrer_name or referral.created_by.get_full_name()
    # The executive decides on the partnership's recommendation: the agency is enough there.
    by = "\n".join(
        p for p in (referral.referring_body, referrer if recommendation is None else "") if p
    )
    rows = [
        ("Reference", reference),
        ("Children" if len(children) > 1 else "Child", "\n".join(lines)),
    ]
    if recommendation is None:
        what = [referral.get_harm_display()] if referral.harm else []
        if referral.what_happened.strip():
            what.append(_start(referral.what_happened))
        reasons = display(referral, "reasons", referral.partnership)
        rows += [
            ("What happened", "\n".join(what)),
            ("Reasons for referral", "\n".join(p for p in (reasons, referral.reason_other) if p)),
        ]
    rows += [
        ("Referred by" if referral.is_external else "Referring agency", by),
        ("Date of the incident", _day(referral.incident_date) if referral.incident_date else ""),
    ]
    if referral.sent_for_authorisation_at and not referral.received_on:
        rows.append(("Sent for authorisation", _day(referral.sent_for_authorisation_at)))
    if referral.received_on:
        rows.append(("Received by the partnership", _day(referral.received_on)))
    if recommendation is not None:
        sent = _day(recommendation.sent_at) if recommendation.sent_at else ""
        if sent and recommendation.prepared_by_id:
            sent += f" by {recommendation.prepared_by.get_full_name()}"
        reason = "; ".join(
            p
            for p in (
                recommendation.get_harm_display(),
                recommendation.get_abuse_or_neglect_display().lower(),
            )
            if p
        )
        rows += [
            ("Recommended", sent),
            ("Reason", reason),
            ("Incident outline", _start(recommendation.outline)),
            ("Rationale", _start(recommendation.rationale)),
        ]
    return [{"key": key, "value": value or NOT_GIVEN} for key, value in rows]


def _start(text: str) -> str:
    return Truncator(text.strip()).words(SUMMARY_WORDS)


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
