"""The business manager's changes to the partnership's answer lists."""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from cases.audit import audit_record, diff, snapshot
from cases.models import Membership, User
from referrals import permissions
from referrals.choices import LookupKind
from referrals.lookups import lookups_install_defaults
from referrals.models import ReferralLookup
from referrals.services._common import require

LOOKUP_FIELDS = ("label", "position", "is_active")


def _key_for(label: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_")[:50] or "item"
    key, n = base, 2
    while key in taken:
        key, n = f"{base}_{n}", n + 1
    return key


@transaction.atomic
def lookup_add(*, actor: User, membership: Membership, kind: str, label: str) -> ReferralLookup:
    require(permissions.can_manage_lookups(membership), "Only a business manager can do this.")
    if kind not in LookupKind.values:
        raise ValueError(f"Unknown list {kind!r}")
    if not label.strip():
        raise ValidationError({"label": "Enter the text of the entry"})
    partnership = membership.partnership
    lookups_install_defaults(partnership)
    existing = ReferralLookup.objects.filter(partnership=partnership, kind=kind)
    item = ReferralLookup.objects.create(
        partnership=partnership,
        kind=kind,
        key=_key_for(label, set(existing.values_list("key", flat=True))),
        label=label.strip(),
        position=(existing.aggregate(m=Max("position"))["m"] or 0) + 1,
    )
    audit_record(
        actor=actor,
        partnership=partnership,
        action="referral_lookup.create",
        obj=item,
        changes={"kind": [None, kind], "label": [None, item.label]},
    )
    return item


@transaction.atomic
def lookup_update(
    *, actor: User, membership: Membership, item: ReferralLookup, **fields
) -> ReferralLookup:
    """Rename, reorder, retire or bring back an entry (keys never change)."""
    require(permissions.can_manage_lookups(membership), "Only a business manager can do this.")
    unknown = set(fields) - set(LOOKUP_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    if "label" in fields and not str(fields["label"]).strip():
        raise ValidationError({"label": "Enter the text of the entry"})
    before = snapshot(item, fields)
    for name, value in fields.items():
        setattr(item, name, value.strip() if isinstance(value, str) else value)
    item.full_clean()
    item.save()
    changes = diff(before, snapshot(item, fields))
    if changes:
        audit_record(
            actor=actor,
            partnership=item.partnership,
            action="referral_lookup.update",
            obj=item,
            changes=changes,
        )
    return item
