"""Workflow settings for new partnerships, built from the five seed procedures (seeds/)."""

from __future__ import annotations

import copy
from typing import Any

from cases.workflow.presets.bcp import BCP
from cases.workflow.presets.dorset import DORSET
from cases.workflow.presets.lincolnshire import LINCOLNSHIRE
from cases.workflow.presets.north_lincolnshire import NORTH_LINCOLNSHIRE
from cases.workflow.presets.swindon import SWINDON

# Shared module-level data: read it, or take an editable copy with preset().
PRESETS: dict[str, dict[str, Any]] = {
    "lincolnshire": LINCOLNSHIRE,
    "swindon": SWINDON,
    "dorset": DORSET,
    "bcp": BCP,
    "north-lincolnshire": NORTH_LINCOLNSHIRE,
}


def preset(name: str) -> dict[str, Any]:
    """A deep copy of the named preset, safe to edit and store."""
    try:
        return copy.deepcopy(PRESETS[name])
    except KeyError:
        raise KeyError(f"unknown preset {name!r}; known presets: {', '.join(PRESETS)}") from None
