"""Shared building blocks of the REST API under /api/v1/."""

from importlib import import_module

from rest_framework import permissions
from rest_framework.pagination import PageNumberPagination
from rest_framework.routers import DefaultRouter

# Modules that contribute endpoints, registered by their apps at start-up (``register_api_module`` in
# ``AppConfig.ready``). Each has ``register(router)`` and/or a ``urlpatterns`` list for endpoints that are
# not viewsets (these come first, before the router's patterns).
API_MODULES: list[str] = []


def register_api_module(name: str) -> None:
    if name not in API_MODULES:
        API_MODULES.append(name)


class Pagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 1000


class _Prerendered:
    """Stands in for a response's renderer when its body was rendered before (and kept)."""

    def __init__(self, renderer, body: bytes):
        self.media_type = renderer.media_type
        self.charset = renderer.charset
        self.format = renderer.format
        self.body = body

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return self.body


class KeptRenderingMixin:
    """For views that keep a rendered body (``response.kept_body``, see charter_portal/caching.py): DRF
    sends it as it is, with the headers it would set for the negotiated renderer; ``response.data`` stays."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        body = getattr(response, "kept_body", None)
        if body is not None:
            response.accepted_renderer = _Prerendered(response.accepted_renderer, body)
        return response


class ReadOnlyOrCityAdmin(permissions.BasePermission):
    """Everyone reads; only city admins write."""

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        from charter_portal.permissions import actor_for

        return actor_for(request.user).is_city_admin


def build_api_urlpatterns():
    router = DefaultRouter()
    extra = []
    for module in map(import_module, API_MODULES):
        if hasattr(module, "register"):
            module.register(router)
        extra.extend(getattr(module, "urlpatterns", []))
    return extra + router.urls
