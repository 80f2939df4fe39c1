from django.db import migrations, models

NAMES = (
    "Speelpleinwerking",
    "Huiswerkklas",
    "Jeugdhuis",
    "Buurtsport",
    "Meidenwerking",
    "Straathoekwerk",
    "Tienerwerking",
    "Brede school",
    "Zomerkamp",
    "Theaterklas",
    "Muziekatelier",
    "Kookclub",
)


def add_items(apps, schema_editor):
    item = apps.get_model("floor_items", "Item")
    item.objects.bulk_create(item(name=name, description=f"{name} in de buurt") for name in NAMES)


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Item",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=100)),
                ("description", models.CharField(max_length=200)),
            ],
            options={"ordering": ["name"]},
        ),
        migrations.RunPython(add_items, migrations.RunPython.noop),
    ]
