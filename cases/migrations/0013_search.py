"""Finding a case (issue 11): the access log's new kind, the cases list's sort by title, and on
PostgreSQL the pg_trgm extension for near spellings of names (ADR 0012).

pg_trgm is a trusted extension (PostgreSQL 13+), so the database's owner, who runs migrations,
may create it without being a superuser. Nothing on SQLite (the embedded demo searches names with
a plain match). No trigram indexes: under the tables' forced row-level security the planner
cannot use them for the application role (ADR 0012).
"""

from django.db import migrations, models

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
        # The cases list sorted by title.
        migrations.AddIndex(
            model_name='case',
            index=models.Index(condition=models.Q(('archived_at__isnull', True)), fields=['partnership', 'title', 'id'], name='case_list_title'),
        ),
    ]
