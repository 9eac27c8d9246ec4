"""Per-partnership workflow settings: stages, milestones and their schedule.

Settings are JSON data (Partnership.workflow); see docs/working-days.md for the format.
"""

from cases.workflow.presets import PRESETS, preset
from cases.workflow.schedule import (
    Responsible,
    ScheduledMilestone,
    compute_learning_option_deadline,
    compute_schedule,
)
from cases.workflow.validation import validate_workflow_settings, workflow_settings_errors
from cases.workflow.vocabulary import AGENCY_TYPES, DAY_ZERO_EVENTS, ROLES, STAGES

__all__ = [
    "AGENCY_TYPES",
    "DAY_ZERO_EVENTS",
    "PRESETS",
    "ROLES",
    "STAGES",
    "Responsible",
    "ScheduledMilestone",
    "compute_learning_option_deadline",
    "compute_schedule",
    "preset",
    "validate_workflow_settings",
    "workflow_settings_errors",
]
