"""Load test of the portal (issue 9, item 6): partners, city staff and visitors on their main journeys.

Run through ``make loadtest`` (see docs/performance.md), which starts the portal, writes the plan of
available pages (``manage.py bench_plan``, from ``devtools/load/pages.py``) and runs, on loopback only::

    locust -f tests/load/locustfile.py --headless -u 50 -r 10 -t 60s --host http://127.0.0.1:PORT

Every simulated person logs in through the real login form (partners and city staff; before locust
starts, see ``tests/load/prelogin.py``) and then browses
the pages of their persona, weighted, with a think time between pages (``LOADTEST_WAIT``, "min,max"
in seconds; "0,0" turns it into a saturation test). Beside them, API clients with a partner's token page
through the offers and the signals (``ApiClient``; tokens from ``bench_plan --tokens``). Does not load Django.
"""

import itertools
import json
import os
import random
import re
from pathlib import Path
from urllib.parse import urlsplit

from locust import HttpUser, between, events, task
from locust.exception import StopUser

from devtools.load.httpload import PROXY_HEADERS, check_loopback
from devtools.load.pages import DEMO_PASSWORD, PERSONA_SHARE

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
PLAN_FILE = Path(os.environ.get("LOADTEST_PLAN", "test-artifacts/loadtest/plan.json"))
PLAN = json.loads(PLAN_FILE.read_text(encoding="utf-8"))
WAIT_MIN, WAIT_MAX = (float(x) for x in os.environ.get("LOADTEST_WAIT", "0.5,1.5").split(","))
_emails = {persona: itertools.cycle(emails) for persona, emails in PLAN["personas"].items() if emails}


SESSIONS: dict[str, list[dict[str, str]]] = PLAN.get("sessions", {})  # prepared by tests.load.prelogin


def login(client, base_url: str, email: str) -> dict[str, str]:
    """Log in through the real form with locust's client (measured); return the cookies."""
    form = client.get("/account/login/", name="login form (GET)", allow_redirects=False)
    cookies = form.cookies.get_dict()
    match = CSRF_INPUT.search(form.text)
    with client.post(
        "/account/login/",
        data={"csrfmiddlewaretoken": match.group(1) if match else "", "username": email, "password": DEMO_PASSWORD},
        headers={
            "Referer": f"https://{urlsplit(base_url).netloc}/account/login/",
            "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()),
        },
        name="login (POST)",
        allow_redirects=False,
        catch_response=True,
    ) as answer:
        if answer.status_code != 302:
            answer.failure(f"login of {email} answered {answer.status_code}")
            raise StopUser()
        cookies.update(answer.cookies.get_dict())
    return cookies


@events.test_start.add_listener
def _check(environment, **kwargs):
    check_loopback(urlsplit(environment.host).hostname or "")
    for page in PLAN["pages"]:
        if not page["available"]:
            print(f"skipped: {page['name']} {page['path'] or '-'} ({page['reason']})")


class PortalUser(HttpUser):
    """One person of a persona: logs in if the persona has accounts, then browses its journeys."""

    abstract = True
    persona = "visitor"
    wait_time = between(WAIT_MIN, WAIT_MAX)

    def on_start(self):
        # The portal runs with production settings behind a TLS proxy; on loopback we send the proxy's
        # header, and we carry the cookies ourselves because HTTPS-only cookies are never sent over http.
        self.client.headers.update(PROXY_HEADERS)
        self.journeys = [
            p for p in PLAN["pages"] if p["available"] and p["persona"] == self.persona and p["weight"] > 0
        ]
        if not self.journeys:
            raise StopUser()
        self.weights = list(itertools.accumulate(p["weight"] for p in self.journeys))
        if self.persona in _emails:
            pool = SESSIONS.get(self.persona)
            # A person beyond the prepared ones logs in now, and that login is measured.
            cookies = pool.pop() if pool else login(self.client, self.host, next(_emails[self.persona]))
            self.client.headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())

    @task
    def browse(self):
        page = self._pick()
        with self.client.get(page["path"], name=page["name"], allow_redirects=False, catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"status {r.status_code}")

    def _pick(self):
        return random.choices(self.journeys, cum_weights=self.weights)[0]  # noqa: S311 - not security


TOKENS = itertools.cycle(PLAN.get("tokens") or [None])  # issued by ``bench_plan --tokens``


class ApiClient(HttpUser):
    """A partner's application with an API token: pages through the offers and the signals it follows, following
    the ``next`` links, as a client that synchronises its copy does."""

    weight = 1
    wait_time = between(WAIT_MIN, WAIT_MAX)
    PAGES = (("/api/v1/offers/", "API offers (paging)", 5), ("/api/v1/signals/", "API signals (paging)", 3))

    def on_start(self):
        token = next(TOKENS)
        if token is None:
            raise StopUser()
        self.client.headers.update({**PROXY_HEADERS, "Authorization": f"Token {token}"})

    @task
    def synchronise(self):
        for path, name, most in self.PAGES:
            url = path
            for _ in range(most):
                with self.client.get(url, name=name, allow_redirects=False, catch_response=True) as answer:
                    if answer.status_code != 200:
                        answer.failure(f"status {answer.status_code}")
                        return
                    following = answer.json().get("next")
                if not following:
                    break
                parts = urlsplit(following)  # absolute, with the proxy's https scheme: keep path and query
                url = f"{parts.path}?{parts.query}"


# One user class per persona, in the shares configured in devtools/load/pages.py.
for _persona, _share in PERSONA_SHARE.items():
    _name = "".join(part.capitalize() for part in _persona.split("_"))
    globals()[_name] = type(_name, (PortalUser,), {"persona": _persona, "weight": _share, "abstract": False})
