"""Named API tokens stored as SHA-256 hashes, with an expiry (ADR 0010).

DRF's plain-text tokens (rest_framework.authtoken, no longer installed) are dropped, not
converted: the database holds their secrets in clear, which is the flaw being fixed. People
make new tokens under Your account (README, "The API"). Forgetting authtoken's migrations too
means the app, if ever installed again, starts from an empty table."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0008_access_log_without_case'),
    ]

    operations = [
        migrations.CreateModel(
            name='ApiToken',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=100)),
                ('digest', models.CharField(max_length=64, unique=True)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('expires_at', models.DateTimeField()),
                ('last_used_at', models.DateTimeField(blank=True, null=True)),
                ('ended_at', models.DateTimeField(blank=True, null=True)),
                ('end_reason', models.CharField(blank=True, choices=[('revoked', 'Revoked'), ('password_changed', 'Ended when the password changed'), ('no_membership', 'Ended when the last membership ended')], max_length=20)),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='api_tokens', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-created_at', '-id'],
                'indexes': [models.Index(fields=['user', 'ended_at'], name='cases_apito_user_id_af218d_idx')],
            },
        ),
        migrations.RunSQL(
            [
                "DROP TABLE IF EXISTS authtoken_token",
                "DELETE FROM django_migrations WHERE app = 'authtoken'",
            ],
            migrations.RunSQL.noop,
        ),
    ]
