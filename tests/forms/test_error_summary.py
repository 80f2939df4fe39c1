"""Every form of the portal, sent empty or wrong as a person would, answers with the error summary (GOV.UK's
pattern, templates/forms/error_summary.html): one box at the top of the form, "There is a problem", each error a
link to its field, errors of the whole form without a link; and the field's own error above the field.

The cases are sent in Dutch, so the test also fails on a library's English on an error page. A guard finds the
forms on every page of the permission matrix, so a new form without a case here fails the suite."""

import re
from dataclasses import dataclass

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from tests import factories
from tests.forms import pages
from tests.forms.pages import english_defaults_in

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Case:
    persona: str
    url: str  # where the form sends to
    data: dict  # what the person typed or chose; every other field is sent empty, as a browser does
    fields: tuple[str, ...]  # the fields whose errors the summary must link to
    page: str = ""  # where the form is shown, when not at ``url``
    method: str = "post"
    link: str = ""  # a link the person follows first


def case(persona, name, data, fields, kwargs=None, page=None, method="post"):
    """A case for the form at URL ``name``; ``kwargs``, ``data`` and ``page`` (a URL) may take the world."""

    def make(world, request):
        values = kwargs(world) if kwargs else None
        shown = (page(world) if callable(page) else reverse(page)) if page else ""
        sent = data(world) if callable(data) else data
        return Case(persona, reverse(name, kwargs=values), sent, fields, shown, method)

    return make


def _version_edit(world, request):
    from tests.covenants.conftest import fill_draft, make_covenant

    covenant = make_covenant(request.getfixturevalue("city_org"), request.getfixturevalue("partner_org"))
    fill_draft(covenant.versions.get(number=1))
    url = reverse("covenants:version_edit", args=[covenant.pk, 1])
    return Case("city_staff", url, {"save": "", "budget_2026": "many"}, ("objectives", "budget_2026"))


def _report(world, request):
    field = f"v{world.period.report.values.get().indicator_id}-actual"
    url = reverse("covenants:report", args=[world.covenant.pk, world.period.pk])
    return Case("partner_admin", url, {"save": "", field: "a lot"}, (field,))


