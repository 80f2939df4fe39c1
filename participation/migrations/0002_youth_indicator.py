"""The built-in priority indicator "themes raised by young people", off until a city admin switches it on."""

from django.db import migrations


def create(apps, schema_editor):
    Indicator = apps.get_model("neighbourhoods", "Indicator")
    Indicator.objects.get_or_create(
        code="youth_themes",
        defaults={
            # The city's own data, in its language like the other indicators (a city admin may rename it).
            "name": "Thema's van jongeren per wijk (laatste 12 maanden)",
            "unit": "jongeren",
            "source": "inspraak van jongeren in het portaal, per wijk; kleine aantallen tellen als 0",
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
