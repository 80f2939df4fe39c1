"""Every free-text field of every model carries the personal-data guard, or is listed with its reason.

The guard on the model field covers the forms (a ModelForm validates the model's fields) and the API (a
ModelSerializer copies the model field's validators); forms and serializers that declare a text field of their own
attach the guard themselves (tests/offers/test_personal_data.py covers the guard, the pages' and API's tests its
use)."""

import pytest
from django.apps import apps
from django.db import models

from charter_portal.personal_data import UNGUARDED_FIELDS, is_guarded

# Free text that must be guarded but whose app needs a migration to say so; the app's owners add
# ``validators=[validate_no_personal_data]`` with their next migration and remove the line here.
AWAITING_A_MIGRATION = {
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
}


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
    unguarded = [
        name
        for name, field in text_fields()
        if not is_guarded(field) and name not in UNGUARDED_FIELDS and name not in AWAITING_A_MIGRATION
    ]
    assert unguarded == [], (
        "Add validators=[validate_no_personal_data] to these fields, or list them with a reason in "
        "charter_portal.personal_data.UNGUARDED_FIELDS"
    )


def test_no_field_is_both_guarded_and_listed():
    guarded = {name for name, field in text_fields() if is_guarded(field)}
    assert guarded & {*UNGUARDED_FIELDS, *AWAITING_A_MIGRATION} == set(), "guarded now: remove it from the list"


@pytest.mark.parametrize(
    "name",
    [
        "accounts.User.full_name",
        "accounts.ApiToken.name",
        "charter.ChainEntry.signer_role",
        "covenants.Covenant.reference",
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
