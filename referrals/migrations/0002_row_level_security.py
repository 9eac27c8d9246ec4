"""Row-level security on every referrals table (ADR 0009); the policy text is written out here,
not imported, so that this migration never changes."""

from django.db import migrations

from cases.rls import enable_rls

TENANT = "partnership_id = prm_partnership_id()"


class Migration(migrations.Migration):
    dependencies = [
        ("referrals", "0001_initial"),
        ("cases", "0006_row_level_security"),
    ]

    operations = [
        enable_rls(table, TENANT)
        for table in (
            "referrals_referral",
            "referrals_challenge",
            "referrals_challengestep",
            "referrals_referrallookup",
            "referrals_referralchild",
            "referrals_referralperson",
            "referrals_referralagencycontact",
            "referrals_informationrequest",
            "referrals_reviewgrouplisting",
            "referrals_triagedecision",
            "referrals_recommendation",
            "referrals_executivedecision",
        )
    ]
