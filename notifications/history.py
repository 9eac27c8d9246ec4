"""How the notifications app's audit events read in the case history (cases.history_display),
registered from NotificationsConfig.ready()."""

from cases.history_display import ActionLabel, register_actions
from notifications.choices import NotificationStatus, RequestAnswer

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