def _reset_confirm(world, request):
    user = request.getfixturevalue("partner_member")
    uid, token = urlsafe_base64_encode(force_bytes(user.pk)), default_token_generator.make_token(user)
    link = reverse("accounts:password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    # The link sets the token aside in the session and moves on to the form's own address.
    url = link.replace(token, "set-password")
    data = {"new_password1": "1234", "new_password2": "1234"}
    return Case("visitor", url, data, ("new_password2",), link=link)


def _reject(world, request):
    pending = factories.organisation(name="Nieuw Initiatief", is_approved=False)
    return Case("city_admin", reverse("organisations:reject", args=[pending.slug]), {}, ("reason",))


def _offer(world, request):
    return Case("partner_admin", reverse("offers:create"), {}, ("title", "functions", "neighbourhoods"))


org = lambda w: {"slug": w.partner_org.slug}  # noqa: E731
signal = lambda w: {"pk": w.signal.pk}  # noqa: E731
signal_page = lambda w: reverse("signals:detail", args=[w.signal.pk])  # noqa: E731
PHONE = "Bel ons op 0470 12 34 56"  # the personal-data guard refuses a phone number

CASES = {
    "accounts:login": case("visitor", "accounts:login", {}, ("username", "password")),
    "accounts:account": case(
        "partner_member", "accounts:account", {"preferred_language": "xx"}, ("preferred_language",)
    ),
    "accounts:token_create": case("partner_member", "accounts:token_create", {}, ("name",), page="accounts:account"),
    "accounts:password_change": case(
        "partner_member",
        "accounts:password_change",
        {"old_password": "wrong", "new_password1": "kort", "new_password2": "kort"},
        ("old_password", "new_password2"),
    ),
    "accounts:password_reset": case("visitor", "accounts:password_reset", {"email": "no address"}, ("email",)),
    "accounts:password_reset_confirm": _reset_confirm,
    "organisations:invitation": case(
        "visitor",
        "organisations:invitation",
        {"password1": "12345678", "password2": "12345678"},
        ("full_name", "password1"),
        kwargs=lambda w: {"token": w.invitation_token},
    ),
    "organisations:register": case(
        "visitor", "organisations:register", {}, ("name", "kind", "admin_name", "admin_email", "password1")
    ),
    "organisations:edit": case("partner_admin", "organisations:edit", {}, ("name",), kwargs=org),
    "organisations:invite": case(
        "partner_admin",
        "organisations:invite",
        {},
        ("email",),
        kwargs=org,
        page=lambda w: reverse("organisations:members", args=[w.partner_org.slug]),
    ),
    "organisations:change_role": case(
        "partner_admin",
        "organisations:change_role",
        {"role": "boss"},
        ("role",),
        kwargs=lambda w: {"slug": w.partner_org.slug, "pk": w.membership.pk},
    ),
    "organisations:reject": _reject,
    "offers:create": _offer,
    "offers:edit": case("partner_admin", "offers:edit", {}, ("title",), kwargs=lambda w: {"uuid": w.offer.uuid}),
    "offers:collaboration_create": case("partner_admin", "offers:collaboration_create", {}, ("name",)),
    "offers:collaboration_edit": case(
        "partner_admin", "offers:collaboration_edit", {}, ("name",), kwargs=lambda w: {"pk": w.collaboration.pk}
    ),
    "offers:space_create": case("partner_admin", "offers:space_create", {}, ("name", "neighbourhood")),
    "offers:space_edit": case("partner_admin", "offers:space_edit", {}, ("name",), kwargs=lambda w: {"pk": w.space.pk}),
    "neighbourhoods:indicator_create": case("city_admin", "neighbourhoods:indicator_create", {}, ("code", "name")),
    "neighbourhoods:indicator_edit": case(
        "city_admin", "neighbourhoods:indicator_edit", {}, ("name",), kwargs=lambda w: {"pk": w.indicator.pk}
    ),
    "neighbourhoods:indicator_import": case("city_admin", "neighbourhoods:indicator_import", {}, ("file",)),
    "neighbourhoods:outlines": case("city_admin", "neighbourhoods:outlines", {}, ("file",)),
    "neighbourhoods:override": case(
        "city_admin",
        "neighbourhoods:override",
        {},
        ("choice",),
        kwargs=lambda w: {"kind": "wijk", "slug": w.neighbourhood.slug},
    ),
    "neighbourhoods:priority": case("city_admin", "neighbourhoods:priority", {"year": "soon"}, ("year",)),
    "neighbourhoods:circle_create": case(
        "city_admin", "neighbourhoods:circle_create", {}, ("name", "neighbourhoods", "choice")
    ),
    "neighbourhoods:circle_edit": case(
        "city_admin", "neighbourhoods:circle_edit", {}, ("name",), kwargs=lambda w: {"slug": w.circle.slug}
    ),
    "neighbourhoods:thresholds": case(
        "city_admin",
        "neighbourhoods:thresholds",
        {"warm_place_min_hours": "-1"},
        ("warm_place_min_hours", "base_offer_min_weeks"),
    ),
    "charter:sign": case("other_admin", "charter:sign", {}, ("signer_name",)),
    "charter:withdraw": case(
        "partner_admin", "charter:withdraw", {}, ("reason",), kwargs=lambda w: {"code": w.signature.receipt_code}
    ),
    "charter:versions": case("city_admin", "charter:versions", {}, ("label",)),
    "charter:edit_draft": case(
        "city_admin", "charter:edit_draft", {}, ("introduction_nl",), kwargs=lambda w: {"pk": w.charter_draft.pk}
    ),
    "charter:edit_article": case(
        "city_admin",
        "charter:edit_article",
        {},
        ("body_nl",),
        kwargs=lambda w: {"pk": w.charter_draft.pk, "section": "principle", "number": 1},
    ),
    "charter:verify": case("visitor", "charter:verify", {"code": "not a code"}, ("code",), method="get"),
    "signals:create": case("partner_member", "signals:create", {}, ("title",)),
    "signals:transition": case(
        "city_staff",
        "signals:transition",
        {},
        ("responsible_body",),
        kwargs=lambda w: {"pk": w.signal.pk, "name": "acknowledge"},
        page=signal_page,
    ),
    "signals:note": case("city_staff", "signals:note", {}, ("text",), kwargs=signal, page=signal_page),
    "signals:endorse": case(
        "other_admin", "signals:endorse", {"observation": PHONE}, ("observation",), kwargs=signal, page=signal_page
    ),
    "signals:comment": case("partner_member", "signals:comment", {}, ("text",), kwargs=signal, page=signal_page),
    "signals:merge": case("city_staff", "signals:merge", {}, ("into",), kwargs=signal, page=signal_page),
    "signals:routing": case("city_admin", "signals:routing", {"welfare": "999999"}, ("welfare",)),
    "signals:indicator_settings": case(
        "city_admin",
        "signals:indicator_settings",
        {"indicator_endorsement_weight": "99"},
        ("indicator_endorsement_weight",),
    ),
    "signals:round_create": case("city_admin", "signals:round_create", {}, ("title",)),
    "signals:round_vote": case(
        "partner_admin",
        "signals:round_vote",
        lambda w: {f"signal_{w.signal.pk}": "99"},
        ("signal_",),
        kwargs=lambda w: {"pk": w.round.pk},
        page=lambda w: reverse("signals:round", args=[w.round.pk]),
    ),
    "participation:moment_create": case(
        "partner_member", "participation:moment_create", {"title": ""}, ("title", "method", "confirmed_not_identifying")
    ),
    "participation:moment_edit": case(
        "partner_member",
        "participation:moment_edit",
        {"concern_1": PHONE},
        ("concern_1",),
        kwargs=lambda w: {"pk": w.moment.pk},
    ),
    "participation:cite": case(
        "partner_member",
        "participation:cite",
        {"moments": "999999"},
        ("moments",),
        kwargs=lambda w: {"signal_pk": w.signal.pk},
    ),
    "participation:feedback": case(
        "visitor", "participation:feedback", {}, ("rating",), kwargs=lambda w: {"uuid": w.offer.uuid}
    ),
    "diversity:report": case(
        "partner_admin",
        "diversity:report",
        {},
        ("reference_date", "paid_staff", "volunteers", "leadership"),
        kwargs=lambda w: {"slug": w.partner_org.slug, "year": 2025},
    ),
    "notifications:preferences": case(
        "partner_member",
        "notifications:preferences",
        {},
        ("action_needed", "signals", "covenants", "collaborations", "charter", "organisation"),
    ),
    "support:request_create": case("partner_admin", "support:request_create", {}, ("organisation", "kind", "needs")),
    "support:request_edit": case(
        "partner_admin",
        "support:request_edit",
        {"needs": ""},
        ("needs",),
        kwargs=lambda w: {"pk": w.support.request.pk},
    ),
    "support:offer_create": case(
        "partner_admin", "support:offer_create", {}, ("organisation", "kind", "description", "for_whom", "how_to_ask")
    ),
    "support:mentorships": case(
        "partner_admin", "support:mentorships", {}, ("mentee", "mentor", "starts_on", "ends_on")
    ),
    "support:space": case(
        "partner_member",
        "support:space",
        {},
        ("organisation", "day", "starts_at", "ends_at", "purpose"),
        kwargs=lambda w: {"pk": w.space.pk},
    ),
    "support:space_manage": case(
        "partner_admin",
        "support:space_manage",
        {"part": "slot", "slot-weekday": "", "slot-starts_at": "", "slot-ends_at": ""},
        ("slot-weekday", "slot-starts_at", "slot-ends_at"),
        kwargs=lambda w: {"pk": w.space.pk},
    ),
    "support:collaboration_roles": case(
        "partner_admin",
        "support:collaboration_roles",
        {},
        ("organisation", "role"),
        kwargs=lambda w: {"pk": w.collaboration.pk},
    ),
    "covenants:create": case("city_staff", "covenants:create", {}, ("reference", "city_service")),
    "covenants:documents": case(
        "partner_admin",
        "covenants:documents",
        {"title": ""},
        ("file", "title", "no_child_data"),
        kwargs=lambda w: {"pk": w.covenant.pk},
    ),
    "covenants:propose": case("partner_admin", "covenants:propose", {"ends_on": "soon"}, ("title", "ends_on")),
    "covenants:version_edit": _version_edit,
    "covenants:report": _report,
    "covenants:meeting_create": case(
        "city_staff",
        "covenants:meeting_create",
        {"act-0-description": "Call back"},
        ("held_on", "act-0-owner_side"),
        kwargs=lambda w: {"pk": w.covenant.pk},
    ),
}

# Forms whose refusal is a message on the page they lead back to, not a form with errors: with the reason.
ANSWERED_WITH_A_MESSAGE = {
    # The same answer whatever the address, so that the form tells nothing about who has an account.
    "accounts:confirmation_resend": "answers alike for every address",
    # One field in a card of a long page kept in the shared cache; the message says what to fix.
    "covenants:comment_add": "a one-field form on the covenant page; refused with a message",
    "covenants:period_add": "a two-date form on the covenant page; refused with a message",
    "covenants:report_review": "a choice and a comment on the report page; refused with a message",
    "covenants:decide_opening": "accept or decline (with a reason) on the covenant page; refused with a message",
    "covenants:city_report_review": "a choice and a comment on the city's report page; refused with a message",
    "neighbourhoods:snapshot": "a one-field form on the coverage review; refused with a message",
    "participation:moment_archive": "a button on the moment page; a stale version is refused with a message",
    "participation:round_ranking": "a button; once voting opened it is refused with a message",
    "signals:set_public": "a button on the signal page; a stale version is refused with a message",
    "support:request_step": "a button (with a reason or an answer) on the request page; refused with a message",
    "support:booking_step": "a button in the week calendar; a taken slot or a stale version is refused with a message",
    "support:mentorship_answer": "accept or decline on the mentorships page; refused with a message",
}
# Forms that do not ask anything a person can get wrong (a language switch, a filter, a log-out).
NOTHING_TO_GET_WRONG = {
    "set_language",
    "accounts:logout",
    "notifications:mark_read",
    "notifications:mark_all_read",
    # One tick box (run by volunteers or not): both answers are valid.
    "support:volunteer_run",
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_it_sums_up_the_errors_of_every_form_with_links_to_their_fields(name, world, request):
    case = CASES[name](world, request)
    client = pages.client_for(case.persona, request, "nl")
    if case.link:
        client.get(case.link)
    if case.method == "get":
        response = client.get(case.url, case.data)
    else:
        page = case.page or case.url
        data = pages.form_data(client.get(page).content.decode(), page, case.url) | case.data
        response = client.post(case.url, data)

    assert response.status_code in (200, 400), f"{name}: {response.status_code} {response.get('Location')}"
    html = response.content.decode()
    summaries = pages.error_summaries(html)
    assert len(summaries) == 1, f"{name}: {len(summaries)} error summaries"
    summary = summaries[0]
    assert "Er is een probleem" in html[summary.start : summary.start + 400]
    # At the top of its form: after the form opens, before any of its fields.
    form_start = html.rfind("<form", 0, summary.start)
    assert form_start != -1 and "</form>" not in html[form_start : summary.start], f"{name}: summary outside a form"
    assert not re.search(r'class="field|<label|<fieldset', html[form_start : summary.start]), f"{name}: not on top"

    assert len(set(summary.items)) == len(summary.items), f"{name}: an error said twice: {summary.items}"
    assert not [text for _, text in summary.items if re.search(r"(Constraint|Beperking) “", text)], (
        f"{name}: a database constraint's name in an error"
    )
    hrefs = [href for href, _ in summary.items if href]
    for field in case.fields:
        assert any(href.startswith(f"#id_{field}") for href in hrefs), f"{name}: no link to {field}: {summary.items}"
    ids = pages.element_ids(html)
    assert all(href[1:] in ids for href in hrefs), f"{name}: a link leads nowhere: {hrefs}"
    # Every control marked invalid is reached from the summary (a group of boxes through its first box).
    group = lambda i: re.sub(r"_\d+$", "", i)  # noqa: E731
    linked = {group(href[1:]) for href in hrefs}
    assert {group(i) for i in pages.invalid_ids(html)} <= linked, f"{name}: an invalid field is not in the summary"
    # Each field's own error sits above its control, after the label.
    for href in hrefs:
        control = re.search(rf'<(?:input|select|textarea)\b[^>]*\bid="{re.escape(href[1:])}"', html)
        error_list = html.rfind('class="errorlist', 0, control.start())
        assert error_list > summary.start, f"{name}: no error above {href}"
    text = pages.visible_text(html)
    assert english_defaults_in(text) == [], f"{name}: English on the Dutch page"


def test_it_lists_errors_of_the_whole_form_without_a_link(client):
    """A wrong login is no one field's fault: the summary says it, without a link."""
    response = client.post(reverse("accounts:login"), {"username": "nobody@example.org", "password": "wrong"})

    (summary,) = pages.error_summaries(response.content.decode())
    assert [href for href, _ in summary.items] == [""]
    assert "correct" in summary.items[0][1]


def test_it_takes_the_focus_from_a_field_that_asks_for_it(client):
    """The login field has autofocus on an empty form; with errors the summary gets the focus instead."""
    assert b"autofocus" in client.get(reverse("accounts:login")).content
    assert b"autofocus" not in client.post(reverse("accounts:login"), {}).content


def test_a_form_without_errors_has_no_summary(client):
    assert b"data-error-summary" not in client.get(reverse("organisations:register")).content


def test_every_form_of_every_page_has_a_case(world, request):
    """The forms on the pages of the permission matrix, for every persona: each has a case above, or a reason."""
    found = {}
    for persona, _key, url, response in pages.matrix_pages(world, request, "en"):
        for form in pages.post_forms(response.content.decode(), url):
            found.setdefault(pages.url_name(form.action), f"{url} as {persona}: {form.fields}")
    known = set(CASES) | set(ANSWERED_WITH_A_MESSAGE) | NOTHING_TO_GET_WRONG
    assert {name: where for name, where in found.items() if name not in known} == {}
    # The world of the matrix has no reset link, no organisation awaiting approval and no draft terms; verifying
    # a receipt is a search (GET).
    not_in_the_world = {"accounts:password_reset_confirm", "organisations:reject", "covenants:version_edit"}
    assert set(CASES) - not_in_the_world - {"charter:verify"} <= set(found), "a case for a form no page shows"
