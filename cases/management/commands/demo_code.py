import time

from allauth.mfa import app_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.management.base import BaseCommand, CommandError

from cases.demo import DEMO_TOTP_SECRET
from cases.models import User


class Command(BaseCommand):
    help = "Print the current two-factor code of the demo users (only when demo data exists)."

    def handle(self, *args, **options):
        if not User.objects.filter(email__endswith="@demo.invalid").exists():
            raise CommandError("No demo users: run `python manage.py load_demo_data` first.")
        counter = int(time.time()) // app_settings.TOTP_PERIOD
        self.stdout.write(format_hotp_value(hotp_value(DEMO_TOTP_SECRET, counter)))
