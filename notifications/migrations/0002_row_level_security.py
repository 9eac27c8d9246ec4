"""Row-level security on every notifications table (ADR 0009); the policy text is written out
here, not imported, so that this migration never changes."""

from django.db import migrations

from cases.rls import enable_rls

TENANT = "partnership_id = prm_partnership_id()"


class Migration(migrations.Migration):
    dependencies = [("notifications", "0001_initial")]

    operations = [
        enable_rls(table, TENANT)
        for table in (
            "notifications_seriousincidentnotification",
            "notifications_notificationchild",
            "notifications_notificationrequest",
        )
    ]
