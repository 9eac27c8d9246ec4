from django.apps import AppConfig


class RapidReviewsConfig(AppConfig):
    name = "rapid_reviews"
    verbose_name = "Rapid reviews"

    def ready(self):
        from cases.extensions import (
            register_awareness_listener,
            register_case_event_provider,
            register_case_panel,
            register_demo_loader,
            register_stage_recomputed_listener,
            register_stage_started_listener,
            register_work_sections,
        )
        from rapid_reviews.demo import load_demo_rapid_review
        from rapid_reviews.demo_report import load_demo_rapid_review_report
        from rapid_reviews.history import register as register_history_labels
        from rapid_reviews.home import (
            information_request_work_sections,
            rapid_review_case_panel,
            rapid_review_work_sections,
        )
        from rapid_reviews.report_pdf import register_pdf_kinds
        from rapid_reviews.report_returns import add_returns
        from rapid_reviews.services.awareness import review_follow_awareness, review_follow_day_zero
        from rapid_reviews.services.report import rapid_review_events, register_prefill
        from rapid_reviews.services.start import on_stage_started

        register_stage_started_listener(on_stage_started)
        register_awareness_listener(review_follow_awareness)
        register_stage_recomputed_listener(review_follow_day_zero)
        register_case_panel(rapid_review_case_panel)
        register_demo_loader(load_demo_rapid_review)
        register_demo_loader(load_demo_rapid_review_report)  # after the review it reports on
        register_work_sections(rapid_review_work_sections)
        register_work_sections(information_request_work_sections)
        register_history_labels()
        register_case_event_provider(rapid_review_events)
        register_pdf_kinds()
        register_prefill(add_returns)
