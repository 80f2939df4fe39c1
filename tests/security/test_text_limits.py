"""Every text field has a maximum that the database holds too, and old longer texts are told to their owners.

A new ``TextField`` without ``max_length``, or without its ``LimitTextLength`` trigger (charter_portal/db_limits.py),
fails here; so does a migration that rebuilds a limited table on SQLite and forgets to create the trigger again.
"""

from contextlib import contextmanager

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import IntegrityError, connection, models, transaction
from django.urls import reverse

from accounts.models import User
from charter_portal import db_limits
from charter_portal.text_limits import SHORT_TEXT, TEXT, limited_models, limited_text_fields
from notifications.models import Notification
from notifications.rendering import render_title
from offers.models import Offer
from organisations.models import Organisation
from tests import factories
from tests.conftest import api_client_for, field_errors

pytestmark = pytest.mark.django_db


@contextmanager
def limit_suspended(model, name: str):
    """Write a value as it was before the limit existed: the field's trigger is dropped and then created again."""
    table, field = model._meta.db_table, model._meta.get_field(name)
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for statement in db_limits.drop_statements(connection.vendor, quote, table, field.column):
            cursor.execute(statement)
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for statement in db_limits.create_statements(
                connection.vendor, quote, table, field.column, field.max_length
            ):
                cursor.execute(statement)


def _own_models():
    for model in apps.get_models():
        if model.__module__.split(".")[0] in ("django", "axes", "django_tasks_db", "simple_history"):
            continue
        if model.__name__.startswith("Historical") or not model._meta.managed:
            continue  # the history keeps whatever its model saved
        yield model


def test_every_text_field_of_every_model_has_a_maximum():
    unlimited = [
        f"{model._meta.label}.{field.name}"
        for model in _own_models()
        for field in model._meta.local_concrete_fields
        if isinstance(field, models.TextField) and field.max_length is None
    ]
    assert unlimited == [], "give these fields a max_length from charter_portal.text_limits"


def test_the_database_holds_every_text_fields_maximum():
    fields = [(model, field) for model in limited_models() for field in limited_text_fields(model)]
    assert len(fields) >= 40  # the portal's free texts, a guard against finding none
    missing = [
        f"{model._meta.label}.{field.name}"
        for model, field in fields
        if not db_limits.is_enforced(connection, model._meta.db_table, field.column)
    ]
    assert missing == [], "add LimitTextLength(model_name, name, max_length) to the migration of these fields"


def test_the_database_refuses_an_organisations_too_long_text_and_takes_one_of_exactly_the_limit(partner_org):
    table = Organisation._meta.db_table
    with pytest.raises(IntegrityError, match=f"{table}.description"), transaction.atomic():
        factories.organisation(name="Bypass", description="x" * (TEXT + 1))
    refused = pytest.raises(IntegrityError, match=f"{table}.rejection_reason")
    with refused, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET rejection_reason = %s", ["r" * (SHORT_TEXT + 1)])
    Organisation.objects.filter(pk=partner_org.pk).update(description="y" * TEXT)

    partner_org.refresh_from_db()
    assert (len(partner_org.description), partner_org.rejection_reason) == (TEXT, "")
    assert not Organisation.objects.filter(name="Bypass").exists()


def test_a_hand_declared_api_field_refuses_a_too_long_text(city_admin, partner_org):
    response = api_client_for(city_admin).patch(
        f"/api/v1/organisations/{partner_org.pk}/",
        {"description": "d" * (TEXT + 1), "version": partner_org.version},
        format="json",
    )
    assert response.status_code == 400
    assert field_errors(response) == {"description": [f"Ensure this field has no more than {TEXT} characters."]}
    partner_org.refresh_from_db()
    assert partner_org.description == ""


def test_the_flag_command_tells_each_owner_which_text_to_shorten_without_the_text(
    partner_org, partner_member, partner_admin, city_admin
):
    offer = factories.offer(partner_org, title="Homework club")
    secret = "An old description that nobody shortened. " * 150
    with limit_suspended(Offer, "schedule"), limit_suspended(Offer, "description"):
        Offer.objects.filter(pk=offer.pk).update(description=secret, schedule="s" * (SHORT_TEXT + 1))
    with limit_suspended(Organisation, "rejection_reason"):
        Organisation.objects.filter(pk=partner_org.pk).update(rejection_reason="r" * (SHORT_TEXT + 5))
    factories.offer(partner_org, title="Short and fine", description="Fine.")
    User.objects.update(preferred_language="en")  # each reader gets the field's name in their own language

    call_command("flag_long_texts", stdout=open("/dev/null", "w"))  # noqa: SIM115

    told = Notification.objects.filter(kind="texts.too_long").order_by("recipient__email", "params__field")
    rows = [(n.recipient.email, n.params["field"], n.params["limit"], n.url) for n in told]
    edit_offer = reverse("offers:edit", args=[offer.uuid])
    edit_organisation = reverse("organisations:edit", args=[partner_org.slug])
    assert rows == [
        ("admin@debrug.example", "description", TEXT, edit_offer),
        ("admin@debrug.example", "reason for rejection", SHORT_TEXT, edit_organisation),
        ("admin@debrug.example", "schedule", SHORT_TEXT, edit_offer),
        ("member@debrug.example", "description", TEXT, edit_offer),
        ("member@debrug.example", "schedule", SHORT_TEXT, edit_offer),
    ]
    assert all(secret[:40] not in str(n.params) and "rrrr" not in str(n.params) for n in told)
    first = told.filter(params__field="description").first()
    assert render_title(first) == (
        f"The description of “Homework club” is longer than the {TEXT} characters it may hold now: "
        "shorten it when you next edit it"
    )
    offer.refresh_from_db()
    assert offer.description == secret  # told, not cut


def test_the_flag_command_tells_the_city_admins_about_the_texts_of_parts_without_owners(partner_org, city_admin):
    neighbourhood = factories.neighbourhood(7)
    Neighbourhood = type(neighbourhood)
    limit = Neighbourhood._meta.get_field("priority_motivation").max_length
    with limit_suspended(Neighbourhood, "priority_motivation"):
        Neighbourhood.objects.filter(pk=neighbourhood.pk).update(priority_motivation="m" * (limit + 1))
    User.objects.update(preferred_language="en")

    call_command("flag_long_texts", stdout=open("/dev/null", "w"))  # noqa: SIM115

    told = Notification.objects.get(kind="texts.too_long")
    assert told.recipient == city_admin
    assert told.url == reverse("admin:neighbourhoods_neighbourhood_change", args=[neighbourhood.pk])
    assert told.params == {"field": "motivation for the override", "object": str(neighbourhood), "limit": limit}


def test_the_flag_command_tells_the_asking_organisation_about_its_support_requests_text(other_org, other_admin):
    from support import services as support_services
    from support.models import SupportRequest

    member = factories.member(other_org, email="member@elders.example")
    request = support_services.support_request_create(
        by=other_admin, organisation=other_org, kind="funding", needs="A subsidy file"
    )
    with limit_suspended(SupportRequest, "needs"):
        SupportRequest.objects.filter(pk=request.pk).update(needs="n" * (TEXT + 1))
    User.objects.update(preferred_language="en")

    call_command("flag_long_texts", stdout=open("/dev/null", "w"))  # noqa: SIM115

    told = Notification.objects.filter(kind="texts.too_long").order_by("recipient__email")
    edit = reverse("support:request_edit", args=[request.pk])
    assert [(n.recipient, n.params["field"], n.url) for n in told] == [
        (other_admin, "what you need", edit),
        (member, "what you need", edit),
    ]
