"""Reading the partnership's lookup lists (reasons, characteristics, resolution steps)."""

from __future__ import annotations

from referrals.choices import LookupKind
from referrals.defaults import default_lookups
from referrals.models import ReferralLookup


def lookups_install_defaults(partnership) -> None:
    """Give the partnership the seed lists it lacks (idempotent; safe under concurrency)."""
    have = set(
        ReferralLookup.objects.filter(partnership=partnership).values_list("kind", flat=True)
    )
    defaults = default_lookups(partnership.workflow_preset, partnership.workflow or {})
    rows = [
        ReferralLookup(partnership=partnership, kind=kind, key=key, label=label, position=n)
        for kind, items in defaults.items()
        if kind not in have
        for n, (key, label) in enumerate(items, start=1)
    ]
    if rows:
        ReferralLookup.objects.bulk_create(rows, ignore_conflicts=True)


def lookups(partnership, kind: str, *, include_retired: bool = False) -> list[ReferralLookup]:
    qs = ReferralLookup.objects.filter(partnership=partnership, kind=kind)
    if not qs.exists():
        lookups_install_defaults(partnership)
    if not include_retired:
        qs = qs.filter(is_active=True)
    return list(qs.order_by("position", "id"))


def lookup_choices(partnership, kind: str, *, keep: list[str] | tuple = ()) -> list[tuple]:
    """Active entries, plus retired ones already chosen (so an old answer is not lost)."""
    return [
        (item.key, item.label)
        for item in lookups(partnership, kind, include_retired=True)
        if item.is_active or item.key in keep
    ]


def lookup_labels(partnership, kind: str, keys) -> list[str]:
    labels = {item.key: item.label for item in lookups(partnership, kind, include_retired=True)}
    return [labels.get(k, k.replace("_", " ")) for k in keys]


def resolution_steps(partnership, kind: str) -> list[dict]:
    step_kind = LookupKind.CHALLENGE_STEP if kind == "challenge" else LookupKind.COMPLAINT_STEP
    return [{"key": s.key, "label": s.label} for s in lookups(partnership, step_kind)]
