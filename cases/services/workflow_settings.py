"""Changes to a partnership's workflow settings: validated, audited with before/after.

Saving settings never moves deadlines that are already running: they are rows, created from the
settings when a stage starts. A business manager moves a running stage with stage_recompute.
"""

import copy
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from cases import permissions
from cases.audit import audit_record
from cases.models import Membership, Partnership, User
from cases.workflow import PRESETS, preset, workflow_settings_errors

MAX_SETTINGS_CHARS = 500_000


def _check(membership: Membership) -> None:
    if not permissions.can_manage_workflow(membership):
        raise PermissionDenied("Only a business manager can change the workflow settings.")


def _validate(workflow: Any) -> None:
    errors = workflow_settings_errors(workflow)
    if errors:
        raise ValidationError({"workflow": errors})


def _changes(before: dict, after: dict) -> dict:
    """Top-level settings that changed, each as [before, after]."""
    keys = sorted(set(before) | set(after))
    return {k: [before.get(k), after.get(k)] for k in keys if before.get(k) != after.get(k)}


@transaction.atomic
def partnership_workflow_update(
    *,
    actor: User,
    membership: Membership,
    workflow: dict,
    note: str = "",
    preset_name: str | None = None,
) -> Partnership:
    """Replace the partnership's settings with ``workflow`` after validating all of it.

    Raises ValidationError({"workflow": [field-addressed messages]}) and changes nothing when
    the settings are invalid."""
    _check(membership)
    _validate(workflow)
    partnership = Partnership.objects.select_for_update().get(pk=membership.partnership_id)
    before = copy.deepcopy(partnership.workflow or {})
    changes = _changes(before, workflow)
    fields = ["workflow"]
    if preset_name is not None and preset_name != partnership.workflow_preset:
        changes["workflow_preset"] = [partnership.workflow_preset, preset_name]
        partnership.workflow_preset = preset_name
        fields.append("workflow_preset")
    if not changes:
        return partnership
    partnership.workflow = copy.deepcopy(workflow)
    partnership.save(update_fields=fields)
    audit_record(
        actor=actor,
        partnership=partnership,
        action="workflow.load_preset" if preset_name else "workflow.update",
        obj=partnership,
        changes=changes,
        note=note[:2000],
    )
    return partnership


def partnership_workflow_patch(
    *, actor: User, membership: Membership, changes: dict, note: str = ""
) -> Partnership:
    """Replace some top-level settings (e.g. only the reminder policy), validating the whole."""
    if not isinstance(changes, dict):
        raise ValidationError({"workflow": ["settings: must be an object"]})
    current = copy.deepcopy(membership.partnership.workflow or {})
    return partnership_workflow_update(
        actor=actor, membership=membership, workflow={**current, **changes}, note=note
    )


def partnership_workflow_load_preset(
    *, actor: User, membership: Membership, name: str
) -> Partnership:
    if name not in PRESETS:
        raise ValidationError({"preset": [f"Choose one of: {', '.join(PRESETS)}."]})
    return partnership_workflow_update(
        actor=actor,
        membership=membership,
        workflow=preset(name),
        note=f"Loaded the {name} preset.",
        preset_name=name,
    )
