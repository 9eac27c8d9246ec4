"""Trigram indexes on the names of a referral's children and family (issue 11, ADR 0012; the
pg_trgm extension comes from cases 0013; nothing on SQLite), and the referral list's sorts by
when it was started and by reference."""

from django.db import migrations, models

from cases.db import trigram_indexes


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0013_search'),
        ('referrals', '0009_referral_child_first_index'),
    ]

    operations = [
        trigram_indexes("referrals_referralchild", ("first_name", "last_name", "aliases")),
        trigram_indexes("referrals_referralperson", ("first_name", "last_name")),
        migrations.AddIndex(
            model_name='referral',
            index=models.Index(fields=['partnership', '-created_at', '-id'], name='referral_list_started'),
        ),
        migrations.AddIndex(
            model_name='referral',
            index=models.Index(fields=['partnership', 'reference', 'id'], name='referral_list_reference'),
        ),
    ]
