from django.apps import AppConfig


class RapidReviewsConfig(AppConfig):
    name = "rapid_reviews"
    verbose_name = "Rapid reviews"

    def ready(self):
        from cases.extensions import register_stage_started_listener
        from rapid_reviews.services.start import on_stage_started

        register_stage_started_listener(on_stage_started)
