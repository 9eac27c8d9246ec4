from django.db import migrations, models


def number_existing_referrals(apps, schema_editor):
    """Give referrals made before references existed theirs, oldest first, and leave each
    partnership's counter at the last number given."""
    Referral = apps.get_model("referrals", "Referral")
    Counter = apps.get_model("cases", "CaseReferenceCounter")
    Partnership = apps.get_model("cases", "Partnership")
    for partnership in Partnership.objects.all():
        referrals = Referral.objects.filter(partnership=partnership).order_by("created_at", "id")
        number = 0
        for number, referral in enumerate(referrals.iterator(), start=1):
            referral.reference = f"{partnership.code}-R-{number:04d}"
            referral.save(update_fields=["reference"])
        if number:
            Counter.objects.update_or_create(
                partnership=partnership,
                series="referral",
                year=0,
                defaults={"last_number": number},
            )


class Migration(migrations.Migration):
    dependencies = [
        ("referrals", "0003_list_indexes"),
        ("cases", "0011_reference_series"),
    ]

    operations = [
        migrations.AddField(
            model_name="referral",
            name="reference",
            field=models.CharField(blank=True, max_length=30),
        ),
        migrations.RunPython(number_existing_referrals, migrations.RunPython.noop),
    ]
