"""How the notifications app's audit events read in the case history (cases.history_display),
registered from NotificationsConfig.ready()."""

from cases.history_display import ActionLabel, register_actions
from notifications.choices import (
    NotificationStatus,
    PanelDecision,
    PanelResponseStatus,
    PartnershipView,
    Reconsideration,
    RequestAnswer,
)

_PANEL_CHOICES = {
    "status": PanelResponseStatus.choices,
    "decision": PanelDecision.choices,
    "partnership_view": PartnershipView.choices,
    "reconsideration": Reconsideration.choices,
}
_PANEL_LABELS = {
    "submitted_on": "Date sent to the National Panel",
    "partnership_view": "The partnership's decision",
    "meeting_date": "Date of the Panel's meeting",
    "received_on": "Date the Panel's reply arrived",
    "decision": "The Panel's decision",
    "comments": "What the Panel said",
    "letter_id": "The Panel's letter",
    "round": "Round",
    "reconsideration": "Answer",
    "reconsideration_reasons": "Reasons",
    "reconsidered_on": "Date reconsidered",
}

LABELS = {
    "notification.start": ActionLabel(
        "started the serious incident notification",
        model="notifications.SeriousIncidentNotification",
    ),
    "notification.update": ActionLabel(
        "changed the serious incident notification",
        model="notifications.SeriousIncidentNotification",
        labels={"children": "Number of children named"},
        collapse=True,
    ),
    "notification.status": ActionLabel(
        "moved the serious incident notification on",
        model="notifications.SeriousIncidentNotification",
        choices={"status": NotificationStatus.choices},
    ),
    "notification.request_raise": ActionLabel(
        "asked the local authority to make a serious incident notification",
        model="notifications.NotificationRequest",
    ),
    "notification.request_answer": ActionLabel(
        "answered the request to make a serious incident notification",
        model="notifications.NotificationRequest",
        choices={"answer": RequestAnswer.choices},
    ),
    "notification.request_escalate": ActionLabel(
        "escalated the disagreement about a serious incident notification",
        model="notifications.NotificationRequest",
    ),
    "notification.panel_open": ActionLabel(
        "recorded that the rapid review went to the National Panel",
        model="notifications.PanelResponse",
        labels=_PANEL_LABELS,
        choices=_PANEL_CHOICES,
    ),
    "notification.panel_meeting": ActionLabel(
        "recorded the date of the National Panel's meeting",
        model="notifications.PanelResponse",
        labels=_PANEL_LABELS,
    ),
    "notification.panel_reply": ActionLabel(
        "recorded the National Panel's reply",
        model="notifications.PanelResponse",
        labels=_PANEL_LABELS,
        choices=_PANEL_CHOICES,
    ),
    "notification.panel_information": ActionLabel(
        "recorded that the information the National Panel asked for was sent",
        model="notifications.PanelResponse",
        labels=_PANEL_LABELS,
    ),
    "notification.panel_reconsider": ActionLabel(
        "recorded the reconsideration of the National Panel's view",
        model="notifications.PanelResponse",
        labels=_PANEL_LABELS,
        choices=_PANEL_CHOICES,
    ),
    "notification.copies_create": ActionLabel(
        "listed who gets a copy of the serious incident notification and by when",
        model="notifications.SeriousIncidentNotification",
        labels={"copies": "Who gets a copy"},
    ),
    "notification.copy_add": ActionLabel(
        "added {object} to who gets a copy of the serious incident notification",
        model="notifications.NotificationCopy",
    ),
    "notification.copy_sent": ActionLabel(
        "recorded that {object} was sent a copy of the serious incident notification",
        model="notifications.NotificationCopy",
    ),
    "notification.copy_unsent": ActionLabel(
        "took back the record that {object} was sent a copy of the serious incident notification",
        model="notifications.NotificationCopy",
    ),
    "notification.copy_remove": ActionLabel(
        "took {object} off the list of who gets a copy of the serious incident notification",
        model="notifications.NotificationCopy",
    ),
}


def register() -> None:
    register_actions(LABELS)
