from django.urls import path

from diversity import views

app_name = "diversity"

urlpatterns = [
    path("", views.public, name="public"),
    path("export/", views.export, name="export"),
    path("mijn/", views.mine, name="mine"),
    path("organisaties/<slug:slug>/", views.organisation, name="organisation"),
    path("organisaties/<slug:slug>/<int:year>/", views.report, name="report"),
]
