from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = "Notifications"

    def ready(self):
        from cases.extensions import (
            register_awareness_listener,
            register_case_panel,
            register_demo_loader,
            register_work_sections,
        )
        from notifications.demo import load_demo_notifications
        from notifications.history import register as register_history_labels
        from notifications.home import notification_case_panel, notification_work_sections
        from notifications.services.awareness import notification_follow_case

        register_work_sections(notification_work_sections)
        register_case_panel(notification_case_panel)
        register_demo_loader(load_demo_notifications)
        register_history_labels()
        register_awareness_listener(notification_follow_case)
