"""The portal's main journeys in a real browser, completed with the keyboard alone.

Every page a person visits is checked with ``Visit.check``: axe-core (WCAG 2.0/2.1 A and AA) at desktop size
and at 320 px, no console errors, no horizontal scrolling, and usable at 200 % text size. Forms are filled in
with Tab, typing, Space and Enter only (see the keyboard helpers in conftest.py). Data that a journey does not
need to create through the pages is set up with the factories and services.
"""

import re

import pytest
from django.core import mail

from organisations.models import Membership, Organisation
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def link_in_mail(message) -> str:
    match = re.search(r"https?://[^/\s]+(/\S+)", message.body)
    assert match, f"no link in the e-mail {message.subject!r}"
    return match.group(1)


def test_it_registers_approves_and_grows_a_new_organisation(visit, city_admin):
    # A volunteer registers a new self-organisation with the public form.
    volunteer = visit("nl")
    volunteer.goto("/organisaties/registreren/")
    volunteer.check("register")
    volunteer.type_into("#id_name", "Buurtkracht Brugse Poort")
    volunteer.select_option("#id_kind", "zelforganisatie")
    volunteer.tick("input[name=sectors] >> nth=0")
    volunteer.type_into("#id_description", "Huiswerkbegeleiding en spelnamiddagen voor kinderen uit de buurt.")
    volunteer.type_into("#id_email", "info@buurtkracht.example")
    volunteer.type_into("#id_admin_name", "Fatima Voorzitter")
    volunteer.type_into("#id_admin_email", "fatima@buurtkracht.example")
    volunteer.type_into("#id_password1", PASSWORD)
    volunteer.type_into("#id_password2", PASSWORD)
    volunteer.press_enter_on("main button[type=submit]")
    assert volunteer.path == "/organisaties/mijn/"
    volunteer.check("registered")
    organisation = Organisation.objects.get(name="Buurtkracht Brugse Poort")
    assert not organisation.is_approved

    # A city admin approves it.
    admin = visit("nl")
    admin.login(city_admin.email, PASSWORD)
    admin.goto("/organisaties/goedkeuringen/")
    admin.check("approvals")
    admin.press_enter_on(f"form[action$='/{organisation.slug}/goedkeuren/'] button")
    admin.check("approved")
    organisation.refresh_from_db()
    assert organisation.is_approved

    # The new admin invites a member.
    mail.outbox.clear()
    volunteer.goto(f"/organisaties/{organisation.slug}/leden/")
    volunteer.check("members")
    volunteer.type_into("#id_email", "sam@buurtkracht.example")
    volunteer.press_enter_on("form[action$='/leden/uitnodigen/'] button[type=submit]")
    volunteer.check("invited")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["sam@buurtkracht.example"]

    # The member opens the link, sets a password and is in.
    member = visit("nl")
    member.goto(link_in_mail(mail.outbox[0]))
    member.check("invitation")
    member.type_into("#id_full_name", "Sam Vrijwilliger")
    member.type_into("#id_password1", PASSWORD)
    member.type_into("#id_password2", PASSWORD)
    member.press_enter_on("main form button[type=submit]")
    assert member.path == "/organisaties/mijn/"
    member.check("joined")
    assert member.page.get_by_text("Buurtkracht Brugse Poort").first.is_visible()
    assert Membership.objects.filter(
        organisation=organisation, user__email="sam@buurtkracht.example", role=Membership.Role.MEMBER
    ).exists()
