from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = "Notifications"

    def ready(self):
        from cases.extensions import (
            register_awareness_listener,
            register_case_event_provider,
            register_case_panel,
            register_demo_loader,
            register_notice_sent_listener,
            register_work_sections,
        )
        from notifications.demo import load_demo_notifications
        from notifications.events import notification_events
        from notifications.history import register as register_history_labels
        from notifications.home import notification_case_panel, notification_work_sections
        from notifications.panel_demo import load_demo_panel_responses
        from notifications.panel_home import panel_case_panel, panel_work_sections
        from notifications.services.awareness import notification_follow_case
        from notifications.services.panel_responses import on_notice_sent

        register_case_event_provider(notification_events)
        register_work_sections(notification_work_sections)
        register_case_panel(notification_case_panel)
        register_work_sections(panel_work_sections)
        register_case_panel(panel_case_panel)
        register_demo_loader(load_demo_notifications)
        register_demo_loader(load_demo_panel_responses)
        register_history_labels()
        register_notice_sent_listener(on_notice_sent)
        register_awareness_listener(notification_follow_case)
