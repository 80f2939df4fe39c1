"""The login lockout as an attacker meets it: capitals in the e-mail address buy no extra guesses, one address trying
many accounts is stopped, and nobody can lock an account for everyone else."""

import itertools

import pytest

from tests import factories

pytestmark = pytest.mark.django_db

LOGIN = "/account/login/"
ATTACKER, OWNER = "10.0.0.66", "10.0.0.7"
SPELLINGS = [
    "member@debrug.example",
    "MEMBER@debrug.example",
    "Member@DeBrug.example",
    "mEmBeR@dEbRuG.eXaMpLe",
    "member@DEBRUG.EXAMPLE",
    "MEMBER@DEBRUG.EXAMPLE",
    "memBer@debrug.Example",
    " member@debrug.example ",
    "Member@debrug.example",
    "membeR@debruG.examplE",
]


def _attempt(client, email, password, address=ATTACKER):
    return client.post(LOGIN, {"username": email, "password": password}, REMOTE_ADDR=address)


def test_it_counts_every_capitalisation_of_an_address_as_one_account(client, partner_member, settings):
    assert len(set(SPELLINGS)) == 10
    answers = [_attempt(client, spelling, f"guess {guess}").status_code for spelling in SPELLINGS for guess in range(4)]
    # Five guesses in all, as for one spelling: the fifth failure already answers that the login is blocked.
    assert answers[: settings.AXES_FAILURE_LIMIT - 1] == [200] * (settings.AXES_FAILURE_LIMIT - 1)
    assert set(answers[settings.AXES_FAILURE_LIMIT - 1 :]) == {429}


def test_it_refuses_the_right_password_with_other_capitals_on_a_locked_account(client, partner_member, settings):
    for spelling in itertools.islice(itertools.cycle(SPELLINGS), settings.AXES_FAILURE_LIMIT):
        _attempt(client, spelling, "wrong password!")
    for spelling in SPELLINGS:
        response = _attempt(client, spelling, factories.PASSWORD)
        assert response.status_code == 429, spelling
        assert "_auth_user_id" not in client.session


def test_it_lets_the_owner_in_from_another_address(client, partner_member, settings):
    for spelling in itertools.islice(itertools.cycle(SPELLINGS), settings.AXES_FAILURE_LIMIT + 3):
        _attempt(client, spelling, "wrong password!")
    response = _attempt(client, "Member@DeBrug.example", factories.PASSWORD, address=OWNER)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(partner_member.pk)


def test_it_locks_an_address_that_tries_many_accounts(client, partner_member, settings):
    settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS = 12
    # Two guesses each for many accounts: no account reaches its own limit, the address reaches its cap.
    victims = [f"person{n}@example.org" for n in range(6)]
    answers = [_attempt(client, email, f"guess {guess}").status_code for email in victims for guess in range(2)]
    assert answers == [200] * 11 + [429]
    # From that address even a correct login is refused now, for any account ...
    assert _attempt(client, partner_member.email, factories.PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session
    # ... while the account itself is not locked for its owner elsewhere.
    assert _attempt(client, partner_member.email, factories.PASSWORD, address=OWNER).status_code == 302


def test_it_does_not_lock_an_address_below_its_cap(client, partner_member, settings):
    settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS = 12
    for email in [f"person{n}@example.org" for n in range(5)]:
        for guess in range(2):
            assert _attempt(client, email, f"guess {guess}").status_code == 200
    assert _attempt(client, partner_member.email, factories.PASSWORD).status_code == 302
