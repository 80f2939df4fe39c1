"""A bare Django project, the floor of ``make bench``: what the framework itself costs on this machine.

It is what ``django-admin startproject`` gives (its default middleware, sessions, auth, messages), one model
of 12 rows and one template, served by the same gunicorn on the same PostgreSQL as the portal. The
benchmark measures it between the portal's pages, so every ratio is against the framework's own cost at
that minute. Nothing of the portal is imported here.
"""
