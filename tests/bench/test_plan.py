import pytest

from accounts.models import User
from devtools.load import plan as plan_module
from devtools.load.pages import DEMO_PASSWORD, FLOOR, PAGES, Page
from devtools.management.commands.seed_loadtest_personas import PEOPLE, ensure_personas
from organisations.models import Membership


def _by_name(plan):
    return {page["name"]: page for page in plan["pages"]}


@pytest.mark.django_db
def test_it_marks_the_floor_available_and_unknown_urls_skipped(monkeypatch):
    monkeypatch.setattr(plan_module, "PAGES", [Page(FLOOR, "/functies/"), Page("nowhere", "/no-such-page/")])
    pages = _by_name(plan_module.build_plan())
    assert pages[FLOOR]["available"] and pages[FLOOR]["floor"]
    assert not pages["nowhere"]["available"]
    assert pages["nowhere"]["reason"] == "no such URL in this build"


@pytest.mark.django_db
def test_it_skips_persona_pages_until_the_persona_users_exist(monkeypatch):
    monkeypatch.setattr(plan_module, "PAGES", [Page("home (partner)", "/", "partner")])
    assert "seed_loadtest_personas" in _by_name(plan_module.build_plan())["home (partner)"]["reason"]
    ensure_personas(lambda message: None)
    plan = plan_module.build_plan()
    assert _by_name(plan)["home (partner)"]["available"]
    assert "brug.admin@demo.example" in plan["personas"]["partner"]


@pytest.mark.django_db
def test_it_skips_a_page_whose_object_is_missing(monkeypatch):
    monkeypatch.setattr(plan_module, "PAGES", [Page("covenant page", lambda: None, "city_staff")])
    assert _by_name(plan_module.build_plan())["covenant page"]["reason"] == "no object to show in this database"


@pytest.mark.django_db
def test_it_configures_the_floor_page_once():
    assert [page.path for page in PAGES if page.name == FLOOR] == ["/functies/"]


@pytest.mark.django_db
def test_it_creates_the_personas_once_with_the_demo_password_and_memberships():
    assert ensure_personas(lambda message: None) == len(PEOPLE)
    assert ensure_personas(lambda message: None) == 0
    staff = User.objects.get(email="stad.medewerker@demo.example")
    assert staff.check_password(DEMO_PASSWORD)
    membership = Membership.objects.get(user=staff)
    assert (membership.organisation.slug, membership.role) == ("jeugddienst-demo", Membership.Role.MEMBER)
    assert membership.organisation.is_city_service and membership.organisation.can_act


def test_it_lists_only_pages_that_exist_in_the_portal():
    """Every fixed path of the page list resolves, so a renamed URL cannot silently drop out of the benchmark."""
    from django.urls import resolve

    for page in PAGES:
        if isinstance(page.path, str):
            resolve(page.path.split("?", 1)[0])  # raises Resolver404 for a path the portal does not have
    names = {page.name for page in PAGES}
    assert {"coverage review", "coverage API", "offer directory", "signal list", "covenant page"} <= names
    assert {"charter", "signatories", "home (visitor)"} <= names
