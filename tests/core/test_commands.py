from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from accounts.models import ApiToken, User
from neighbourhoods.models import MovementCircle
from organisations.models import Membership, Organisation

pytestmark = pytest.mark.django_db


def test_issue_api_token_prints_a_new_token_each_time_and_rotates(partner_admin):
    out = StringIO()
    call_command("issue_api_token", "ADMIN@debrug.example", stdout=out)
    key = out.getvalue().strip()
    assert ApiToken.objects.for_key(key).user == partner_admin
    again = StringIO()
    call_command("issue_api_token", partner_admin.email, "--name", "second", stdout=again)
    assert again.getvalue() != out.getvalue()  # only a hash is kept: a token can be shown only once
    assert ApiToken.objects.active().filter(user=partner_admin).count() == 2
    rotated = StringIO()
    call_command("issue_api_token", partner_admin.email, "--rotate", "--name", "third", stdout=rotated)
    assert ApiToken.objects.for_key(key) is None
    assert list(ApiToken.objects.active().values_list("name", flat=True)) == ["third"]


def test_issue_api_token_refuses_an_unknown_address():
    with pytest.raises(CommandError, match="No user with the e-mail address 'nobody@example.org'"):
        call_command("issue_api_token", "nobody@example.org")
    assert not ApiToken.objects.exists()


def test_issue_api_token_exits_non_zero_for_an_unknown_address(capsys):
    from django.core.management import execute_from_command_line

    with pytest.raises(SystemExit) as exit_:
        execute_from_command_line(["manage.py", "issue_api_token", "nobody@example.org"])
    assert exit_.value.code == 1
    assert "No user with the e-mail address 'nobody@example.org'" in capsys.readouterr().err


def test_seed_demo_creates_the_demo_world_once():
    out = StringIO()
    call_command("seed_demo", stdout=out)
    call_command("seed_demo", stdout=StringIO())
    assert Organisation.objects.filter(is_demo=True).count() == 10
    assert list(Organisation.objects.filter(is_approved=False).values_list("slug", flat=True)) == [
        "nieuw-initiatief-demo"
    ]
    assert set(Organisation.objects.values_list("kind", flat=True)) == {
        "civil_society",
        "self_organisation",
        "city_service",
        "public_body",
    }
    admin = User.objects.get(email="stad.admin@demo.example")
    assert admin.check_password("charter-demo-2026")
    assert Membership.objects.get(user=admin).role == "admin"
    assert Membership.objects.get(user__email="brug.lid@demo.example").organisation.slug == "de-brug-demo"
    circle = MovementCircle.objects.get(name="Beweegcirkel Noord (demo)")
    assert sorted(circle.neighbourhoods.values_list("number", flat=True)) == [2, 10, 13]
    assert MovementCircle.objects.count() == 3
    assert User.objects.filter(email__endswith="@demo.example").count() == 8
    assert "stad.admin@demo.example" in out.getvalue()
    assert "charter-demo-2026" in out.getvalue()
    assert all(org.description and org.email.endswith(".example") for org in Organisation.objects.all())
