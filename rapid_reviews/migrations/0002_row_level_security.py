"""Row-level security on every rapid_reviews table (ADR 0009); the policy text is written out
here, not imported, so that this migration never changes."""

from django.db import migrations

from cases.rls import enable_rls

TENANT = "partnership_id = prm_partnership_id()"


class Migration(migrations.Migration):
    dependencies = [("rapid_reviews", "0001_initial")]

    operations = [enable_rls("rapid_reviews_rapidreview", TENANT)]
