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

# The live server sees committed data only: transactional tests (the reference data is reloaded by ``visit``).
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
    volunteer.press_enter_on("main button[type=submit]")  # sent empty: the errors are shown, accessibly
    volunteer.check("register-errors")
    assert volunteer.page.locator("main .field-error").count() >= 4
    assert not Organisation.objects.exclude(pk=city_admin.memberships.get().organisation_id).exists()
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
    assert volunteer.path == "/account/bevestigen/"  # first the e-mail address is confirmed
    volunteer.check("registered")
    organisation = Organisation.objects.get(name="Buurtkracht Brugse Poort")
    assert not organisation.is_approved
    (confirmation,) = [m for m in mail.outbox if m.to == ["fatima@buurtkracht.example"]]
    volunteer.goto(link_in_mail(confirmation))
    volunteer.login("fatima@buurtkracht.example", PASSWORD)

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


@pytest.mark.parametrize("language", ["nl", "en"])
def test_it_signs_the_charter_and_verifies_the_receipt(visit, partner_org, partner_admin, language):
    admin = visit(language)
    admin.login(partner_admin.email, PASSWORD)
    admin.goto("/charter/")
    admin.check("charter")
    admin.goto("/charter/ondertekenen/")
    admin.check("sign")
    admin.type_into("#id_signer_name", "Ada Admin")
    admin.type_into("#id_signer_role", "Voorzitter" if language == "nl" else "Chair")
    admin.tick("#id_authorised")
    admin.type_into("#id_password", PASSWORD)
    admin.press_enter_on("main form button[type=submit]")
    assert admin.path.startswith("/charter/ontvangstbewijs/")
    admin.check("receipt")
    code = admin.path.rstrip("/").rsplit("/", 1)[1]

    # The verification page is public: anyone with the code sees that the register holds.
    admin.press_enter_on(f"main a[href$='/charter/verifieren/{code}/']")
    admin.check("verification-as-admin")
    public = visit(language, "phone")
    public.goto(f"/charter/verifieren/{code}/")
    public.check("verification")
    assert public.page.locator("html").get_attribute("lang") == language
    assert public.page.locator("main .notice-ok").count() == 1  # "Valid": the chain holds up to this entry
    assert "Jeugdhuis De Brug" in public.page.locator("main").inner_text()


def test_it_closes_a_leisure_gap_when_a_partner_publishes_an_offer(visit, partner_org, partner_admin, city_staff):
    from neighbourhoods.models import Neighbourhood
    from organisations.models import Function

    area = Neighbourhood.objects.filter(computed_priority=False, priority_override__isnull=True).order_by("number")[0]
    area_path = f"/wijken/wijk/{area.slug}/"

    # City staff see the gap in the neighbourhood: no leisure offer at all.
    staff = visit("nl")
    staff.login(city_staff.email, PASSWORD)
    staff.goto("/wijken/")
    staff.check("coverage-review")
    assert staff.page.locator(f"main tr:has(a[href^='{area_path}?']) .gap-list").count() == 1
    staff.goto(area_path)
    staff.check("area-with-gap")
    assert staff.page.locator("main .badge-warn").count() >= 1

    # A partner registers a leisure offer in that neighbourhood and publishes it.
    partner = visit("nl")
    partner.login(partner_admin.email, PASSWORD)
    partner.goto("/aanbod/mijn-aanbod/")
    partner.check("my-offer")
    partner.goto("/aanbod/mijn-aanbod/nieuw/")
    partner.check("new-offer")
    partner.type_into("#id_title", "Woensdagnamiddag voetbal")
    partner.type_into("#id_description", "Samen voetballen op het pleintje, voor iedereen van 8 tot 14 jaar.")
    partner.tick(f"input[name=functions][value='{Function.objects.get(code='leisure').pk}']")
    partner.tick(f"input[name=neighbourhoods][value='{area.pk}']")
    partner.type_into("#id_age_min", "8")
    partner.type_into("#id_age_max", "14")
    partner.type_into("#id_weekly_hours", "3")
    partner.type_into("#id_schedule", "Elke woensdag van 14 tot 17 uur.")
    partner.press_enter_on("main form.offer-form button[type=submit]")
    assert re.match(r"/aanbod/[0-9a-f-]{36}/$", partner.path), partner.path
    partner.check("offer-draft")
    partner.press_enter_on("main form[action$='/publiceren/'] button")
    partner.check("offer-published")
    assert partner_org.offers.get().is_published

    # The gap is gone from the city's coverage review.
    staff.goto("/wijken/")
    assert staff.page.locator(f"main tr:has(a[href^='{area_path}?']) .gap-list").count() == 0
    staff.goto(area_path)
    staff.check("area-meets-charter")
    assert staff.page.locator("main .badge-ok").count() >= 1
    assert "Woensdagnamiddag voetbal" in staff.page.locator("main").inner_text()


