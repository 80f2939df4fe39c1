"""Shared building blocks of the REST API under /api/v1/."""

import functools
import json
from importlib import import_module

import django_filters
from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db.models import QuerySet
from django.http import Http404
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from django_filters.filters import BaseCSVFilter
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import exceptions, permissions, serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from charter_portal import caching
from charter_portal.pagination import WindowCountPaginator

# Modules that contribute endpoints, registered by their apps at start-up (``register_api_module`` in
# ``AppConfig.ready``). Each has ``register(router)`` and/or a ``urlpatterns`` list for endpoints that are
# not viewsets (these come first, before the router's patterns).
API_MODULES: list[str] = []


def register_api_module(name: str) -> None:
    if name not in API_MODULES:
        API_MODULES.append(name)


def check_page_size(request, name: str, maximum: int | None = None) -> None:
    """A page size that is not a whole number of at least 1 (or above ``maximum``, where the schema states one) is
    a 400 under its name, not quietly replaced by the default."""
    raw = request.query_params.get(name)
    if raw is not None:
        try:
            serializers.IntegerField(min_value=1, max_value=maximum).run_validation(raw)
        except serializers.ValidationError as exc:
            raise serializers.ValidationError({name: exc.detail}) from None


def query_integer(request, name: str, *, minimum: int, maximum: int) -> int | None:
    """A query parameter the schema documents as an integer, or None when it is not given; an empty value, digits
    other than 0-9 or a number outside what the column holds is a 400 under its name."""
    raw = request.query_params.get(name)
    if raw is None:
        return None
    if not raw.isascii():
        raise serializers.ValidationError({name: [_("Give a whole number.")]})
    try:
        return serializers.IntegerField(min_value=minimum, max_value=maximum).run_validation(raw)
    except serializers.ValidationError as exc:
        raise serializers.ValidationError({name: exc.detail}) from None


def query_uuid(request, name: str) -> str | None:
    """A query parameter the schema documents as a UUID, in its canonical form (lower case), or None when it is not
    given; anything else is a 400 under its name."""
    raw = request.query_params.get(name)
    if raw is None:
        return None
    try:
        return str(serializers.UUIDField().run_validation(raw.strip()))
    except serializers.ValidationError as exc:
        raise serializers.ValidationError({name: exc.detail}) from None


def id_in_path(raw: str) -> int:
    """An id a route took as any text up to the next slash (so that the caller is authenticated and asked for the
    permission before the id is read, as the router does for its ids): a number, or the API's JSON 404."""
    if not (raw.isascii() and raw.isdigit()):
        raise Http404
    return int(raw)


class KeptTotalPagination:
    """For a page-number pagination of DRF: the total of a kept list (``KeptListMixin.kept_total``) is kept apart
    from its pages, so a client paging through a long list has it counted once, not on every page."""

    django_paginator_class = WindowCountPaginator

    def paginate_queryset(self, queryset, request, view=None):
        keep = getattr(view, "kept_total", None)
        if keep is not None and isinstance(queryset, QuerySet):
            paging = (self.page_query_param, self.page_size_query_param, "format")

            def total(count):
                return keep(count, leave_out=paging)

            self.django_paginator_class = functools.partial(WindowCountPaginator, total=total)
        return super().paginate_queryset(queryset, request, view)


