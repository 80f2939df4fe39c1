from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from charter_portal import views
from charter_portal.api import build_api_urlpatterns

api_patterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", views.api_reference, name="docs"),
    path("docs/interactive/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs_interactive"),
    *build_api_urlpatterns(),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("", include("organisations.public_urls")),
    path("toegankelijkheid/", views.accessibility, name="accessibility"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", include((api_patterns, "api"))),
]

urlpatterns += [
    path("account/", include("accounts.urls")),
    path("organisaties/", include("organisations.urls")),
    path("aanbod/", include("offers.urls")),
    path("wijken/", include("neighbourhoods.urls")),
    path("charter/", include("charter.urls")),
    path("signalen/", include("signals.urls")),
    path("convenanten/", include("covenants.urls")),
    path("jongeren/", include("participation.urls")),
    path("", include("notifications.urls")),
    path("ondersteuning/", include("support.urls")),
    path("diversiteit/", include("diversity.urls")),
    path("stad/", include("cityoverview.urls")),
]
