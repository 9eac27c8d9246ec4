"""A case's action plan per stage, the document its sign-off chain signs off; row-level security
(ADR 0009)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from cases.rls import enable_rls

TENANT = "partnership_id = prm_partnership_id()"


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0021_action_plans"),
    ]

    operations = [
        migrations.CreateModel(
            name="ActionPlan",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "stage",
                    models.CharField(
                        choices=[
                            ("notification", "Serious Incident Report"),
                            ("rapid_review", "Rapid Review"),
                            ("lcspr", "LCSPR"),
                            ("learning_review", "Learning review"),
                        ],
                        max_length=20,
                    ),
                ),
                ("signed_off_on", models.DateField(blank=True, null=True)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "case",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="action_plans",
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
                    "partnership",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="cases.partnership",
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("case", "stage"), name="action_plan_once_per_stage"
                    )
                ],
            },
        ),
        enable_rls("cases_actionplan", TENANT),
    ]