class Pagination(KeptTotalPagination, PageNumberPagination):
    """Pages of 50; ``page_size`` asks for 1 to 1000 (more gives 1000). A ``page_size`` that is not a whole number of
    at least 1 (``null``, ``abc``, ``0``) is refused with 400 instead of being ignored, as the schema says. The rows
    and their total come in one query (``charter_portal.pagination``), or the total from the cache."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 1000

    def get_page_size(self, request):
        check_page_size(request, self.page_size_query_param)
        return super().get_page_size(request)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1}
        return parameters


# The words a client may send for yes and no (those OpenAPI tools write for a boolean in a query string).
WIRE_TRUE = frozenset({"true", "1", "yes", "y", "t", "on"})
WIRE_FALSE = frozenset({"false", "0", "no", "n", "f", "off"})


def wire_boolean(name: str, raw: str) -> bool:
    """A boolean query parameter as the schema documents it; anything else (``null``, an empty value) is a 400,
    not a filter quietly left out."""
    value = raw.strip().lower()
    if value in WIRE_TRUE or value in WIRE_FALSE:
        return value in WIRE_TRUE
    raise serializers.ValidationError({name: [_("Give true or false.")]})


def _integer_filter(filterset_class, filter_) -> bool:
    """A number filter on an integer column (or a relation's id): the schema says integer, so 0.5 is refused."""
    if filter_.field_class is not forms.DecimalField or filter_.method:
        return getattr(filter_, "integer", False)
    model = filterset_class._meta.model
    try:
        field = model._meta.get_field(filter_.field_name.split("__")[0])
    except (AttributeError, FieldDoesNotExist):
        return False
    return field.is_relation or field.get_internal_type().endswith(("IntegerField", "AutoField"))


def check_filter_values(request, filterset_class) -> None:
    """Refuse, with a 400 under the parameter's name, the values of a filter that django-filter would read as
    "no filter" or round off, so a list is never answered for a question the client did not ask: a boolean that is
    not true or false, a fraction for an integer, a filter given twice that takes one value."""
    errors = {}
    for name, filter_ in filterset_class.base_filters.items():
        values = request.query_params.getlist(name)
        if not values:
            continue
        if len(values) > 1 and not isinstance(filter_, django_filters.MultipleChoiceFilter | BaseCSVFilter):
            errors[name] = [_("Give this parameter once.")]
        elif isinstance(filter_, django_filters.BooleanFilter):
            try:
                wire_boolean(name, values[0])
            except serializers.ValidationError as exc:
                errors.update(exc.detail)
        elif isinstance(filter_, django_filters.NumberFilter) and _integer_filter(filterset_class, filter_):
            try:
                serializers.IntegerField().run_validation(values[0])
            except serializers.ValidationError as exc:
                errors[name] = exc.detail
    if errors:
        raise serializers.ValidationError(errors)


class FilterBackend(DjangoFilterBackend):
    """django-filter's backend, which builds the filter set (a deep copy of every filter, a form, its validation)
    only when the request names one of its filters; a list asked without filters is read without that cost. A
    name counts with a suffix too (``age_min``, ``date_after``): the parameters of range filters. Values the schema
    forbids are refused first (``check_filter_values``)."""

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is not None:
            names = tuple(filterset_class.base_filters)
            if not any(
                param == name or param.startswith(f"{name}_") for param in request.query_params for name in names
            ):
                return queryset
            check_filter_values(request, filterset_class)
        return super().filter_queryset(request, queryset, view)


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


class KeptListMixin(KeptRenderingMixin):
    """A list endpoint whose JSON pages are kept in the shared cache (charter_portal/caching.py).

    A page is kept under the versions of ``kept_domains`` (everything the rows show) and found again by the
    same question from the same audience: scheme and host (the ``next`` and ``previous`` links), path, query
    string, language, day (what is running today), the negotiated media type and API version, and what the
    caller may see (``caching.audience``: a visitor, or the person's (organisation, role) pairs, never who
    they are). Set ``kept_personal = True`` on a list whose rows hold something of the person themselves.
    Other formats (CSV, the browsable API) are rendered for each request.
    """

    kept_domains: tuple[str, ...] = ()
    kept_personal = False

    def kept_total(self, count, *, leave_out: tuple[str, ...]) -> int:
        """The number of rows that answer the request's question, whichever page it asks (the query parameters
        ``leave_out``): kept under the same domains and audience as the pages, for every format (``count()``
        counts when it is not kept)."""
        from charter_portal.permissions import actor_for

        actor = actor_for(self.request.user)
        name = f"{type(self).__module__}.{type(self).__qualname__}"
        key = (
            "api-total",
            name,
            *caching.request_key(self.request, actor, personal=self.kept_personal, leave_out=leave_out),
        )
        return caching.kept(self.kept_domains, key, count, variants=f"{name}.total")

    def list(self, request, *args, **kwargs):
        renderer = request.accepted_renderer
        if renderer.format != "json":
            return super().list(request, *args, **kwargs)
        from charter_portal.permissions import actor_for

        actor = actor_for(request.user)
        key = (
            "api-list",
            type(self).__module__,
            type(self).__qualname__,
            request.scheme,
            request.get_host(),
            request.accepted_media_type,
            request.version,
            *caching.request_key(request, actor, personal=self.kept_personal),
        )

        def render() -> bytes:
            data = super(KeptListMixin, self).list(request, *args, **kwargs).data
            return renderer.render(data, request.accepted_media_type, self.get_renderer_context())

        body = caching.kept(self.kept_domains, key, render, variants=f"{key[1]}.{key[2]}")
        # The data, should anything read it (a test, a middleware), is parsed from the body only then.
        response = Response()
        response.data = SimpleLazyObject(lambda: json.loads(body))  # after __init__, which would look inside
        response.kept_body = body
        return response


def refuse_a_method_the_route_does_not_offer(request, view) -> None:
    """A method that a route offers to nobody (``DELETE`` where nothing is deleted) is a 405 for every
    authenticated caller who may see the object, rather than a 403: whether one may write does not matter for what
    no one may do. Permission classes that refuse writes call this before refusing."""
    method = request.method.lower()
    offered = method in view.http_method_names and hasattr(view, method)
    if request.user.is_authenticated and not offered:
        raise exceptions.MethodNotAllowed(request.method)


class ReadOnlyOrCityAdmin(permissions.BasePermission):
    """Everyone reads; only city admins write. A write on one object that the caller may not even see answers
    404, like reading it would, never 403: a refusal must not tell that the object exists."""

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        from charter_portal.permissions import actor_for

        if actor_for(request.user).is_city_admin:
            return True
        lookup = getattr(view, "lookup_url_kwarg", None) or getattr(view, "lookup_field", None)
        if request.user.is_authenticated and lookup in getattr(view, "kwargs", {}):
            view.get_object()  # Http404 when the caller's queryset hides it; a visible one goes on to 405 or 403
        refuse_a_method_the_route_does_not_offer(request, view)
        return False


class PortalRouter(DefaultRouter):
    """DRF's router, with an object's id matching anything up to the next slash (``0.5``, ``null,null``): the
    viewset then authenticates the caller and checks the permission before the id is read, so a malformed id of a
    private object is a 401 for an anonymous caller and a 404 only for one who may ask. No ``.json`` suffixes:
    the API negotiates its format (``Accept``, ``?format=``), and a suffix route answered 404 before
    authentication."""

    include_format_suffixes = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._default_value_pattern = "[^/]+"


def build_api_urlpatterns():
    router = PortalRouter()
    extra = []
    for module in map(import_module, API_MODULES):
        if hasattr(module, "register"):
            module.register(router)
        extra.extend(getattr(module, "urlpatterns", []))
    return extra + router.urls
