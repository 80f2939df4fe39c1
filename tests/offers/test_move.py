"""Offers moved from the organisations app to their own (docs/architecture.md#the-offers-move): a database of the
previous release migrates forward with its offers, their change history, content types and admin log intact."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE_THE_MOVE = [("offers", None)]  # unapplies the move and what depends on it, nothing else


def _migrate(targets):
    """Migrate to ``targets`` and return the models as they were there."""
    MigrationExecutor(connection).migrate(targets)
    loader = MigrationExecutor(connection).loader  # a fresh loader reads what is applied now
    # Squashed migrations are recorded with the ones they replace, which are no nodes of the graph.
    applied = [key for key in loader.applied_migrations if key in loader.graph.nodes]
    return loader.project_state(applied).apps


def _leaf_nodes():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_an_offer_and_its_history_survive_the_move():
    leaves = _leaf_nodes()
    old = _migrate(BEFORE_THE_MOVE)
    try:
        Organisation = old.get_model("organisations", "Organisation")
        Offer = old.get_model("organisations", "Offer")
        HistoricalOffer = old.get_model("organisations", "HistoricalOffer")
        ContentType = old.get_model("contenttypes", "ContentType")
        User = old.get_model("accounts", "User")
        LogEntry = old.get_model("admin", "LogEntry")

        organisation = Organisation.objects.create(name="Buurtwerk", slug="buurtwerk", kind="civil_society")
        offer = Offer.objects.create(organisation=organisation, title="Speelstraat", weekly_hours=4)
        now = datetime.datetime(2026, 11, 1, 10, tzinfo=datetime.UTC)
        for minute, (history_type, title) in enumerate((("+", "Speelpleintje"), ("~", "Speelstraat"))):
            HistoricalOffer.objects.create(
                id=offer.pk,
                uuid=offer.uuid,
                organisation_id=organisation.pk,
                title=title,
                age_min=0,
                age_max=30,
                weekly_hours=4,
                status="draft",
                is_warm_place=False,
                is_mobile=False,
                is_free=True,
                created_at=now,
                history_date=now + datetime.timedelta(minutes=minute),
                history_type=history_type,
            )
        # The test database made the content type for the current app; migrating back relabelled it.
        content_type, _created = ContentType.objects.get_or_create(app_label="organisations", model="offer")
        admin = User.objects.create(email="admin@example.org", is_superuser=True, is_staff=True)
        LogEntry.objects.create(
            user=admin, content_type=content_type, object_id=str(offer.pk), object_repr="Speelstraat", action_flag=2
        )
    finally:
        _migrate(leaves)

    from django.contrib.admin.models import LogEntry as CurrentLogEntry
    from django.contrib.contenttypes.models import ContentType as CurrentContentType

    from offers.models import Offer as MovedOffer

    moved = MovedOffer.objects.get(title="Speelstraat")
    assert [record.title for record in moved.history.order_by("history_date")] == ["Speelpleintje", "Speelstraat"]
    CurrentContentType.objects.clear_cache()
    offer_type = CurrentContentType.objects.get_for_model(MovedOffer)
    assert (offer_type.pk, offer_type.app_label) == (content_type.pk, "offers")
    assert not CurrentContentType.objects.filter(app_label="organisations", model="offer").exists()
    assert CurrentLogEntry.objects.get(content_type=offer_type).object_id == str(moved.pk)
