"""Action plans (issue 14): stages, the new statuses ("done" becomes "closed"), SMART fields and
each action's history (ActionUpdate), with row-level security (ADR 0009)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from cases.rls import PostgresOnlySQL, enable_rls

TENANT = "partnership_id = prm_partnership_id()"
# The migration's owner is held to row-level security too (FORCE): lift it for the one update
# that must reach every partnership's rows.
DONE_TO_CLOSED = PostgresOnlySQL(
    "ALTER TABLE cases_actionitem NO FORCE ROW LEVEL SECURITY;"
    "UPDATE cases_actionitem SET status = 'closed' WHERE status = 'done';"
    "ALTER TABLE cases_actionitem FORCE ROW LEVEL SECURITY;",
    "ALTER TABLE cases_actionitem NO FORCE ROW LEVEL SECURITY;"
    "UPDATE cases_actionitem SET status = 'done' WHERE status = 'closed';"
    "ALTER TABLE cases_actionitem FORCE ROW LEVEL SECURITY;",
)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0020_action_items"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.CreateModel(
            name="ActionUpdate",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("progress", "Progress update"),
                            ("status", "Status changed"),
                            ("due_moved", "Due date moved"),
                        ],
                        max_length=12,
                    ),
                ),
                ("text", models.TextField(blank=True, verbose_name="update")),
                (
                    "old_status",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("open", "Not started"),
                            ("in_progress", "In progress"),
                            ("completed", "Completed"),
                            ("closed", "Closed"),
                            ("cancelled", "Cancelled"),
                        ],
                        max_length=12,
                    ),
                ),
                (
                    "new_status",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("open", "Not started"),
                            ("in_progress", "In progress"),
                            ("completed", "Completed"),
                            ("closed", "Closed"),
                            ("cancelled", "Cancelled"),
                        ],
                        max_length=12,
                    ),
                ),
                ("old_due_date", models.DateField(blank=True, null=True)),
                ("new_due_date", models.DateField(blank=True, null=True)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
            ],
            options={
                "ordering": ["action", "created_at", "id"],
            },
        ),
        migrations.AddField(
            model_name="actionitem",
            name="cancelled_reason",
            field=models.TextField(blank=True, verbose_name="why it was cancelled"),
        ),
        migrations.AddField(
            model_name="actionitem",
            name="closed_on",
            field=models.DateField(blank=True, null=True, verbose_name="date closed"),
        ),
        migrations.AddField(
            model_name="actionitem",
            name="recommendation",
            field=models.TextField(
                blank=True,
                help_text="What the review found.",
                verbose_name="recommendation or learning",
            ),
        ),
        migrations.AddField(
            model_name="actionitem",
            name="stage",
            field=models.CharField(
                choices=[
                    ("notification", "Serious Incident Report"),
                    ("rapid_review", "Rapid Review"),
                    ("lcspr", "LCSPR"),
                    ("learning_review", "Learning review"),
                ],
                default="rapid_review",
                max_length=20,
            ),
        ),
        migrations.AddField(
            model_name="actionitem",
            name="updated_at",
            field=models.DateTimeField(auto_now=True),
        ),
        migrations.AlterField(
            model_name="actionitem",
            name="due_date",
            field=models.DateField(blank=True, null=True, verbose_name="due"),
        ),
        migrations.AlterField(
            model_name="actionitem",
            name="source_id",
            field=models.PositiveBigIntegerField(blank=True, null=True),
        ),
        migrations.AlterField(
            model_name="actionitem",
            name="source_type",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="contenttypes.contenttype",
            ),
        ),
        migrations.AlterField(
            model_name="actionitem",
            name="status",
            field=models.CharField(
                choices=[
                    ("open", "Not started"),
                    ("in_progress", "In progress"),
                    ("completed", "Completed"),
                    ("closed", "Closed"),
                    ("cancelled", "Cancelled"),
                ],
                default="open",
                max_length=12,
            ),
        ),
        migrations.AlterField(
            model_name="actionitem",
            name="what",
            field=models.TextField(verbose_name="action"),
        ),
        migrations.AddIndex(
            model_name="actionitem",
            index=models.Index(
                condition=models.Q(("status__in", ["open", "in_progress"])),
                fields=["owner_agency", "due_date", "id"],
                name="action_active_agency",
            ),
        ),
        migrations.AddField(
            model_name="actionupdate",
            name="action",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="updates",
                to="cases.actionitem",
            ),
        ),
        migrations.AddField(
            model_name="actionupdate",
            name="created_by",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="actionupdate",
            name="evidence",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="cases.attachment",
            ),
        ),
        migrations.AddField(
            model_name="actionupdate",
            name="partnership",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="cases.partnership",
            ),
        ),
        migrations.AddIndex(
            model_name="actionupdate",
            index=models.Index(fields=["action", "-created_at"], name="action_update_latest"),
        ),
        DONE_TO_CLOSED,
        enable_rls("cases_actionupdate", TENANT),
    ]
