"""Row-level security on the copies of a notification (ADR 0009), as 0002 does for the other
notifications tables; the policy text is written out here so that this migration never
changes."""

from django.db import migrations

from cases.rls import enable_rls

TENANT = "partnership_id = prm_partnership_id()"


class Migration(migrations.Migration):
    dependencies = [("notifications", "0004_notification_copy")]

    operations = [enable_rls("notifications_notificationcopy", TENANT)]
