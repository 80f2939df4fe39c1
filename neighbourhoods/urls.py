from django.urls import path

from neighbourhoods import views

app_name = "neighbourhoods"

urlpatterns = [
    path("", views.review, name="review"),
    path("overzicht/", views.public_summary, name="public"),
    path("export.<str:fmt>", views.export, name="export"),
    path("momentopname/", views.snapshot_take, name="snapshot"),
    path("prioriteit/", views.priority_page, name="priority"),
    path("drempels/", views.thresholds, name="thresholds"),
    path("indicatoren/", views.indicators, name="indicators"),
    path("indicatoren/import/", views.indicator_import, name="indicator_import"),
    path("omtrekken/", views.outlines_upload, name="outlines"),
    path("indicatoren/nieuw/", views.indicator_edit, name="indicator_create"),
    path("indicatoren/<int:pk>/", views.indicator_edit, name="indicator_edit"),
    path("indicatoren/<int:pk>/waarden/", views.indicator_values, name="indicator_values"),
    path("beweegcirkels/", views.circles, name="circles"),
    path("beweegcirkels/nieuw/", views.circle_edit, name="circle_create"),
    path("beweegcirkel/<slug:slug>/bewerken/", views.circle_edit, name="circle_edit"),
    path("<str:kind>/<slug:slug>/", views.area_detail, name="area"),
    path("<str:kind>/<slug:slug>/geschiedenis/", views.area_history, name="history"),
    path("<str:kind>/<slug:slug>/prioriteit/", views.priority_override, name="override"),
]
