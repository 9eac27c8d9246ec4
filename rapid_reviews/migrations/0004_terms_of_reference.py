"""The terms of reference, their membership and approvals, with row-level security (ADR 0009;
the policy text written out, as in 0002)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from cases.rls import enable_rls

TENANT = "partnership_id = prm_partnership_id()"


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0019_chronologies"),
        ("rapid_reviews", "0003_withdrawal"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="TermsOfReference",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("version", models.PositiveIntegerField()),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("draft", "Draft"),
                            ("awaiting_approval", "Awaiting approval"),
                            ("agreed", "Agreed"),
                        ],
                        default="draft",
                        max_length=20,
                    ),
                ),
                ("background", models.TextField(blank=True)),
                ("purpose", models.TextField(blank=True)),
                (
                    "people_in_scope",
                    models.TextField(
                        blank=True,
                        help_text="One a line: name, relationship to the child, date of birth,"
                        " address, NHS number.",
                        verbose_name="Children and significant others in scope",
                    ),
                ),
                (
                    "scope_agreed_on",
                    models.DateField(
                        blank=True,
                        null=True,
                        verbose_name="Date the statutory partners agreed the scope",
                    ),
                ),
                (
                    "scope_from",
                    models.DateField(blank=True, null=True, verbose_name="Scope period from"),
                ),
                (
                    "scope_to",
                    models.DateField(blank=True, null=True, verbose_name="Scope period to"),
                ),
                (
                    "include_earlier_information",
                    models.BooleanField(
                        default=True,
                        verbose_name="Partners also include a summary of key earlier information",
                    ),
                ),
                ("contributors", models.TextField(blank=True, help_text="One agency a line.")),
                ("methodology", models.TextField(blank=True)),
                ("reporting", models.TextField(blank=True)),
                (
                    "chronology_due",
                    models.DateField(
                        blank=True, null=True, verbose_name="Chronologies to be returned by"
                    ),
                ),
                (
                    "meeting_dates",
                    models.TextField(blank=True, verbose_name="Rapid review panel meeting dates"),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("sent_at", models.DateTimeField(blank=True, null=True)),
                ("agreed_at", models.DateTimeField(blank=True, null=True)),
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
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="terms",
                        to="rapid_reviews.rapidreview",
                    ),
                ),
            ],
            options={
                "verbose_name": "terms of reference",
                "verbose_name_plural": "terms of reference",
                "ordering": ["rapid_review", "-version"],
            },
        ),
        migrations.CreateModel(
            name="TermsOfReferenceApproval",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "recorded_for_agency",
                    models.BooleanField(
                        default=False,
                        help_text="A business manager recorded the agency's approval.",
                    ),
                ),
                ("approved_at", models.DateTimeField(auto_now_add=True)),
                ("comments", models.TextField(blank=True)),
                (
                    "agency",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="cases.agency",
                    ),
                ),
                (
                    "approved_by",
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
                    "terms",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="approvals",
                        to="rapid_reviews.termsofreference",
                    ),
                ),
            ],
            options={
                "ordering": ["terms", "agency__name"],
            },
        ),
        migrations.CreateModel(
            name="TermsOfReferenceMember",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("organisation", models.CharField(max_length=200)),
                (
                    "person_name",
                    models.CharField(blank=True, max_length=200, verbose_name="Individual"),
                ),
                (
                    "role",
                    models.CharField(
                        choices=[
                            ("chair", "Chair"),
                            ("statutory_partner", "Statutory partner representative"),
                            ("legal_adviser", "Legal adviser"),
                            ("business_manager", "Business manager"),
                            ("critical_friend", "Critical friend"),
                            ("co_opted", "Co-opted attendee"),
                            ("other", "Other"),
                        ],
                        max_length=30,
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
                    "terms",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="members",
                        to="rapid_reviews.termsofreference",
                    ),
                ),
            ],
            options={
                "ordering": ["terms", "id"],
            },
        ),
        migrations.AddConstraint(
            model_name="termsofreference",
            constraint=models.UniqueConstraint(
                fields=("rapid_review", "version"), name="terms_one_row_per_version"
            ),
        ),
        migrations.AddConstraint(
            model_name="termsofreferenceapproval",
            constraint=models.UniqueConstraint(
                fields=("terms", "agency"), name="terms_one_approval_per_agency"
            ),
        ),
        *[
            enable_rls(table, TENANT)
            for table in (
                "rapid_reviews_termsofreference",
                "rapid_reviews_termsofreferencemember",
                "rapid_reviews_termsofreferenceapproval",
            )
        ],
    ]
