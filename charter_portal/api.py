"""Shared building blocks of the REST API under /api/v1/."""

from importlib import import_module

from rest_framework import permissions
from rest_framework.pagination import PageNumberPagination
from rest_framework.routers import DefaultRouter

# Modules that contribute endpoints. Each has ``register(router)`` and/or a ``urlpatterns`` list
# for endpoints that are not viewsets (these come first, before the router's patterns).
API_MODULES = [
    "organisations.api",
    "organisations.api_offers",
    "organisations.api_hsds",
    "neighbourhoods.api",
    "neighbourhoods.api_coverage",
    "charter.api",
    "signals.api",
    "covenants.api",
]


class Pagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 1000


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
