from django.urls import path

from cityoverview import views

app_name = "cityoverview"

urlpatterns = [
    path("overzicht/", views.overview, name="overview"),
    path("overzicht/maandoverzicht.xlsx", views.overview_export, name="overview_export"),
]
