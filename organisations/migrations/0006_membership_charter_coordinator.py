from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0005_offers_move_to_their_own_app"),
    ]

    operations = [
        migrations.AddField(
            model_name="membership",
            name="is_charter_coordinator",
            field=models.BooleanField(
                default=False,
                help_text="Granted by a city admin to staff of a city service; counts only in a city service.",
                verbose_name="charter coordinator",
            ),
        ),
        migrations.AddField(
            model_name="historicalmembership",
            name="is_charter_coordinator",
            field=models.BooleanField(
                default=False,
                help_text="Granted by a city admin to staff of a city service; counts only in a city service.",
                verbose_name="charter coordinator",
            ),
        ),
    ]
