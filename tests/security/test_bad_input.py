"""Hostile and random input never causes a server error and is never rendered unescaped.

Every form of the portal gets random text (hypothesis) mixed with hostile payloads — scripts, SQL, template
syntax, very long text, control characters, NUL bytes, right-to-left overrides and mixed scripts — in every
text field at once. The answer must be a page or a form error (never 500), and the payload must come back
escaped. Bounded (derandomized, few examples) so the file runs in well under a minute."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from charter_portal.personal_data import find_personal_data, validate_no_personal_data
from offers.models import Offer
from tests import factories
from tests.security import matrix

SCRIPT = "<script>alert('x')</script>"
PAYLOADS = [
    SCRIPT,
    '"><img src=x onerror=alert(1)>',
    "'; DROP TABLE organisations_offer; --",
    "1 OR 1=1 /* */ UNION SELECT password FROM accounts_user",
    "{{ request.user.password }} {% debug %}",
    "javascript:alert(1)",
    "\u202egnp.exe \u200f\u200e שלום مرحبا Привет 你好 🧒🏽",
    "\x00\x01\x07\x1b[31m\x7f",
    "%s%n%x ../../etc/passwd \\x00",
    "A" * 20_000,
]
RAW_MARKERS = ["<script>alert(", "<img src=x onerror"]

hostile = st.one_of(
    st.sampled_from(PAYLOADS),
    st.tuples(st.text(max_size=80), st.sampled_from(PAYLOADS), st.text(max_size=40)).map("".join),
)
BOUNDED = settings(
    max_examples=6,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # no shrinking: a failure names the form and value
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)

# The portal's forms: (persona, URL name). Forms with a page are filled from their rendered text fields.
FORM_PAGES = [
    ("visitor", "organisations:register"),
    ("partner_admin", "organisations:edit"),
    ("partner_admin", "accounts:account"),
    ("partner_member", "offers:create"),
    ("partner_member", "offers:edit"),
    ("partner_member", "offers:space_create"),
    ("partner_member", "offers:space_edit"),
    ("partner_admin", "offers:collaboration_create"),
    ("partner_admin", "offers:collaboration_edit"),
    ("partner_member", "signals:create"),
    ("other_admin", "charter:sign"),
    ("partner_admin", "covenants:report"),
    ("city_staff", "covenants:create"),
    ("city_staff", "covenants:meeting_create"),
    ("city_admin", "neighbourhoods:indicator_create"),
    ("city_admin", "neighbourhoods:override"),
    ("city_admin", "neighbourhoods:circle_create"),
    ("city_admin", "signals:round_create"),
    ("city_admin", "charter:edit_draft"),
    ("city_admin", "charter:edit_article"),
]
# Forms that only take a POST: (persona, URL name, URL kwargs override, text fields).
POST_ONLY = [
    ("partner_member", "signals:note", None, ["text"]),
    ("other_admin", "signals:endorse", None, ["observation"]),
    ("city_staff", "signals:transition", {"name": "acknowledge"}, ["note", "responsible_body"]),
    ("city_staff", "signals:transition", {"name": "answer"}, ["answer", "outcome"]),
    ("partner_member", "signals:transition", {"name": "reopen"}, ["reason"]),
    ("partner_admin", "covenants:comment_add", None, ["body"]),
    ("city_admin", "organisations:reject", None, ["reason"]),
    ("partner_admin", "organisations:invite", None, ["email", "role"]),
    ("partner_admin", "charter:withdraw", None, ["reason", "password"]),
    ("partner_admin", "accounts:token_create", None, ["name"]),
    ("visitor", "accounts:confirmation_resend", None, ["email"]),
]
FIELD = re.compile(r'<(?:input|textarea)\b[^>]*\bname="([^"]+)"[^>]*>', re.S)
SKIPPED_INPUTS = ("csrfmiddlewaretoken", "version")


def _text_fields(html: str) -> list[str]:
    names = []
    for match in FIELD.finditer(html):
        tag, name = match.group(0), match.group(1)
        if name in SKIPPED_INPUTS or re.search(r'type="(checkbox|radio|hidden|file|number|date|submit)"', tag):
            continue
        names.append(name)
    return list(dict.fromkeys(names))


@pytest.fixture
def clients(request):
    made = {}

    def get(persona):
        if persona not in made:
            made[persona] = Client()
            if persona != "visitor":
                made[persona].force_login(request.getfixturevalue(persona))
        return made[persona]

    return get


def _check(response, where):
    assert response.status_code < 500, where
    body = response.content.decode(errors="replace")
    for marker in RAW_MARKERS:
        assert marker not in body, f"{where}: unescaped {marker!r}"


def test_it_survives_hostile_text_in_every_form(world, clients):
    kwargs = matrix.url_kwargs(world)
    forms = []
    for persona, name in FORM_PAGES:
        url = reverse(name, kwargs=kwargs.get(name))
        page = clients(persona).get(url)
        assert page.status_code == 200, (name, page.status_code)
        fields = _text_fields(page.content.decode())
        assert fields, f"{name}: no text fields found"
        version = re.search(r'name="version" value="(\d+)"', page.content.decode())
        forms.append((persona, name, url, fields, version.group(1) if version else None, True))
    for persona, name, override, fields in POST_ONLY:
        url = reverse(name, kwargs={**kwargs.get(name, {}), **(override or {})})
        # Whether these are allowed depends on the object's state (a refusal is a fine answer too).
        forms.append((persona, name, url, fields, None, False))

    @BOUNDED
    @given(value=hostile)
    def run(value):
        for persona, name, url, fields, version, must_reach in forms:
            data = dict.fromkeys(fields, value)
            if version:
                data["version"] = version
            response = clients(persona).post(url, data)
            _check(response, f"{name} as {persona}")
            if must_reach:
                assert response.status_code not in (403, 404, 405), f"{name} as {persona}: the form was not reached"

    run()


def test_it_survives_hostile_indicator_files(world, clients):
    url = reverse("neighbourhoods:indicator_import")
    client = clients("city_admin")

    @BOUNDED
    @given(
        content=st.one_of(
            st.binary(max_size=2000),
            st.lists(st.sampled_from(PAYLOADS + ["wijknr;year;child-poverty", "7;2025;12,5", "x;y;z"]), max_size=6).map(
                lambda rows: "\n".join(rows).encode("utf-8", "surrogatepass")
            ),
        ),
        name=st.sampled_from(["values.csv", "values.xlsx", "<script>.csv"]),
    )
    def run(content, name):
        response = client.post(url, {"file": SimpleUploadedFile(name, content)})
        _check(response, f"indicator import of {name}")

    run()


def test_it_survives_hostile_outline_files(world, clients):
    from neighbourhoods.models import Neighbourhood

    url = reverse("neighbourhoods:outlines")
    client = clients("city_admin")
    before = dict(Neighbourhood.objects.values_list("pk", "geometry"))
    feature = '{"type":"Feature","properties":{"wijknr":%s},"geometry":{"type":"%s","coordinates":%s}}'

    @BOUNDED
    @given(
        content=st.one_of(
            st.binary(max_size=2000),
            st.builds(
                lambda number, kind, coordinates: (
                    '{"type":"FeatureCollection","features":[' + feature % (number, kind, coordinates) + "]}"
                ).encode("utf-8", "surrogatepass"),
                st.sampled_from(["7", '"7"', "null", '"<script>"', "1e999", "[]", '{"a":1}'] + PAYLOADS[:3]),
                st.sampled_from(["Polygon", "MultiPolygon", "Point", "<b>", ""]),
                st.sampled_from(["[]", "[[]]", "[[[1,2]]]", '"x"', "[[[1e999,0],[0,0],[0,1],[1e999,0]]]", "null"]),
            ),
        ),
        name=st.sampled_from(["wijken.geojson", "wijken.json", "<script>.json"]),
        match_by=st.sampled_from(["", "wijknr", "<script>alert(1)</script>"]),
    )
    def run(content, name, match_by):
        response = client.post(url, {"file": SimpleUploadedFile(name, content), "match_by": match_by})
        _check(response, f"outline upload of {name}")

    run()
    assert dict(Neighbourhood.objects.values_list("pk", "geometry")) == before


def test_a_script_saved_in_a_title_is_shown_escaped(partner_org, member_client, client):
    offer = factories.offer(partner_org, title=SCRIPT)

    for c, url in [
        (client, reverse("offers:detail", args=[offer.uuid])),
        (client, reverse("offers:directory")),
        (member_client, reverse("offers:mine")),
    ]:
        body = c.get(url).content.decode()
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in body, url
        assert SCRIPT not in body, url
    assert Offer.objects.get(pk=offer.pk).title == SCRIPT  # stored as typed, escaped when shown


@settings(max_examples=200, deadline=None, derandomize=True)
@given(text=st.one_of(st.text(max_size=500), hostile))
def test_the_personal_data_guard_never_fails_on_any_text(text):
    findings = find_personal_data(text)
    assert isinstance(findings, list)
    try:
        validate_no_personal_data(text)
    except ValidationError as error:
        assert findings and error.messages


@settings(max_examples=60, deadline=None, derandomize=True)
@given(before=st.text(max_size=60), after=st.text(max_size=60))
def test_the_personal_data_guard_finds_an_email_address_in_any_surrounding_text(before, after):
    text = f"{before} jan.peeters@example.org {after}"
    with pytest.raises(ValidationError):
        validate_no_personal_data(text)


def test_it_keeps_nul_bytes_out_of_the_database(member_client, partner_org, db):
    data = {"title": "Club\x00", "description": "x", "functions": ["1"], "version": ""}
    response = member_client.post(reverse("offers:create"), data)
    assert response.status_code == 400
    assert "contains an invisible control character" in response.content.decode()
    assert not Offer.objects.filter(title__startswith="Club").exists()
