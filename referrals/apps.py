from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "referrals"
    verbose_name = "Referrals"

    def ready(self):
        from cases.extensions import register_case_panel, register_work_sections
        from referrals.home import referral_case_panel, referral_work_sections

        register_work_sections(referral_work_sections)
        register_case_panel(referral_case_panel)
