"""Which pages are public: the one list of the pages anyone may open without an account.

A page is public when a visitor who is not logged in can read it. Every page that calls itself public, or links to
a "public" view, points to one of these. ``tests/core/test_public_pages.py`` holds the list to the truth: each
page answers a visitor, and every page the permission matrix opens to a visitor is here (or is one of the steps of
getting an account, in ``ACCOUNT_STEPS``, or an endpoint for machines). The API's open lists (``api:*``) are
described in the API reference.
"""

PUBLIC_PAGES = {
    # The portal and the charter
    "home": "the home page: the charter in short, the directory and the figures",
    "accessibility": "the accessibility statement",
    "functions": "the four functions of the charter, explained",
    "charter:current": "the charter as it stands",
    "charter:version": "an earlier version of the charter",
    "charter:signatories": "the organisations that signed, with their profiles",
    "charter:signatories_csv": "the same list as a download",
    "charter:verify": "checking a signature by its receipt code",
    "charter:verify_code": "a checked signature",
    "charter:certificate": "an organisation's signature certificate",
    "charter:chain_head": "the signed head of the signature chain",
    # Organisations and their offer
    "organisations:list": "the organisations of the charter",
    "organisations:detail": "an organisation's profile",
    "offers:directory": "the directory of activities, with the map",
    "offers:detail": "an activity, with contact, times and place",
    "offers:calendar": "an activity's times for a calendar (.ics)",
    "offers:organisation_calendar": "an organisation's activities for a calendar (.ics)",
    "support:public_spaces": "the spaces partners share",
    # Coverage, signals, young people and staff
    "neighbourhoods:public": "per neighbourhood: priority, whether it meets the charter, functions and warm place",
    "signals:public_list": "the signals partners made public",
    "signals:public_detail": "a public signal, without names of persons",
    "signals:public_dashboard": "how quickly signals are answered, per period",
    "signals:public_dashboard_export": "the same figures as a download",
    "participation:young": "the page for children and young people",
    "participation:voice": "what young people said, city-wide",
    "participation:voice_area": "what young people said in a neighbourhood",
    "participation:voice_theme": "what young people said about a theme",
    "participation:voice_export": "the same figures as a download",
    "participation:feedback": "anonymous feedback on an activity",
    "diversity:public": "the diversity of the partners' staff, in aggregate",
    # The API's documentation
    "api:docs": "the API reference",
    "api:docs_interactive": "the interactive API explorer",
    "api:schema": "the API's machine-readable description",
}

# The steps of getting into the portal: open to a visitor because they lead to an account, not to information.
ACCOUNT_STEPS = {
    "accounts:login",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_confirm",
    "accounts:password_reset_complete",
    "accounts:confirmation_sent",
    "organisations:register",
    "organisations:invitation",
}

# For machines, not people: the health check of the load balancer.
MACHINE_ENDPOINTS = {"healthz"}
