from django.db import migrations
from django.utils.text import slugify

# Ghent's 25 wijken, numbered and written exactly as the city does.
WIJKEN = [
    (1, "Binnenstad"),
    (2, "Sluizeken - Tolhuis - Ham"),
    (3, "Macharius - Heirnis"),
    (4, "Brugse Poort - Rooigem"),
    (5, "Watersportbaan - Ekkergem"),
    (6, "Elisabethbegijnhof - Prinsenhof - Papegaai - Sint-Michiels"),
    (7, "Rabot - Blaisantvest"),
    (8, "Wondelgem"),
    (9, "Bloemekenswijk"),
    (10, "Muide - Meulestede - Afrikalaan"),
    (11, "Gentse Kanaaldorpen en -zone"),
    (12, "Oostakker"),
    (13, "Dampoort"),
    (14, "Sint-Amandsberg"),
    (15, "Moscou - Vogelhoek"),
    (16, "Gentbrugge"),
    (17, "Oud Gentbrugge"),
    (18, "Ledeberg"),
    (19, "Zwijnaarde"),
    (20, "Nieuw Gent - UZ"),
    (21, "Stationsbuurt-Zuid"),
    (22, "Stationsbuurt-Noord"),
    (23, "Sint-Denijs-Westrem - Afsnee"),
    (24, "Mariakerke"),
    (25, "Drongen"),
]


def load(apps, schema_editor):
    Neighbourhood = apps.get_model("neighbourhoods", "Neighbourhood")
    for number, name in WIJKEN:
        Neighbourhood.objects.update_or_create(number=number, defaults={"name": name, "slug": slugify(name)})


class Migration(migrations.Migration):
    dependencies = [("neighbourhoods", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
