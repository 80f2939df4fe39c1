"""The built-in priority indicator "themes raised by young people", off until a city admin switches it on."""

from django.db import migrations


def create(apps, schema_editor):
    Indicator = apps.get_model("neighbourhoods", "Indicator")
    Indicator.objects.get_or_create(
        code="youth_themes",
        defaults={
            "name": "Themes raised by young people (last 12 months)",
            "unit": "young people",
            "source": "participation moments in the portal; fewer than 5 counts as 0",
            "source_kind": "builtin_youth",
            "higher_means_more_need": True,
            "weight": 1,
            "is_active": False,
        },
    )


def remove(apps, schema_editor):
    apps.get_model("neighbourhoods", "Indicator").objects.filter(code="youth_themes").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("participation", "0001_initial"),
        ("neighbourhoods", "0003_indicators_priority_snapshots"),
    ]

    operations = [migrations.RunPython(create, remove)]
