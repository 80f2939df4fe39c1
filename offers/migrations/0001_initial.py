"""Offers, collaborations and shared spaces, moved here from ``organisations`` with their data.

The models keep their tables (``db_table`` and the history's ``table_name``; many-to-many tables follow the
model's table). Only the five history tables of many-to-many links, whose names django-simple-history derives
from the app, are renamed. Content types move to this app, so permissions, admin log entries and history keep
pointing at the same rows."""


import charter_portal.personal_data
import django.core.validators
import django.db.models.deletion
import simple_history.models
import uuid
from django.conf import settings
from django.db import migrations, models


MOVED_MODELS = [
    "offer", "collaboration", "collaborationmember", "sharedspace",
    "historicaloffer", "historicalcollaboration", "historicalcollaborationmember", "historicalsharedspace",
    "historicaloffer_functions", "historicaloffer_neighbourhoods", "historicaloffer_movement_circles",
    "historicalcollaboration_neighbourhoods", "historicalcollaboration_movement_circles",
]


def _relabel(apps, source, target):
    ContentType = apps.get_model("contenttypes", "ContentType")
    taken = set(ContentType.objects.filter(app_label=target, model__in=MOVED_MODELS).values_list("model", flat=True))
    ContentType.objects.filter(app_label=source, model__in=set(MOVED_MODELS) - taken).update(app_label=target)


def move_content_types(apps, schema_editor):
    _relabel(apps, "organisations", "offers")


