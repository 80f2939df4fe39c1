import django.db.models.deletion
from django.db import migrations, models

"""Collaborations now belong to the offers app; the table and the foreign key in the database stay as they are."""


class Migration(migrations.Migration):
    dependencies = [
        ("covenants", "0002_history_of_version_parts"),
        ("offers", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="covenant",
                    name="partner_collaboration",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="covenants",
                        to="offers.collaboration",
                        verbose_name="partner collaboration",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalcovenant",
                    name="partner_collaboration",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="offers.collaboration",
                        verbose_name="partner collaboration",
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
