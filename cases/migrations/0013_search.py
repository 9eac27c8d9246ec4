"""Finding a case (issue 11): the access log's new kind, the cases list's sort by title, and on
PostgreSQL the pg_trgm extension with trigram indexes on the names of the case's people
(ADR 0012).

pg_trgm is a trusted extension (PostgreSQL 13+), so the database's owner, who runs migrations,
may create it without being a superuser. The indexes are raw SQL, not model indexes: the
embedded SQLite demo has neither the extension nor GIN, and searches there with a plain match
(cases/search.py). The referral people's indexes are in referrals 0010.
"""

from django.db import migrations, models

from cases.db import trigram_indexes
from cases.rls import PostgresOnlySQL


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0012_media_monitoring_stage'),
    ]

    operations = [
        migrations.AlterField(
            model_name='accesslogentry',
            name='kind',
            field=models.CharField(choices=[('view_personal_details', 'Viewed personal details'), ('download_document', 'Downloaded a document'), ('export', 'Exported data'), ('search', 'Searched for people')], max_length=30),
        ),
        # Kept on rollback: other objects may use the extension by then.
        PostgresOnlySQL("CREATE EXTENSION IF NOT EXISTS pg_trgm;", migrations.RunSQL.noop),
        trigram_indexes("cases_subject", ("first_name", "last_name", "aliases")),
        # The cases list sorted by title.
        migrations.AddIndex(
            model_name='case',
            index=models.Index(condition=models.Q(('archived_at__isnull', True)), fields=['partnership', 'title', 'id'], name='case_list_title'),
        ),
    ]
