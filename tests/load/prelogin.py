"""Log the load test's simulated people in before locust starts, and add their sessions to the plan.

Usage: python -m tests.load.prelogin PLAN_JSON BASE_URL USERS [PARALLEL]

A login costs about 0.4 s of CPU by design (PBKDF2 with 1.5 million iterations). Thirty people logging
in within the first seconds of a 60-second run on two cores would measure a login storm, not the portal
in use, and locust's clock would run during it. So every person logs in here, through the real form
(GET for the CSRF token, POST the credentials), each with a session of their own; the locust users
pick these sessions up. Loopback only.
"""

import asyncio
import json
import math
import sys
from pathlib import Path
from urllib.parse import urlsplit

from devtools.load.httpload import check_loopback, login
from devtools.load.pages import DEMO_PASSWORD, PERSONA_SHARE


def sessions_needed(users: int) -> dict[str, int]:
    """Per persona: its share of ``users``, rounded up, plus one for locust's own rounding."""
    total = sum(PERSONA_SHARE.values())
    return {persona: math.ceil(users * share / total) + 1 for persona, share in PERSONA_SHARE.items()}


async def log_in_all(
    host: str, port: int, personas: dict[str, list[str]], users: int, parallel: int = 4
) -> dict[str, list[dict]]:
    gate = asyncio.Semaphore(parallel)  # a few at a time: the server has eight request slots

    async def one(email: str) -> dict[str, str]:
        async with gate:
            return await login(host, port, email, DEMO_PASSWORD)

    sessions = {}
    for persona, count in sessions_needed(users).items():
        emails = personas.get(persona) or []
        if emails:
            sessions[persona] = await asyncio.gather(*(one(emails[i % len(emails)]) for i in range(count)))
    return sessions


def main(argv: list[str]) -> int:
    plan_file, base_url, users = Path(argv[0]), argv[1], int(argv[2])
    parallel = int(argv[3]) if len(argv) > 3 else 4
    url = urlsplit(base_url)
    check_loopback(url.hostname or "")
    plan = json.loads(plan_file.read_text(encoding="utf-8"))
    plan["sessions"] = asyncio.run(log_in_all(url.hostname, url.port, plan["personas"], users, parallel))
    plan_file.write_text(json.dumps(plan, indent=2), encoding="utf-8")
    print("Logged in: " + ", ".join(f"{len(v)} {k}" for k, v in plan["sessions"].items()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
