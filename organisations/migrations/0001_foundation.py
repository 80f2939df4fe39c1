"""The organisations app from its start to the release before offers moved out, as one migration: the two
0003 migrations of that history (made on two branches, then merged by 0004) squashed with 0001 and 0002. A
database that applied those has this one applied too (``replaces``)."""

import charter_portal.personal_data
import django.core.validators
import django.db.migrations.operations.special
import django.db.models.deletion
import simple_history.models
import uuid
from django.conf import settings
from django.db import migrations, models


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

    replaces = [('organisations', '0001_initial'), ('organisations', '0002_reference_data'), ('organisations', '0003_offers_spaces_and_validation'), ('organisations', '0003_foundation_review'), ('organisations', '0004_merge_foundation_offers')]

    initial = True

    dependencies = [
        ('neighbourhoods', '0001_initial'),
        ('neighbourhoods', '0002_ghent_neighbourhoods'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Function',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name_nl', models.CharField(max_length=100, verbose_name='name (Dutch)')),
                ('name_en', models.CharField(max_length=100, verbose_name='name (English)')),
                ('code', models.CharField(max_length=20, unique=True, verbose_name='code')),
                ('position', models.PositiveSmallIntegerField(default=0, verbose_name='position')),
                ('description_nl', models.TextField(blank=True, verbose_name='description (Dutch)')),
                ('description_en', models.TextField(blank=True, verbose_name='description (English)')),
            ],
            options={
                'verbose_name': 'function',
                'verbose_name_plural': 'functions',
                'ordering': ['position'],
            },
        ),
        migrations.CreateModel(
            name='Sector',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name_nl', models.CharField(max_length=100, verbose_name='name (Dutch)')),
                ('name_en', models.CharField(max_length=100, verbose_name='name (English)')),
                ('code', models.CharField(max_length=30, unique=True, verbose_name='code')),
                ('position', models.PositiveSmallIntegerField(default=0, verbose_name='position')),
            ],
            options={
                'verbose_name': 'sector',
                'verbose_name_plural': 'sectors',
                'ordering': ['position'],
            },
        ),
        migrations.CreateModel(
            name='Collaboration',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('version', models.PositiveIntegerField(default=1, editable=False, help_text='Raised by one at every save; guards against lost updates.', verbose_name='version')),
                ('name', models.CharField(max_length=200, verbose_name='name')),
                ('description', models.TextField(blank=True, verbose_name='description')),
                ('starts_on', models.DateField(blank=True, null=True, verbose_name='starts on')),
                ('ends_on', models.DateField(blank=True, null=True, verbose_name='ends on')),
                ('registered_by_city', models.BooleanField(default=False, help_text='An existing collaboration that a city admin registered with its members directly.', verbose_name='registered by the city')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('movement_circles', models.ManyToManyField(blank=True, related_name='collaborations', to='neighbourhoods.movementcircle', verbose_name='movement circles')),
                ('neighbourhoods', models.ManyToManyField(blank=True, related_name='collaborations', to='neighbourhoods.neighbourhood', verbose_name='neighbourhoods')),
            ],
            options={
                'verbose_name': 'collaboration',
                'verbose_name_plural': 'collaborations',
                'ordering': ['name', 'id'],
            },
        ),
        migrations.CreateModel(
            name='HistoricalCollaboration',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('name', models.CharField(max_length=200, verbose_name='name')),
                ('description', models.TextField(blank=True, verbose_name='description')),
                ('starts_on', models.DateField(blank=True, null=True, verbose_name='starts on')),
                ('ends_on', models.DateField(blank=True, null=True, verbose_name='ends on')),
                ('registered_by_city', models.BooleanField(default=False, help_text='An existing collaboration that a city admin registered with its members directly.', verbose_name='registered by the city')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created at')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('created_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical collaboration',
                'verbose_name_plural': 'historical collaborations',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalCollaboration_movement_circles',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                ('collaboration', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='organisations.collaboration')),
                ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='organisations.historicalcollaboration')),
                ('movementcircle', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='neighbourhoods.movementcircle')),
            ],
            options={
                'verbose_name': 'HistoricalCollaboration_movement_circles',
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalCollaboration_neighbourhoods',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                ('collaboration', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='organisations.collaboration')),
                ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='organisations.historicalcollaboration')),
                ('neighbourhood', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='neighbourhoods.neighbourhood')),
            ],
            options={
                'verbose_name': 'HistoricalCollaboration_neighbourhoods',
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalOffer',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('uuid', models.UUIDField(db_index=True, default=uuid.uuid4, editable=False, verbose_name='public identifier')),
                ('title', models.CharField(max_length=200, verbose_name='title')),
                ('description', models.TextField(blank=True, verbose_name='description')),
                ('is_warm_place', models.BooleanField(default=False, verbose_name='warm place')),
                ('is_mobile', models.BooleanField(default=False, verbose_name='mobile or outreach work')),
                ('address', models.CharField(blank=True, max_length=255, verbose_name='address')),
                ('age_min', models.PositiveSmallIntegerField(default=0, validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(30)], verbose_name='minimum age')),
                ('age_max', models.PositiveSmallIntegerField(default=30, validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(30)], verbose_name='maximum age')),
                ('weekly_hours', models.DecimalField(decimal_places=2, default=0, max_digits=5, validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(168)], verbose_name='hours per week')),
                ('schedule', models.TextField(blank=True, verbose_name='schedule')),
                ('starts_on', models.DateField(blank=True, null=True, verbose_name='starts on')),
                ('ends_on', models.DateField(blank=True, null=True, verbose_name='ends on')),
                ('languages', models.CharField(blank=True, max_length=200, verbose_name='languages spoken')),
                ('is_free', models.BooleanField(default=True, verbose_name='free of charge')),
                ('cost_description', models.CharField(blank=True, max_length=255, verbose_name='cost')),
                ('accessibility', models.TextField(blank=True, verbose_name='accessibility')),
                ('status', models.CharField(choices=[('draft', 'draft'), ('published', 'published'), ('archived', 'archived')], default='draft', max_length=10, verbose_name='status')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created at')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical offer',
                'verbose_name_plural': 'historical offers',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalOrganisation',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('name', models.CharField(db_index=True, max_length=200, verbose_name='name')),
                ('slug', models.SlugField(max_length=220, verbose_name='slug')),
                ('kind', models.CharField(choices=[('civil_society', 'civil-society organisation'), ('self_organisation', 'self-organisation'), ('city_service', 'city service'), ('public_body', 'other public body')], max_length=20, verbose_name='kind')),
                ('description', models.TextField(blank=True, verbose_name='description')),
                ('email', models.EmailField(blank=True, max_length=254, verbose_name='public contact e-mail')),
                ('phone', models.CharField(blank=True, max_length=40, verbose_name='public phone number')),
                ('website', models.URLField(blank=True, verbose_name='website')),
                ('is_active', models.BooleanField(default=True, verbose_name='active')),
                ('is_approved', models.BooleanField(default=False, verbose_name='approved')),
                ('approved_at', models.DateTimeField(blank=True, null=True, verbose_name='approved at')),
                ('is_demo', models.BooleanField(default=False, help_text='Fictional organisation created for demonstrations.', verbose_name='demo data')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created at')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('approved_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='approved by')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical organisation',
                'verbose_name_plural': 'historical organisations',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='Offer',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('version', models.PositiveIntegerField(default=1, editable=False, help_text='Raised by one at every save; guards against lost updates.', verbose_name='version')),
                ('uuid', models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name='public identifier')),
                ('title', models.CharField(max_length=200, verbose_name='title')),
                ('description', models.TextField(blank=True, verbose_name='description')),
                ('is_warm_place', models.BooleanField(default=False, verbose_name='warm place')),
                ('is_mobile', models.BooleanField(default=False, verbose_name='mobile or outreach work')),
                ('address', models.CharField(blank=True, max_length=255, verbose_name='address')),
                ('age_min', models.PositiveSmallIntegerField(default=0, validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(30)], verbose_name='minimum age')),
                ('age_max', models.PositiveSmallIntegerField(default=30, validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(30)], verbose_name='maximum age')),
                ('weekly_hours', models.DecimalField(decimal_places=2, default=0, max_digits=5, validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(168)], verbose_name='hours per week')),
                ('schedule', models.TextField(blank=True, verbose_name='schedule')),
                ('starts_on', models.DateField(blank=True, null=True, verbose_name='starts on')),
                ('ends_on', models.DateField(blank=True, null=True, verbose_name='ends on')),
                ('languages', models.CharField(blank=True, max_length=200, verbose_name='languages spoken')),
                ('is_free', models.BooleanField(default=True, verbose_name='free of charge')),
                ('cost_description', models.CharField(blank=True, max_length=255, verbose_name='cost')),
                ('accessibility', models.TextField(blank=True, verbose_name='accessibility')),
                ('status', models.CharField(choices=[('draft', 'draft'), ('published', 'published'), ('archived', 'archived')], default='draft', max_length=10, verbose_name='status')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                ('functions', models.ManyToManyField(related_name='offers', to='organisations.function', verbose_name='functions')),
                ('movement_circles', models.ManyToManyField(blank=True, related_name='offers', to='neighbourhoods.movementcircle', verbose_name='movement circles')),
                ('neighbourhoods', models.ManyToManyField(blank=True, related_name='offers', to='neighbourhoods.neighbourhood', verbose_name='neighbourhoods')),
            ],
            options={
                'verbose_name': 'offer',
                'verbose_name_plural': 'offers',
                'ordering': ['title', 'id'],
            },
        ),
        migrations.CreateModel(
            name='HistoricalOffer_neighbourhoods',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='organisations.historicaloffer')),
                ('neighbourhood', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='neighbourhoods.neighbourhood')),
                ('offer', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='organisations.offer')),
            ],
            options={
                'verbose_name': 'HistoricalOffer_neighbourhoods',
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalOffer_movement_circles',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='organisations.historicaloffer')),
                ('movementcircle', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='neighbourhoods.movementcircle')),
                ('offer', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='organisations.offer')),
            ],
            options={
                'verbose_name': 'HistoricalOffer_movement_circles',
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalOffer_functions',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                ('function', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='organisations.function')),
                ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='organisations.historicaloffer')),
                ('offer', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='organisations.offer')),
            ],
            options={
                'verbose_name': 'HistoricalOffer_functions',
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='Organisation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('version', models.PositiveIntegerField(default=1, editable=False, help_text='Raised by one at every save; guards against lost updates.', verbose_name='version')),
                ('name', models.CharField(max_length=200, unique=True, verbose_name='name')),
                ('slug', models.SlugField(max_length=220, unique=True, verbose_name='slug')),
                ('kind', models.CharField(choices=[('civil_society', 'civil-society organisation'), ('self_organisation', 'self-organisation'), ('city_service', 'city service'), ('public_body', 'other public body')], max_length=20, verbose_name='kind')),
                ('description', models.TextField(blank=True, verbose_name='description')),
                ('email', models.EmailField(blank=True, max_length=254, verbose_name='public contact e-mail')),
                ('phone', models.CharField(blank=True, max_length=40, verbose_name='public phone number')),
                ('website', models.URLField(blank=True, verbose_name='website')),
                ('is_active', models.BooleanField(default=True, verbose_name='active')),
                ('is_approved', models.BooleanField(default=False, verbose_name='approved')),
                ('approved_at', models.DateTimeField(blank=True, null=True, verbose_name='approved at')),
                ('is_demo', models.BooleanField(default=False, help_text='Fictional organisation created for demonstrations.', verbose_name='demo data')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('approved_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='approved by')),
                ('sectors', models.ManyToManyField(blank=True, related_name='organisations', to='organisations.sector', verbose_name='sectors')),
            ],
            options={
                'verbose_name': 'organisation',
                'verbose_name_plural': 'organisations',
                'ordering': ['name'],
            },
        ),
        migrations.AddField(
            model_name='offer',
            name='organisation',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='offers', to='organisations.organisation', verbose_name='organisation'),
        ),
        migrations.AddField(
            model_name='historicaloffer',
            name='organisation',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='organisations.organisation', verbose_name='organisation'),
        ),
        migrations.CreateModel(
            name='HistoricalMembership',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('role', models.CharField(choices=[('admin', 'admin'), ('member', 'member')], default='member', max_length=10, verbose_name='role')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created at')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('user', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='user')),
                ('organisation', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='organisations.organisation', verbose_name='organisation')),
            ],
            options={
                'verbose_name': 'historical membership',
                'verbose_name_plural': 'historical memberships',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalCollaborationMember',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('status', models.CharField(choices=[('invited', 'invited'), ('accepted', 'accepted'), ('declined', 'declined')], default='invited', max_length=10, verbose_name='status')),
                ('invited_at', models.DateTimeField(blank=True, editable=False, verbose_name='invited at')),
                ('responded_at', models.DateTimeField(blank=True, null=True, verbose_name='responded at')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('collaboration', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='organisations.collaboration')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('organisation', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='organisations.organisation')),
            ],
            options={
                'verbose_name': 'historical collaboration member',
                'verbose_name_plural': 'historical collaboration members',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.AddField(
            model_name='historicalcollaboration',
            name='coordinator',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='organisations.organisation', verbose_name='coordinating organisation'),
        ),
        migrations.CreateModel(
            name='CollaborationMember',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(choices=[('invited', 'invited'), ('accepted', 'accepted'), ('declined', 'declined')], default='invited', max_length=10, verbose_name='status')),
                ('invited_at', models.DateTimeField(auto_now_add=True, verbose_name='invited at')),
                ('responded_at', models.DateTimeField(blank=True, null=True, verbose_name='responded at')),
                ('collaboration', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='members', to='organisations.collaboration')),
                ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='collaboration_memberships', to='organisations.organisation')),
            ],
            options={
                'verbose_name': 'collaboration member',
                'verbose_name_plural': 'collaboration members',
                'ordering': ['organisation__name'],
            },
        ),
        migrations.AddField(
            model_name='collaboration',
            name='coordinator',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='coordinated_collaborations', to='organisations.organisation', verbose_name='coordinating organisation'),
        ),
        migrations.AddField(
            model_name='collaboration',
            name='organisations',
            field=models.ManyToManyField(related_name='collaborations', through='organisations.CollaborationMember', to='organisations.organisation', verbose_name='organisations'),
        ),
        migrations.AddField(
            model_name='offer',
            name='bridge_sectors',
            field=models.ManyToManyField(blank=True, related_name='bridge_offers', to='organisations.sector', verbose_name='sectors it links to'),
        ),
        migrations.CreateModel(
            name='Membership',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('role', models.CharField(choices=[('admin', 'admin'), ('member', 'member')], default='member', max_length=10, verbose_name='role')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='memberships', to=settings.AUTH_USER_MODEL, verbose_name='user')),
                ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='memberships', to='organisations.organisation', verbose_name='organisation')),
            ],
            options={
                'verbose_name': 'membership',
                'verbose_name_plural': 'memberships',
                'ordering': ['organisation__name', 'user__email'],
                'constraints': [models.UniqueConstraint(fields=('user', 'organisation'), name='one_membership_per_org')],
            },
        ),
        migrations.AddConstraint(
            model_name='collaborationmember',
            constraint=models.UniqueConstraint(fields=('collaboration', 'organisation'), name='one_member_row_per_org'),
        ),
        migrations.AddConstraint(
            model_name='collaboration',
            constraint=models.CheckConstraint(condition=models.Q(('starts_on__isnull', True), ('ends_on__isnull', True), ('ends_on__gte', models.F('starts_on')), _connector='OR'), name='collaboration_end_after_start'),
        ),
        migrations.AddIndex(
            model_name='offer',
            index=models.Index(fields=['status', 'organisation'], name='organisatio_status_91f0b7_idx'),
        ),
        migrations.AddConstraint(
            model_name='offer',
            constraint=models.CheckConstraint(condition=models.Q(('age_min__lte', models.F('age_max'))), name='offer_age_range'),
        ),
        migrations.AddConstraint(
            model_name='offer',
            constraint=models.CheckConstraint(condition=models.Q(('weekly_hours__gte', 0), ('weekly_hours__lte', 168)), name='offer_weekly_hours_range'),
        ),
        migrations.AddConstraint(
            model_name='offer',
            constraint=models.CheckConstraint(condition=models.Q(('starts_on__isnull', True), ('ends_on__isnull', True), ('ends_on__gte', models.F('starts_on')), _connector='OR'), name='offer_end_after_start'),
        ),
        migrations.RunPython(
            code=load,
            reverse_code=django.db.migrations.operations.special.RunPython.noop,
        ),
        migrations.AddField(
            model_name='historicaloffer',
            name='published_at',
            field=models.DateTimeField(blank=True, editable=False, help_text='Set the first time the offer is published; an offer that was ever public is archived, not deleted.', null=True, verbose_name='first published at'),
        ),
        migrations.AddField(
            model_name='offer',
            name='published_at',
            field=models.DateTimeField(blank=True, editable=False, help_text='Set the first time the offer is published; an offer that was ever public is archived, not deleted.', null=True, verbose_name='first published at'),
        ),
        migrations.AlterField(
            model_name='collaboration',
            name='description',
            field=models.TextField(blank=True, validators=[charter_portal.personal_data.NoPersonalDataValidator()], verbose_name='description'),
        ),
        migrations.AlterField(
            model_name='collaboration',
            name='name',
            field=models.CharField(max_length=200, validators=[charter_portal.personal_data.NoPersonalDataValidator()], verbose_name='name'),
        ),
        migrations.AlterField(
            model_name='collaborationmember',
            name='collaboration',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='members', to='organisations.collaboration', verbose_name='collaboration'),
        ),
        migrations.AlterField(
            model_name='collaborationmember',
            name='organisation',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='collaboration_memberships', to='organisations.organisation', verbose_name='organisation'),
        ),
        migrations.AlterField(
            model_name='historicalcollaboration',
            name='description',
            field=models.TextField(blank=True, validators=[charter_portal.personal_data.NoPersonalDataValidator()], verbose_name='description'),
        ),
        migrations.AlterField(
            model_name='historicalcollaboration',
            name='name',
            field=models.CharField(max_length=200, validators=[charter_portal.personal_data.NoPersonalDataValidator()], verbose_name='name'),
        ),
        migrations.AlterField(
            model_name='historicalcollaborationmember',
            name='collaboration',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='organisations.collaboration', verbose_name='collaboration'),
        ),
        migrations.AlterField(
            model_name='historicalcollaborationmember',
            name='organisation',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='organisations.organisation', verbose_name='organisation'),
        ),
        migrations.AlterField(
            model_name='historicaloffer',
            name='accessibility',
            field=models.TextField(blank=True, validators=[charter_portal.personal_data.NoPersonalDataValidator()], verbose_name='accessibility'),
        ),
        migrations.AlterField(
            model_name='historicaloffer',
            name='cost_description',
            field=models.CharField(blank=True, max_length=255, validators=[charter_portal.personal_data.NoPersonalDataValidator()], verbose_name='cost'),
        ),
        migrations.AlterField(
            model_name='historicaloffer',
            name='description',
            field=models.TextField(blank=True, validators=[charter_portal.personal_data.NoPersonalDataValidator()], verbose_name='description'),
        ),
        migrations.AlterField(
            model_name='historicaloffer',
            name='languages',
            field=models.CharField(blank=True, max_length=200, validators=[charter_portal.personal_data.NoPersonalDataValidator()], verbose_name='languages spoken'),
        ),
        migrations.AlterField(
            model_name='historicaloffer',
            name='schedule',
            field=models.TextField(blank=True, validators=[charter_portal.personal_data.NoPersonalDataValidator()], verbose_name='schedule'),
        ),
        migrations.AlterField(
            model_name='historicaloffer',
            name='title',
            field=models.CharField(max_length=200, validators=[charter_portal.personal_data.NoPersonalDataValidator()], verbose_name='title'),
        ),
        migrations.AlterField(
            model_name='offer',
            name='accessibility',
            field=models.TextField(blank=True, validators=[charter_portal.personal_data.NoPersonalDataValidator()], verbose_name='accessibility'),
        ),
        migrations.AlterField(
            model_name='offer',
            name='cost_description',
            field=models.CharField(blank=True, max_length=255, validators=[charter_portal.personal_data.NoPersonalDataValidator()], verbose_name='cost'),
        ),
        migrations.AlterField(
            model_name='offer',
            name='description',
            field=models.TextField(blank=True, validators=[charter_portal.personal_data.NoPersonalDataValidator()], verbose_name='description'),
        ),
        migrations.AlterField(
            model_name='offer',
            name='languages',
            field=models.CharField(blank=True, max_length=200, validators=[charter_portal.personal_data.NoPersonalDataValidator()], verbose_name='languages spoken'),
        ),
        migrations.AlterField(
            model_name='offer',
            name='schedule',
            field=models.TextField(blank=True, validators=[charter_portal.personal_data.NoPersonalDataValidator()], verbose_name='schedule'),
        ),
        migrations.AlterField(
            model_name='offer',
            name='title',
            field=models.CharField(max_length=200, validators=[charter_portal.personal_data.NoPersonalDataValidator()], verbose_name='title'),
        ),
        migrations.CreateModel(
            name='HistoricalSharedSpace',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('name', models.CharField(help_text='For example: the big hall of our youth house.', max_length=200, validators=[charter_portal.personal_data.NoPersonalDataValidator()], verbose_name='name')),
                ('address', models.CharField(max_length=255, verbose_name='address')),
                ('capacity', models.PositiveIntegerField(blank=True, help_text='How many people fit in the space.', null=True, validators=[django.core.validators.MinValueValidator(1)], verbose_name='capacity')),
                ('facilities', models.TextField(blank=True, help_text='For example: kitchen, projector, football pitch, wheelchair accessible toilet.', validators=[charter_portal.personal_data.NoPersonalDataValidator()], verbose_name='facilities')),
                ('availability', models.TextField(help_text='For example: weekdays after 17:00, not during school holidays.', validators=[charter_portal.personal_data.NoPersonalDataValidator()], verbose_name='when it is available')),
                ('contact', models.CharField(help_text="Your organisation's public e-mail address or phone number for bookings.", max_length=255, verbose_name='contact for bookings')),
                ('is_active', models.BooleanField(default=True, help_text='Untick to withdraw the space from the directory.', verbose_name='listed')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created at')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('neighbourhood', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='neighbourhoods.neighbourhood', verbose_name='neighbourhood')),
                ('organisation', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='organisations.organisation', verbose_name='organisation')),
            ],
            options={
                'verbose_name': 'historical shared space',
                'verbose_name_plural': 'historical shared spaces',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='SharedSpace',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('version', models.PositiveIntegerField(default=1, editable=False, help_text='Raised by one at every save; guards against lost updates.', verbose_name='version')),
                ('name', models.CharField(help_text='For example: the big hall of our youth house.', max_length=200, validators=[charter_portal.personal_data.NoPersonalDataValidator()], verbose_name='name')),
                ('address', models.CharField(max_length=255, verbose_name='address')),
                ('capacity', models.PositiveIntegerField(blank=True, help_text='How many people fit in the space.', null=True, validators=[django.core.validators.MinValueValidator(1)], verbose_name='capacity')),
                ('facilities', models.TextField(blank=True, help_text='For example: kitchen, projector, football pitch, wheelchair accessible toilet.', validators=[charter_portal.personal_data.NoPersonalDataValidator()], verbose_name='facilities')),
                ('availability', models.TextField(help_text='For example: weekdays after 17:00, not during school holidays.', validators=[charter_portal.personal_data.NoPersonalDataValidator()], verbose_name='when it is available')),
                ('contact', models.CharField(help_text="Your organisation's public e-mail address or phone number for bookings.", max_length=255, verbose_name='contact for bookings')),
                ('is_active', models.BooleanField(default=True, help_text='Untick to withdraw the space from the directory.', verbose_name='listed')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('neighbourhood', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='shared_spaces', to='neighbourhoods.neighbourhood', verbose_name='neighbourhood')),
                ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='shared_spaces', to='organisations.organisation', verbose_name='organisation')),
            ],
            options={
                'verbose_name': 'shared space',
                'verbose_name_plural': 'shared spaces',
                'ordering': ['name', 'id'],
                'constraints': [models.CheckConstraint(condition=models.Q(('capacity__isnull', True), ('capacity__gte', 1), _connector='OR'), name='space_capacity_positive')],
            },
        ),
        migrations.AddField(
            model_name='historicalorganisation',
            name='rejected_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='rejected at'),
        ),
        migrations.AddField(
            model_name='historicalorganisation',
            name='rejected_by',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='rejected by'),
        ),
        migrations.AddField(
            model_name='historicalorganisation',
            name='rejection_reason',
            field=models.TextField(blank=True, verbose_name='reason for rejection'),
        ),
        migrations.AddField(
            model_name='organisation',
            name='rejected_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='rejected at'),
        ),
        migrations.AddField(
            model_name='organisation',
            name='rejected_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='rejected by'),
        ),
        migrations.AddField(
            model_name='organisation',
            name='rejection_reason',
            field=models.TextField(blank=True, verbose_name='reason for rejection'),
        ),
    ]
