"""Workflow settings for new partnerships, built from the five seed procedures (seeds/)."""

from __future__ import annotations

import json
from typing import Any

from cases.workflow.presets.bcp import BCP
from cases.workflow.presets.dorset import DORSET
from cases.workflow.presets.lincolnshire import LINCOLNSHIRE
from cases.workflow.presets.north_lincolnshire import NORTH_LINCOLNSHIRE
from cases.workflow.presets.swindon import SWINDON


def _plain(data: dict[str, Any]) -> dict[str, Any]:
    # Through JSON: exactly what a JSONField stores, and no dict shared between two milestones
    # (the builders reuse small dicts), so editing one milestone never changes another.
    return json.loads(json.dumps(data))


# Shared module-level data: read it, or take an editable copy with preset().
PRESETS: dict[str, dict[str, Any]] = {
    "lincolnshire": _plain(LINCOLNSHIRE),
    "swindon": _plain(SWINDON),
    "dorset": _plain(DORSET),
    "bcp": _plain(BCP),
    "north-lincolnshire": _plain(NORTH_LINCOLNSHIRE),
}


def preset(name: str) -> dict[str, Any]:
    """A deep copy of the named preset, safe to edit and store."""
    try:
        return _plain(PRESETS[name])
    except KeyError:
        raise KeyError(f"unknown preset {name!r}; known presets: {', '.join(PRESETS)}") from None
