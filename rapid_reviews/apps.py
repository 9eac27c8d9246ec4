from django.apps import AppConfig


class RapidReviewsConfig(AppConfig):
    name = "rapid_reviews"
    verbose_name = "Rapid reviews"
