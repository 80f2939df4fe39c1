"""One form of address: the portal says "je" to everyone. The password rules and refusals are the portal's own
(accounts/password_validation.py and the password forms), not Django's Dutch, which says "u"."""

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from tests.forms import pages
from tests.forms.pages import english_defaults_in, formal_address_in

pytestmark = pytest.mark.django_db

# Passwords a person might try, each refused by one rule (the persona is Mona Member, member@debrug.example).
TRIES = {
    "short": ("kort", "te kort"),
    "common": ("password1234", "komt te vaak voor"),
    "digits": ("849302718493", "alleen uit cijfers"),
    "similar": ("the e-mail address less its ending", "lijkt te veel op je"),
    "different": (("een lang wachtwoord 1", "een lang wachtwoord 2"), "twee wachtwoorden verschillen"),
}


def _password_pages(world, request):
    """Every page that sets a password: (persona, URL, the names of its two password fields, other fields, the link
    that opens it, the e-mail address the password is for)."""
    user = request.getfixturevalue("partner_member")
    uid = urlsafe_base64_encode(force_bytes(user.pk))

    def reset_link():  # made when used: a login changes the token
        user.refresh_from_db()
        token = default_token_generator.make_token(user)
        return reverse("accounts:password_reset_confirm", kwargs={"uidb64": uid, "token": token})

    return [
        (
            "partner_member",
            reverse("accounts:password_change"),
            ("new_password1", "new_password2"),
            {},
            None,
            user.email,
        ),
        (
            "visitor",
            reverse("accounts:password_reset_confirm", kwargs={"uidb64": uid, "token": "set-password"}),
            ("new_password1", "new_password2"),
            {},
            reset_link,
            user.email,
        ),
        (
            "visitor",
            reverse("organisations:invitation", args=[world.invitation_token]),
            ("password1", "password2"),
            {"full_name": "Mona Member"},
            None,
            world.invitation.email,
        ),
        (
            "visitor",
            reverse("organisations:register"),
            ("password1", "password2"),
            {"admin_name": "Mona Member", "admin_email": "mona@debrug.example"},
            None,
            "mona@debrug.example",
        ),
    ]


def _dutch(response) -> str:
    text = pages.visible_text(response.content.decode())
    assert formal_address_in(text) == [], response.request["PATH_INFO"]
    assert english_defaults_in(text) == [], response.request["PATH_INFO"]
    return text


@pytest.mark.parametrize("attempt", sorted(TRIES))
def test_the_password_pages_say_je_in_their_rules_and_refusals(attempt, world, request):
    password, refusal = TRIES[attempt]
    for persona, url, (field1, field2), other, link, email in _password_pages(world, request):
        if attempt == "similar":
            password = email.rsplit(".", 1)[0]
        first, second = password if isinstance(password, tuple) else (password, password)
        client = pages.client_for(persona, request, "nl")
        if link:
            client.get(link())  # the reset link sets its token aside in the session
        shown = _dutch(client.get(url))
        assert "Je wachtwoord moet minstens 12 tekens lang zijn." in shown, url
        assert "Je wachtwoord mag niet lijken op je naam of e-mailadres." in shown, url

        data = pages.form_data(client.get(url).content.decode(), url, url) | other | {field1: first, field2: second}
        if "old_password" in data:
            data["old_password"] = "not my password"
        refused = _dutch(client.post(url, data))
        assert refusal in refused, f"{url}: {refusal!r} not said"
        if "old_password" in data:
            assert "Dit is niet je huidige wachtwoord." in refused
