from django.db import migrations

FUNCTIONS = [
    (
        "leisure",
        "Vrijetijdsfunctie",
        "Leisure",
        "Groepsgerichte vrijetijdsactiviteiten: de ingangspoort tot alle andere functies.",
        "Group leisure activities: the entry gate to everything else.",
    ),
    (
        "welfare",
        "Welzijnsfunctie",
        "Welfare",
        "Individuele ondersteuning en hulp wanneer dat nodig is.",
        "Individual support and help when it is needed.",
    ),
    (
        "bridge",
        "Brugfunctie",
        "Bridge",
        "Bruggen slaan naar school, werk, welzijn, politie en justitie, sport, cultuur en brede school.",
        "Building bridges to school, work, welfare services, police and justice, sport, culture and brede school.",
    ),
    (
        "signal",
        "Signaalfunctie",
        "Signal",
        "Kinderen en jongeren een stem geven: structurele problemen doorgeven aan het beleid.",
        "Giving children and young people a voice: passing structural problems on to policy.",
    ),
]

SECTORS = [
    ("youth_work", "Jeugdwerk", "Youth work"),
    ("welfare", "Welzijn", "Welfare"),
    ("education", "Onderwijs", "Education"),
    ("work", "Werk", "Work"),
    ("police", "Politie", "Police"),
    ("justice", "Justitie", "Justice"),
    ("sport", "Sport", "Sport"),
    ("culture", "Cultuur", "Culture"),
    ("brede_school", "Brede school", "Brede school (community school)"),
    ("health", "Gezondheid", "Health"),
    ("housing", "Wonen", "Housing"),
    ("other", "Andere", "Other"),
]


def load(apps, schema_editor):
    Function = apps.get_model("organisations", "Function")
    Sector = apps.get_model("organisations", "Sector")
    for position, (code, name_nl, name_en, description_nl, description_en) in enumerate(FUNCTIONS):
        Function.objects.update_or_create(
            code=code,
            defaults={
                "position": position,
                "name_nl": name_nl,
                "name_en": name_en,
                "description_nl": description_nl,
                "description_en": description_en,
            },
        )
    for position, (code, name_nl, name_en) in enumerate(SECTORS):
        Sector.objects.update_or_create(
            code=code, defaults={"position": position, "name_nl": name_nl, "name_en": name_en}
        )


class Migration(migrations.Migration):
    dependencies = [("organisations", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