def test_it_answers_a_partners_signal(visit, partner_org, partner_admin, city_org, city_staff):
    from signals.models import Signal

    # A partner reports what its youth workers see.
    partner = visit("nl")
    partner.login(partner_admin.email, PASSWORD)
    partner.goto("/signalen/nieuw/")
    partner.check("new-signal")
    partner.type_into("#id_title", "Te weinig plaatsen in de huiswerkklas")
    partner.type_into(
        "#id_description", "Steeds meer jongeren uit de wijk vinden geen plaats om na school rustig te studeren."
    )
    partner.tick("input[name=themes][value=education]")
    partner.tick("#id_city_wide")
    partner.choose_radio("children_affected", "6-20")
    partner.press_enter_on("main form button[type=submit]")
    signal = Signal.objects.get()
    assert partner.path == f"/signalen/{signal.pk}/"
    partner.check("signal-submitted")
    partner.goto("/signalen/mijn/")
    partner.check("my-signals")

    # City staff find it in the inbox, acknowledge it and make their service responsible, then answer it.
    staff = visit("nl")
    staff.login(city_staff.email, PASSWORD)
    staff.goto("/signalen/inbox/")
    staff.check("inbox")
    staff.press_enter_on(f"main a[href='/signalen/{signal.pk}/']")
    staff.check("signal-to-acknowledge")
    staff.select_option("#id_responsible_body", city_org.name)
    staff.type_into("#id_note", "Wij bekijken dit met de scholen in de buurt.")
    staff.press_enter_on("main form[action$='/acknowledge/'] button[type=submit]")
    staff.check("signal-acknowledged")
    staff.press_enter_on("main form[action$='/start/'] button[type=submit]")
    staff.check("signal-in-progress")
    staff.choose_radio("outcome", "action_planned")
    staff.type_into("#id_answer", "Vanaf januari opent de bibliotheek twee extra studieruimtes op woensdag.")
    staff.press_enter_on("main form[action$='/answer/'] button[type=submit]")
    staff.check("signal-answered")
    signal.refresh_from_db()
    assert signal.status == "answered" and signal.responsible_body == city_org

    # The reporter sees the answer.
    partner.goto(f"/signalen/{signal.pk}/")
    partner.check("signal-answer-seen")
    assert "twee extra studieruimtes" in partner.page.locator("main").inner_text()


def test_it_agrees_a_covenant_on_both_sides_and_takes_a_report(visit, city_org, city_staff, partner_org, partner_admin):
    from covenants import services
    from covenants.models import Report, Side
    from tests.covenants.conftest import fill_draft, make_covenant

    covenant = make_covenant(city_org, partner_org, by=city_staff)
    terms = fill_draft(covenant.versions.get(number=1))
    services.version_submit(terms=terms, by=city_staff, side=Side.CITY)
    version_path = f"/convenanten/{covenant.pk}/versies/1/"
    approve = f"main form[action='{version_path}goedkeuren/'] button"

    # City staff of the service approve the version for the city side.
    staff = visit("nl")
    staff.login(city_staff.email, PASSWORD)
    staff.goto("/convenanten/")
    staff.check("covenants-city")
    staff.press_enter_on(f"main a[href='/convenanten/{covenant.pk}/']")
    staff.check("covenant-city")
    staff.goto(version_path)
    staff.check("version-to-approve-city")
    staff.press_enter_on(approve)
    staff.check("version-approved-city")

    # The partner admin approves it too: the version is agreed.
    partner = visit("nl")
    partner.login(partner_admin.email, PASSWORD)
    partner.goto("/convenanten/")
    partner.check("covenants-partner")
    partner.goto(version_path)
    partner.check("version-to-approve-partner")
    partner.press_enter_on(approve)
    partner.check("version-agreed")
    terms.refresh_from_db()
    assert terms.state == "agreed"

    # The partner files the report of the first year.
    period = covenant.periods.order_by("starts_on").first()
    partner.goto(f"/convenanten/{covenant.pk}/")
    partner.check("covenant-partner")
    partner.press_enter_on(f"main a[href='/convenanten/{covenant.pk}/rapporten/{period.pk}/']")
    partner.check("report-to-start")
    partner.press_enter_on("main button[name=start]")
    partner.check("report-started")
    quantitative = terms.indicators.get(kind="quantitative")
    qualitative = terms.indicators.get(kind="qualitative")
    partner.type_into(f"#id_v{quantitative.pk}-actual", "118")
    partner.type_into(f"#id_v{quantitative.pk}-narrative", "Meer kinderen dan vorig jaar, vooral op woensdag.")
    partner.type_into(f"#id_v{qualitative.pk}-narrative", "Jongeren noemen het jeugdhuis hun tweede thuis.")
    partner.press_enter_on("main button[name=submit]")
    partner.check("report-submitted")
    report = Report.objects.get(period=period)
    assert report.state == "submitted"
    assert report.values.get(indicator=quantitative).actual == 118
