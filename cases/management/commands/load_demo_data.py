from django.core.management.base import BaseCommand

from cases.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET, load_demo_data
from cases.tenancy import scopes_disabled


class Command(BaseCommand):
    help = "Create the five demo partnerships, one demo user per role in each, and demo cases."

    def handle(self, *args, **options):
        with scopes_disabled():
            credentials = load_demo_data()
        out = self.stdout.write
        out(self.style.SUCCESS("Demo data ready. Every demo user signs in with:"))
        out(f"  password:     {DEMO_PASSWORD}")
        out(f"  TOTP secret:  {DEMO_TOTP_SECRET}  (add it once to an authenticator app,")
        out("                or print the current code with: python manage.py demo_code)")
        out("")
        current = None
        for row in credentials:
            if row["partnership"] != current:
                current = row["partnership"]
                out(self.style.MIGRATE_HEADING(current))
            out(
                f"  {row['role']:<27} {row['email']:<42} recovery codes: "
                f"{' '.join(row['recovery_codes'])}"
            )
