"""The one place that lists the pages the load test and the benchmark visit, and who visits them.

``make loadtest`` mixes every available page as a journey (weighted); ``make bench`` measures every
available page marked ``bench=True``, one at a time, against the bare Django page of ``tests/load/floor/``
(measured between the pages) and the portal's own smallest page ``/functies/``; pages marked ``cold=True``
are also measured cold, on a second server that keeps nothing (``CACHE_KEEP_BYPASS``).

A page whose URL does not resolve in this build (the app or the view is not there yet) is skipped and
listed as such in the output: add the domain pages here as soon as they exist and they are picked up.
An entry's ``path`` is either a URL path ("/aanbod/") or a callable that receives nothing, runs inside
Django and returns a path, or None when the data it needs is missing (e.g. the first covenant's page).

This module is imported by Django management commands; it must stay importable without side effects.
"""

from collections.abc import Callable
from dataclasses import dataclass

# Who visits. "visitor" is anonymous; the others log in through /account/login/ with the demo password.
# Each persona rotates over its e-mail addresses so several sessions of different people are in play.
DEMO_PASSWORD = "charter-demo-2026"  # noqa: S105 - the documented password of the demo users
PERSONAS: dict[str, tuple[str, ...]] = {
    "visitor": (),
    "partner": (
        "brug.admin@demo.example",
        "brug.lid@demo.example",
        "rabot.admin@demo.example",
        "samensterk.admin@demo.example",
    ),
    "city_staff": ("stad.medewerker@demo.example", "welzijn.medewerker@demo.example"),
    "city_admin": ("stad.admin@demo.example",),
}

# How the load test's simulated people divide over the personas (relative shares).
PERSONA_SHARE: dict[str, int] = {"visitor": 2, "partner": 2, "city_staff": 1}

FLOOR = "functions (floor)"
LOGGED_IN_FLOOR = "functions (partner)"
# The largest page an API client may ask for in the benchmark (DRF's ``page_size``, HSDS's ``per_page``).
LARGE_PAGE = 500


@dataclass(frozen=True)
class Page:
    name: str
    path: str | Callable[[], str | None]
    persona: str = "visitor"
    weight: int = 1  # relative share of this journey in the load test mix (0: not in the mix)
    bench: bool = True  # measured by ``make bench``
    auth: str = "session"  # "session": logged in through the login form; "token": an API token of the persona
    cold: bool = False  # also measured with nothing kept (a list: what the first caller after a change waits)


def _first_covenant_path() -> str | None:
    """The page of one covenant, when the covenants app has covenants (after merging the covenant branch)."""
    from django.apps import apps
    from django.urls import NoReverseMatch, reverse

    try:
        covenant_model = apps.get_model("covenants", "Covenant")
    except LookupError:
        return None
    covenant = covenant_model._default_manager.order_by("pk").first()
    if covenant is None:
        return None
    try:
        return covenant.get_absolute_url()
    except AttributeError:
        try:
            return reverse("covenants:detail", kwargs={"pk": covenant.pk})
        except NoReverseMatch:
            return None


PAGES: list[Page] = [
    # The floor: the minimal page of this stack (one small table, one template).
    Page(FLOOR, "/functies/", "visitor", weight=1),
    # The same page for a logged-in person: what every logged-in page pays for the session (read, user,
    # memberships, and the session write of SESSION_SAVE_EVERY_REQUEST). Not part of the load mix.
    Page(LOGGED_IN_FLOOR, "/functies/", "partner", weight=0),
    Page("home (visitor)", "/", "visitor", weight=3),
    Page("home (partner)", "/", "partner", weight=2),
    Page("home (city staff)", "/", "city_staff", weight=2),
    Page("accessibility", "/toegankelijkheid/", "visitor", weight=1),
    Page("login form", "/account/login/", "visitor", weight=1),
    Page("health check", "/healthz", "visitor", weight=1, bench=False),
    # Domain pages (paths checked against the URL configuration by tests/bench/test_plan.py).
    Page("charter", "/charter/", "visitor", weight=3),
    Page("signatories", "/charter/ondertekenaars/", "visitor", weight=2, cold=True),
    Page("offer directory", "/aanbod/", "visitor", weight=4, cold=True),
    Page("offer directory (partner)", "/aanbod/", "partner", weight=2, bench=False),
    Page("coverage review", "/wijken/", "city_staff", weight=3, cold=True),
    Page("coverage API", "/api/v1/coverage/", "city_staff", weight=1, bench=False),
    Page("signal list", "/signalen/", "city_staff", weight=2, cold=True),
    Page("signal list (partner)", "/signalen/", "partner", weight=1, bench=False),
    Page("covenant list", "/convenanten/", "partner", weight=1, bench=False),
    Page("covenant page", _first_covenant_path, "city_staff", weight=1),
    # The API's lists, as the clients that use them: a partner's application (its offers, collaborations and
    # the signals it follows), open-data readers without a token (organisations, HSDS services), the city's
    # dashboards (covenants, coverage). At the default page size and at the largest page a client may ask.
    *(
        Page(
            f"API {name}{suffix}",
            f"{path}{query}",
            persona,
            weight=0,
            auth="token" if persona != "visitor" else "session",
            cold=True,
        )
        for name, path, persona, size_parameter in (
            ("offers", "/api/v1/offers/", "partner", "page_size"),
            ("collaborations", "/api/v1/collaborations/", "partner", "page_size"),
            ("organisations", "/api/v1/organisations/", "visitor", "page_size"),
            ("signals", "/api/v1/signals/", "partner", "page_size"),
            ("covenants", "/api/v1/covenants/", "city_staff", "page_size"),
            ("HSDS services", "/api/v1/hsds/services/", "visitor", "per_page"),
            ("coverage", "/api/v1/coverage/", "city_staff", "page_size"),
        )
        for suffix, query in (("", ""), (f" x{LARGE_PAGE}", f"?{size_parameter}={LARGE_PAGE}"))
    ),
]
