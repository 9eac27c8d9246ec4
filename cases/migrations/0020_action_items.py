"""Action items, with row-level security (ADR 0009)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from cases.rls import enable_rls

TENANT = "partnership_id = prm_partnership_id()"


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0019_chronologies"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.CreateModel(
            name="ActionItem",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("source_id", models.PositiveBigIntegerField()),
                (
                    "owner_name",
                    models.CharField(
                        blank=True, help_text="The agency as the source names it.", max_length=200
                    ),
                ),
                ("what", models.TextField()),
                ("due_date", models.DateField(blank=True, null=True)),
                ("success_measure", models.TextField(blank=True)),
                (
                    "status",
                    models.CharField(
                        choices=[("open", "Open"), ("done", "Done"), ("cancelled", "Cancelled")],
                        default="open",
                        max_length=12,
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "case",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="action_items",
                        to="cases.case",
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "owner_agency",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="cases.agency",
                    ),
                ),
                (
                    "owner_person",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "partnership",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="cases.partnership",
                    ),
                ),
                (
                    "source_type",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="contenttypes.contenttype",
                    ),
                ),
            ],
            options={
                "ordering": ["case", "id"],
                "indexes": [
                    models.Index(
                        fields=["source_type", "source_id"], name="cases_actio_source__c5e239_idx"
                    )
                ],
            },
        ),
        *[enable_rls(table, TENANT) for table in ("cases_actionitem",)],
    ]
