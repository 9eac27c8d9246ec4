from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "referrals"
    verbose_name = "Referrals"

    def ready(self):
        from cases.extensions import (
            register_case_event_provider,
            register_case_panel,
            register_demo_loader,
            register_search_provider,
            register_work_sections,
        )
        from cases.rendered.kinds import register
        from referrals.demo import load_demo_referrals
        from referrals.documents import RECOMMENDATION_PDF, REFERRAL_PDF
        from referrals.events import referral_events
        from referrals.history import register as register_history_labels
        from referrals.home import referral_case_panel, referral_work_sections
        from referrals.search import referral_results

        register_case_event_provider(referral_events)
        register_work_sections(referral_work_sections)
        register_case_panel(referral_case_panel)
        register_demo_loader(load_demo_referrals)
        register_search_provider(referral_results)
        register(REFERRAL_PDF)
        register(RECOMMENDATION_PDF)
        register_history_labels()
