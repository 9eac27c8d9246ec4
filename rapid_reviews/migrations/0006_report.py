"""The rapid review report, its versions and the review's outcome, with row-level security
(ADR 0009)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from cases.rls import enable_rls

TENANT = "partnership_id = prm_partnership_id()"


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0020_action_items"),
        ("rapid_reviews", "0005_information_requests"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="RapidReviewOutcome",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "decision",
                    models.CharField(
                        choices=[
                            ("lcspr", "A local child safeguarding practice review (LCSPR)"),
                            ("learning_review", "A learning review"),
                            ("closure", "No further review: close"),
                        ],
                        max_length=20,
                    ),
                ),
                ("decided_on", models.DateField()),
                ("rationale", models.TextField()),
                ("recorded_at", models.DateTimeField(auto_now_add=True)),
                (
                    "decided_by",
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
                (
                    "rapid_review",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="outcome",
                        to="rapid_reviews.rapidreview",
                    ),
                ),
            ],
        ),
        migrations.CreateModel(
            name="RapidReviewReport",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("draft", "Draft"),
                            ("in_sign_off", "In sign-off"),
                            ("signed_off", "Signed off"),
                            ("submitted", "Submitted to the National Panel"),
                        ],
                        default="draft",
                        max_length=20,
                    ),
                ),
                ("version", models.PositiveIntegerField(default=1)),
                ("content", models.JSONField(default=dict)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("submitted_on", models.DateField(blank=True, null=True)),
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
                (
                    "rapid_review",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="report",
                        to="rapid_reviews.rapidreview",
                    ),
                ),
                (
                    "submitted_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "rapid review report",
            },
        ),
        migrations.CreateModel(
            name="RapidReviewReportVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("number", models.PositiveIntegerField()),
                ("content", models.JSONField()),
                ("changed_sections", models.JSONField(default=list)),
                ("saved_at", models.DateTimeField(auto_now_add=True)),
                ("comment", models.CharField(blank=True, max_length=500)),
                (
                    "partnership",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="cases.partnership",
                    ),
                ),
                (
                    "report",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="versions",
                        to="rapid_reviews.rapidreviewreport",
                    ),
                ),
                (
                    "saved_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["report", "-number"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("report", "number"), name="report_one_row_per_version"
                    )
                ],
            },
        ),
        *[
            enable_rls(table, TENANT)
            for table in (
                "rapid_reviews_rapidreviewreport",
                "rapid_reviews_rapidreviewreportversion",
                "rapid_reviews_rapidreviewoutcome",
            )
        ],
    ]
