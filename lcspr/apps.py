from django.apps import AppConfig


class LcsprConfig(AppConfig):
    name = "lcspr"
    verbose_name = "LCSPRs"

    def ready(self):
        from cases.extensions import (
            register_case_event_provider,
            register_case_panel,
            register_demo_loader,
            register_stage_recomputed_listener,
            register_stage_started_listener,
        )
        from lcspr.briefing_pdf import register_pdf_kinds
        from lcspr.demo import load_demo_lcspr
        from lcspr.document_templates import register as register_document_templates
        from lcspr.family_pdf import register_pdf_kinds as register_family_pdf_kinds
        from lcspr.history import register as register_history_labels
        from lcspr.home import lcspr_case_panel, learning_review_case_panel
        from lcspr.services.start import lcspr_events, on_stage_started
        from lcspr.services.target import lcspr_follow_day_zero

        register_stage_started_listener(on_stage_started)
        register_case_event_provider(lcspr_events)
        register_stage_recomputed_listener(lcspr_follow_day_zero)
        register_case_panel(lcspr_case_panel)
        register_case_panel(learning_review_case_panel)
        register_history_labels()
        register_demo_loader(load_demo_lcspr)
        register_pdf_kinds()
        register_family_pdf_kinds()
        register_document_templates()
