"""Authentication backend: Django's ``ModelBackend`` as it is.

The class keeps its own name because sessions and ``login(..., backend=...)`` calls store this path:
renaming it would log everyone out. Nothing of the logged-in person is kept between requests.
"""

from django.contrib.auth.backends import ModelBackend


class PortalModelBackend(ModelBackend):
    pass
