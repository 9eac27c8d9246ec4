"""The referral list's sorts by when it was started and by reference (issue 11)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('referrals', '0009_referral_child_first_index'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='referral',
            index=models.Index(fields=['partnership', '-created_at', '-id'], name='referral_list_started'),
        ),
        migrations.AddIndex(
            model_name='referral',
            index=models.Index(fields=['partnership', 'reference', 'id'], name='referral_list_reference'),
        ),
    ]
