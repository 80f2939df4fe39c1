"""Every free-text field of every model carries the personal-data guard, or is listed with its reason.

The guard on the model field covers the forms (a ModelForm validates the model's fields) and the API (a
ModelSerializer copies the model field's validators); forms and serializers that declare a text field of their own
attach the guard themselves (tests/offers/test_personal_data.py covers the guard, the pages' and API's tests its
use)."""

import pytest
from django.apps import apps
from django.db import models

from charter_portal.personal_data import UNGUARDED_FIELDS, is_guarded


def text_fields():
    """(name, field) of every editable text field of the portal's own models that is not a choice."""
    for model in apps.get_models():
        if model.__module__.split(".")[0] in ("django", "axes", "django_tasks_db", "simple_history"):
            continue
        if model.__name__.startswith("Historical"):
            continue  # the history copies its model's fields
        for field in model._meta.get_fields():
            if isinstance(field, models.CharField | models.TextField) and field.editable and not field.choices:
                yield f"{model._meta.label}.{field.name}", field


def test_every_free_text_field_of_every_model_is_guarded_or_listed_with_its_reason():
    unguarded = [name for name, field in text_fields() if not is_guarded(field) and name not in UNGUARDED_FIELDS]
    assert unguarded == [], (
        "Add validators=[validate_no_personal_data] to these fields, or list them with a reason in "
        "charter_portal.personal_data.UNGUARDED_FIELDS"
    )


def test_no_field_is_both_guarded_and_listed():
    guarded = {name for name, field in text_fields() if is_guarded(field)}
    assert guarded & set(UNGUARDED_FIELDS) == set(), "guarded now: remove it from the list"


@pytest.mark.parametrize(
    "name",
    [
        "accounts.User.full_name",
        "accounts.ApiToken.name",
        "charter.ChainEntry.signer_role",
        "covenants.Covenant.reference",
        # the fields whose apps needed a migration first
        "offers.Offer.address",
        "offers.SharedSpace.address",
        "organisations.Organisation.name",
        "organisations.Organisation.description",
        "organisations.Organisation.rejection_reason",
        "neighbourhoods.Neighbourhood.priority_motivation",
        "neighbourhoods.MovementCircle.priority_motivation",
        "support.SpaceConditions.cost",
        "support.SpaceConditions.key_arrangement",
        "support.SpaceConditions.accessibility",
        "diversity.DiversityReport.narrative",
    ],
)
def test_the_fields_that_had_no_guard_have_it(name):
    assert is_guarded(dict(text_fields())[name])


@pytest.mark.parametrize(
    ("form_path", "field"),
    [
        ("accounts.forms.ApiTokenForm", "name"),
        ("accounts.forms.InvitationSignupForm", "full_name"),
        ("charter.forms.SignForm", "signer_role"),
    ],
)
def test_the_form_fields_of_their_own_carry_the_guard(form_path, field):
    from django.utils.module_loading import import_string

    assert is_guarded(import_string(form_path).base_fields[field])


def test_a_new_covenants_objectives_sent_to_the_api_are_guarded():
    from covenants.api import CovenantSerializer

    assert is_guarded(CovenantSerializer._declared_fields["objectives"])


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("address", "Bel (0475) 12 34 56 aan de voordeur"),
        ("address", "Sleutel bij jan\u00a0[at]\u00a0voorbeeld.be"),
    ],
)
def test_an_offers_address_with_personal_data_is_refused_by_the_api(partner_org, partner_member, field, value):
    from offers.models import Offer
    from tests import factories
    from tests.conftest import api_client_for, field_errors

    offer = factories.offer(
        partner_org,
        title="Huiswerkklas",
        address="Rabotstraat 12, 9000 Gent",
        neighbourhoods=[factories.neighbourhood(7)],
    )

    response = api_client_for(partner_member).patch(
        f"/api/v1/offers/{offer.pk}/", {field: value, "version": offer.version}, format="json"
    )

    assert response.status_code == 400, response.content
    assert field in field_errors(response)
    assert Offer.objects.get(pk=offer.pk).address == "Rabotstraat 12, 9000 Gent"


def test_an_ordinary_address_still_passes(partner_org, partner_member):
    from offers.models import Offer
    from tests import factories
    from tests.conftest import api_client_for

    offer = factories.offer(partner_org, title="Huiswerkklas", neighbourhoods=[factories.neighbourhood(7)])

    response = api_client_for(partner_member).patch(
        f"/api/v1/offers/{offer.pk}/",
        {"address": "Sint-Salvatorstraat 18A bus 2, 9000 Gent", "version": offer.version},
        format="json",
    )

    assert response.status_code == 200, response.content
    assert Offer.objects.get(pk=offer.pk).address == "Sint-Salvatorstraat 18A bus 2, 9000 Gent"


def test_an_organisations_description_with_personal_data_is_refused_on_its_page(partner_org, partner_admin, client):
    from organisations.forms import OrganisationEditForm
    from organisations.models import Organisation

    client.force_login(partner_admin)
    form = OrganisationEditForm(instance=partner_org)
    data = {name: form[name].value() for name in form.fields}
    data = {name: "" if value is None else value for name, value in data.items()}
    data["description"] = "Vragen? Mail naar an.peeters@example.org of bel 0475 12 34 56."

    response = client.post(f"/organisaties/{partner_org.slug}/bewerken/", data)

    assert response.status_code == 400
    assert "description" in response.context["form"].errors
    assert "0475" not in Organisation.objects.get(pk=partner_org.pk).description


def test_a_rejection_reason_with_personal_data_is_refused(city_admin, client):
    from organisations.models import Organisation
    from tests import factories

    waiting = factories.organisation(name="Wachtend huis", is_approved=False)
    client.force_login(city_admin)

    response = client.post(
        f"/organisaties/goedkeuringen/{waiting.slug}/weigeren/",
        {"reason": "Bel me op 09 266 55 00 voor uitleg", "version": waiting.version},
    )

    assert response.status_code == 200
    assert "reason" in response.context["form"].errors
    assert Organisation.objects.get(pk=waiting.pk).rejection_reason == ""
