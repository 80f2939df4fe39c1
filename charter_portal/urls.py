from importlib import import_module

from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from charter_portal import views
from charter_portal.api import build_api_urlpatterns

api_patterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    *build_api_urlpatterns(),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("functies/", views.functions, name="functions"),
    path("toegankelijkheid/", views.accessibility, name="accessibility"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", include((api_patterns, "api"))),
]

# Each module defines ``app_name`` (its URL namespace). A module that does not exist (yet) is skipped.
for prefix, module in [
    ("account/", "accounts.urls"),
    ("organisaties/", "organisations.urls"),
    ("aanbod/", "organisations.offer_urls"),
    ("wijken/", "neighbourhoods.urls"),
    ("charter/", "charter.urls"),
    ("signalen/", "signals.urls"),
    ("convenanten/", "covenants.urls"),
]:
    try:
        import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name != module:
            raise
        continue
    urlpatterns.append(path(prefix, include(module)))