def move_content_types_back(apps, schema_editor):
    _relabel(apps, "offers", "organisations")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('neighbourhoods', '0003_indicators_priority_snapshots'),
        ('organisations', '0001_foundation'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Collaboration',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('version', models.PositiveIntegerField(default=1, editable=False, help_text='Raised by one at every save; guards against lost updates.', verbose_name='version')),
                        ('name', models.CharField(max_length=200, validators=[charter_portal.personal_data.NoPersonalDataValidator()], verbose_name='name')),
                        ('description', models.TextField(blank=True, validators=[charter_portal.personal_data.NoPersonalDataValidator()], verbose_name='description')),
                        ('starts_on', models.DateField(blank=True, null=True, verbose_name='starts on')),
                        ('ends_on', models.DateField(blank=True, null=True, verbose_name='ends on')),
                        ('registered_by_city', models.BooleanField(default=False, help_text='An existing collaboration that a city admin registered with its members directly.', verbose_name='registered by the city')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                        ('coordinator', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='coordinated_collaborations', to='organisations.organisation', verbose_name='coordinating organisation')),
                        ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('movement_circles', models.ManyToManyField(blank=True, related_name='collaborations', to='neighbourhoods.movementcircle', verbose_name='movement circles')),
                        ('neighbourhoods', models.ManyToManyField(blank=True, related_name='collaborations', to='neighbourhoods.neighbourhood', verbose_name='neighbourhoods')),
                    ],
                    options={
                        'verbose_name': 'collaboration',
                        'verbose_name_plural': 'collaborations',
                        'db_table': 'organisations_collaboration',
                        'ordering': ['name', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='CollaborationMember',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('status', models.CharField(choices=[('invited', 'invited'), ('accepted', 'accepted'), ('declined', 'declined')], default='invited', max_length=10, verbose_name='status')),
                        ('invited_at', models.DateTimeField(auto_now_add=True, verbose_name='invited at')),
                        ('responded_at', models.DateTimeField(blank=True, null=True, verbose_name='responded at')),
                        ('collaboration', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='members', to='offers.collaboration', verbose_name='collaboration')),
                        ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='collaboration_memberships', to='organisations.organisation', verbose_name='organisation')),
                    ],
                    options={
                        'verbose_name': 'collaboration member',
                        'verbose_name_plural': 'collaboration members',
                        'db_table': 'organisations_collaborationmember',
                        'ordering': ['organisation__name'],
                    },
                ),
                migrations.AddField(
                    model_name='collaboration',
                    name='organisations',
                    field=models.ManyToManyField(related_name='collaborations', through='offers.CollaborationMember', to='organisations.organisation', verbose_name='organisations'),
                ),
                migrations.CreateModel(
                    name='HistoricalCollaboration',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('name', models.CharField(max_length=200, validators=[charter_portal.personal_data.NoPersonalDataValidator()], verbose_name='name')),
                        ('description', models.TextField(blank=True, validators=[charter_portal.personal_data.NoPersonalDataValidator()], verbose_name='description')),
                        ('starts_on', models.DateField(blank=True, null=True, verbose_name='starts on')),
                        ('ends_on', models.DateField(blank=True, null=True, verbose_name='ends on')),
                        ('registered_by_city', models.BooleanField(default=False, help_text='An existing collaboration that a city admin registered with its members directly.', verbose_name='registered by the city')),
                        ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created at')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('coordinator', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='organisations.organisation', verbose_name='coordinating organisation')),
                        ('created_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'historical collaboration',
                        'verbose_name_plural': 'historical collaborations',
                        'db_table': 'organisations_historicalcollaboration',
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
                        ('collaboration', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='offers.collaboration')),
                        ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='offers.historicalcollaboration')),
                        ('movementcircle', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='neighbourhoods.movementcircle')),
                    ],
                    options={
                        'db_table': 'organisations_historicalcollaboration_movement_circles',
                        'verbose_name': 'HistoricalCollaboration_movement_circles',
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalCollaboration_neighbourhoods',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('collaboration', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='offers.collaboration')),
                        ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='offers.historicalcollaboration')),
                        ('neighbourhood', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='neighbourhoods.neighbourhood')),
                    ],
                    options={
                        'db_table': 'organisations_historicalcollaboration_neighbourhoods',
                        'verbose_name': 'HistoricalCollaboration_neighbourhoods',
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
                        ('collaboration', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='offers.collaboration', verbose_name='collaboration')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('organisation', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='organisations.organisation', verbose_name='organisation')),
                    ],
                    options={
                        'verbose_name': 'historical collaboration member',
                        'verbose_name_plural': 'historical collaboration members',
                        'db_table': 'organisations_historicalcollaborationmember',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalOffer',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('uuid', models.UUIDField(db_index=True, default=uuid.uuid4, editable=False, verbose_name='public identifier')),
                        ('title', models.CharField(max_length=200, validators=[charter_portal.personal_data.NoPersonalDataValidator()], verbose_name='title')),
                        ('description', models.TextField(blank=True, validators=[charter_portal.personal_data.NoPersonalDataValidator()], verbose_name='description')),
                        ('is_warm_place', models.BooleanField(default=False, verbose_name='warm place')),
                        ('is_mobile', models.BooleanField(default=False, verbose_name='mobile or outreach work')),
                        ('address', models.CharField(blank=True, max_length=255, verbose_name='address')),
                        ('age_min', models.PositiveSmallIntegerField(default=0, validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(30)], verbose_name='minimum age')),
                        ('age_max', models.PositiveSmallIntegerField(default=30, validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(30)], verbose_name='maximum age')),
                        ('weekly_hours', models.DecimalField(decimal_places=2, default=0, max_digits=5, validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(168)], verbose_name='hours per week')),
                        ('schedule', models.TextField(blank=True, validators=[charter_portal.personal_data.NoPersonalDataValidator()], verbose_name='schedule')),
                        ('starts_on', models.DateField(blank=True, null=True, verbose_name='starts on')),
                        ('ends_on', models.DateField(blank=True, null=True, verbose_name='ends on')),
                        ('languages', models.CharField(blank=True, max_length=200, validators=[charter_portal.personal_data.NoPersonalDataValidator()], verbose_name='languages spoken')),
                        ('is_free', models.BooleanField(default=True, verbose_name='free of charge')),
                        ('cost_description', models.CharField(blank=True, max_length=255, validators=[charter_portal.personal_data.NoPersonalDataValidator()], verbose_name='cost')),
                        ('accessibility', models.TextField(blank=True, validators=[charter_portal.personal_data.NoPersonalDataValidator()], verbose_name='accessibility')),
                        ('status', models.CharField(choices=[('draft', 'draft'), ('published', 'published'), ('archived', 'archived')], default='draft', max_length=10, verbose_name='status')),
                        ('published_at', models.DateTimeField(blank=True, editable=False, help_text='Set the first time the offer is published; an offer that was ever public is archived, not deleted.', null=True, verbose_name='first published at')),
                        ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created at')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('organisation', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='organisations.organisation', verbose_name='organisation')),
                    ],
                    options={
                        'verbose_name': 'historical offer',
                        'verbose_name_plural': 'historical offers',
                        'db_table': 'organisations_historicaloffer',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
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
                        'db_table': 'organisations_historicalsharedspace',
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
                        ('title', models.CharField(max_length=200, validators=[charter_portal.personal_data.NoPersonalDataValidator()], verbose_name='title')),
                        ('description', models.TextField(blank=True, validators=[charter_portal.personal_data.NoPersonalDataValidator()], verbose_name='description')),
                        ('is_warm_place', models.BooleanField(default=False, verbose_name='warm place')),
                        ('is_mobile', models.BooleanField(default=False, verbose_name='mobile or outreach work')),
                        ('address', models.CharField(blank=True, max_length=255, verbose_name='address')),
                        ('age_min', models.PositiveSmallIntegerField(default=0, validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(30)], verbose_name='minimum age')),
                        ('age_max', models.PositiveSmallIntegerField(default=30, validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(30)], verbose_name='maximum age')),
                        ('weekly_hours', models.DecimalField(decimal_places=2, default=0, max_digits=5, validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(168)], verbose_name='hours per week')),
                        ('schedule', models.TextField(blank=True, validators=[charter_portal.personal_data.NoPersonalDataValidator()], verbose_name='schedule')),
                        ('starts_on', models.DateField(blank=True, null=True, verbose_name='starts on')),
                        ('ends_on', models.DateField(blank=True, null=True, verbose_name='ends on')),
                        ('languages', models.CharField(blank=True, max_length=200, validators=[charter_portal.personal_data.NoPersonalDataValidator()], verbose_name='languages spoken')),
                        ('is_free', models.BooleanField(default=True, verbose_name='free of charge')),
                        ('cost_description', models.CharField(blank=True, max_length=255, validators=[charter_portal.personal_data.NoPersonalDataValidator()], verbose_name='cost')),
                        ('accessibility', models.TextField(blank=True, validators=[charter_portal.personal_data.NoPersonalDataValidator()], verbose_name='accessibility')),
                        ('status', models.CharField(choices=[('draft', 'draft'), ('published', 'published'), ('archived', 'archived')], default='draft', max_length=10, verbose_name='status')),
                        ('published_at', models.DateTimeField(blank=True, editable=False, help_text='Set the first time the offer is published; an offer that was ever public is archived, not deleted.', null=True, verbose_name='first published at')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                        ('bridge_sectors', models.ManyToManyField(blank=True, related_name='bridge_offers', to='organisations.sector', verbose_name='sectors it links to')),
                        ('functions', models.ManyToManyField(related_name='offers', to='organisations.function', verbose_name='functions')),
                        ('movement_circles', models.ManyToManyField(blank=True, related_name='offers', to='neighbourhoods.movementcircle', verbose_name='movement circles')),
                        ('neighbourhoods', models.ManyToManyField(blank=True, related_name='offers', to='neighbourhoods.neighbourhood', verbose_name='neighbourhoods')),
                        ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='offers', to='organisations.organisation', verbose_name='organisation')),
                    ],
                    options={
                        'verbose_name': 'offer',
                        'verbose_name_plural': 'offers',
                        'db_table': 'organisations_offer',
                        'ordering': ['title', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='HistoricalOffer_neighbourhoods',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='offers.historicaloffer')),
                        ('neighbourhood', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='neighbourhoods.neighbourhood')),
                        ('offer', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='offers.offer')),
                    ],
                    options={
                        'db_table': 'organisations_historicaloffer_neighbourhoods',
                        'verbose_name': 'HistoricalOffer_neighbourhoods',
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalOffer_movement_circles',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='offers.historicaloffer')),
                        ('movementcircle', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='neighbourhoods.movementcircle')),
                        ('offer', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='offers.offer')),
                    ],
                    options={
                        'db_table': 'organisations_historicaloffer_movement_circles',
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
                        ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='offers.historicaloffer')),
                        ('offer', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='offers.offer')),
                    ],
                    options={
                        'db_table': 'organisations_historicaloffer_functions',
                        'verbose_name': 'HistoricalOffer_functions',
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
                        'db_table': 'organisations_sharedspace',
                        'ordering': ['name', 'id'],
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
                migrations.AddConstraint(
                    model_name='sharedspace',
                    constraint=models.CheckConstraint(condition=models.Q(('capacity__isnull', True), ('capacity__gte', 1), _connector='OR'), name='space_capacity_positive'),
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name='historicaloffer_functions', table=None),
        migrations.AlterModelTable(name='historicaloffer_neighbourhoods', table=None),
        migrations.AlterModelTable(name='historicaloffer_movement_circles', table=None),
        migrations.AlterModelTable(name='historicalcollaboration_neighbourhoods', table=None),
        migrations.AlterModelTable(name='historicalcollaboration_movement_circles', table=None),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
