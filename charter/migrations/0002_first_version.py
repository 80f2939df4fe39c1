from django.db import migrations


def forwards(apps, schema_editor):
    from charter.initial import create_first_version

    create_first_version(
        apps.get_model("charter", "CharterVersion"),
        apps.get_model("charter", "Article"),
        apps.get_model("charter", "ChainHead"),
    )


class Migration(migrations.Migration):
    dependencies = [("charter", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
