from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = "Cases and partnerships"

    def ready(self):
        from cases import (
            rls,  # noqa: F401 - connects the scope and grant signal handlers
            session_timeout,  # noqa: F401 - signing in clears the timeout notes
        )
        from cases.chronology_pdf import register_pdf_kinds
        from cases.extensions import register_case_event_provider, register_signed_off_listener
        from cases.services import api_tokens  # noqa: F401 - tokens end with the password
        from cases.services.actions import action_plan_signed_off
        from cases.services.impact import action_plan_events

        register_pdf_kinds()
        register_signed_off_listener(action_plan_signed_off)
        register_case_event_provider(action_plan_events)
