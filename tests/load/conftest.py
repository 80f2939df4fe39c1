"""The load-test helpers are not tests: keep pytest from importing the locust file (it needs a running portal)."""

collect_ignore = ["locustfile.py"]
