"""Development tools: scale data, benchmarks and the load-test harness. Installed only when asked for.

``charter_portal.settings`` adds this app to ``INSTALLED_APPS`` when DEBUG is on or ``DEVTOOLS=1``, so a
production deployment has none of these commands. Production code never imports from here.
"""
