"""The to-do list is kept per person, language and day, and changes as soon as something it shows changes."""

import pytest
from django.db import connection
from django.test import Client, TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from charter_portal import caching
from charter_portal.permissions import actor_for
from notifications.todo import todo_for
from offers import services as offer_services
from offers.models import Collaboration
from organisations import services as organisation_services
from organisations.models import Membership
from tests import factories

pytestmark = pytest.mark.django_db

ANSWER = "collaborations.answer_invitation"


def committed(write):
    """Run ``write`` and its after-commit work (the domain bumps), as a committed request would."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return write()


def invite(coordinator, by, *organisations):
    return committed(
        lambda: offer_services.collaboration_create(
            collaboration=Collaboration(name=f"Netwerk {Collaboration.objects.count()}", coordinator=coordinator),
            members=list(organisations),
            links={},
            by=by,
        )
    )


def items(user, language="nl"):
    with translation.override(language):
        return todo_for(actor_for(type(user).objects.get(pk=user.pk)))


@pytest.fixture(autouse=True)
def _settled(partner_org, partner_admin, other_org, other_admin):
    """The fixtures' rows count as committed: their bumps are done (each write below runs in ``committed``)."""
    caching.forget_pending()


def tables_read(user) -> set:
    """The tables the providers read for the list (the person and their memberships, and the cache, left out)."""
    with CaptureQueriesContext(connection) as queries:
        items(user)
    read = set()
    for query in queries.captured_queries:
        sql = query["sql"]
        table = sql.split(" FROM ", 1)[1].split()[0].strip('"') if " FROM " in sql else sql
        read.add(table)
    return read - {"portal_cache", "accounts_user", "organisations_membership"}


def test_a_second_read_asks_no_provider(partner_org, partner_admin, other_org, other_admin):
    invite(other_org, other_admin, partner_org)
    first = tables_read(partner_admin)
    assert {"organisations_collaborationmember", "signals_signal", "covenants_covenant", "support_booking"} <= first
    assert tables_read(partner_admin) == set()
    assert [item.kind for item in items(partner_admin)].count(ANSWER) == 1


def test_nothing_kept_asks_every_time(partner_org, partner_admin, other_org, other_admin, nothing_kept):
    invite(other_org, other_admin, partner_org)
    assert tables_read(partner_admin) == tables_read(partner_admin)
    assert "organisations_collaborationmember" in tables_read(partner_admin)


def test_a_new_invitation_and_an_answer_show_at_once(partner_org, partner_admin, other_org, other_admin):
    assert ANSWER not in [item.kind for item in items(partner_admin)]
    collaboration = invite(other_org, other_admin, partner_org)
    assert [item.kind for item in items(partner_admin)].count(ANSWER) == 1
    member = collaboration.members.get(organisation=partner_org)
    committed(lambda: offer_services.collaboration_answer(member=member, accept=True, by=partner_admin))
    assert ANSWER not in [item.kind for item in items(partner_admin)]


def test_one_person_never_reads_another_persons_list(partner_org, partner_admin, other_org, other_admin):
    third = factories.organisation(name="Derde Organisatie")
    third_admin = factories.admin_of(third)
    caching.forget_pending()
    invite(third, third_admin, partner_org)
    assert [item.kind for item in items(partner_admin)].count(ANSWER) == 1
    assert ANSWER not in [item.kind for item in items(other_admin)]
    assert ANSWER not in [item.kind for item in items(third_admin)]


def test_each_language_reads_its_own_titles(partner_org, partner_admin, other_org, other_admin):
    invite(other_org, other_admin, partner_org)
    dutch = {item.kind: str(item.title) for item in items(partner_admin, "nl")}
    english = {item.kind: str(item.title) for item in items(partner_admin, "en")}
    assert dutch.keys() == english.keys()
    assert dutch[ANSWER] != english[ANSWER]
    assert dutch == {item.kind: str(item.title) for item in items(partner_admin, "nl")}


def test_leaving_the_organisation_empties_its_items(partner_org, partner_admin, other_org, other_admin):
    second_admin = factories.admin_of(partner_org)
    caching.forget_pending()
    invite(other_org, other_admin, partner_org)
    assert [item.kind for item in items(second_admin)].count(ANSWER) == 1
    membership = Membership.objects.get(user=second_admin, organisation=partner_org)
    committed(lambda: organisation_services.membership_remove(membership=membership, by=partner_admin))
    assert ANSWER not in [item.kind for item in items(second_admin)]


def test_an_invitation_ends_the_invite_your_colleagues_step_at_once(other_org, other_admin):
    invite_step = "organisations.invite_members"
    assert invite_step in [item.kind for item in items(other_admin)]
    committed(
        lambda: organisation_services.invitation_create(
            organisation=other_org, email="nieuwe.collega@example.org", role=Membership.Role.MEMBER, by=other_admin
        )
    )
    assert invite_step not in [item.kind for item in items(other_admin)]


# --- the home page's cards, kept (charter_portal.views.home, notifications.templatetags.notification_tags) -------


def home(client) -> tuple[str, set]:
    page = client.get("/")
    return page.content.decode(), {template.name for template in page.templates}


def test_the_home_page_keeps_the_to_do_card_per_person_and_the_role_cards_per_audience(
    partner_org, partner_admin, other_org, other_admin
):
    colleague = factories.admin_of(partner_org, email="tweede.admin@brug.example", full_name="Tweede Admin")
    caching.forget_pending()
    invite(other_org, other_admin, partner_org)
    first, second = Client(), Client()
    first.force_login(partner_admin)
    second.force_login(colleague)
    html, rendered = home(first)
    assert {"notifications/_todo_card.html", "_home_roles.html"} <= rendered
    html, rendered = home(second)
    assert "notifications/_todo_card.html" in rendered  # the card is the person's own: never another's
    assert "_home_roles.html" not in rendered  # the same audience (admins of one organisation): kept
    assert colleague.get_short_name() in html.split("<h2>", 1)[1].split("</h2>")[0]
    html, rendered = home(first)
    assert not {"notifications/_todo_card.html", "_home_roles.html"} & rendered
    greeting = html.split("<h2>", 1)[1].split("</h2>")[0]
    assert partner_admin.get_short_name() in greeting and colleague.get_short_name() not in greeting


def todo_card(client) -> str:
    html = home(client)[0]
    return html.split('aria-labelledby="todo-title"', 1)[1].split("</section>", 1)[0]


def test_the_home_page_shows_a_new_to_do_item_and_its_end_at_once(partner_org, partner_admin, other_org, other_admin):
    client = Client()
    client.force_login(partner_admin)
    before = todo_card(client)
    collaboration = invite(other_org, other_admin, partner_org)
    (item,) = [item for item in items(partner_admin) if item.kind == ANSWER]
    assert item.url not in before and item.url in todo_card(client)
    member = collaboration.members.get(organisation=partner_org)
    committed(lambda: offer_services.collaboration_answer(member=member, accept=True, by=partner_admin))
    assert item.url not in todo_card(client)


def test_a_visitor_home_page_is_kept_once_for_everyone(db):
    first, rendered = home(Client())
    assert "_home_visitor.html" in rendered
    second, rendered = home(Client())
    assert "_home_visitor.html" not in rendered
    assert first.split("<main", 1)[1] == second.split("<main", 1)[1]
