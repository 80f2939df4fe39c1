"""Pages of the organisations app at the portal's top level (no namespace)."""

from django.urls import path

from organisations import views

urlpatterns = [
    path("functies/", views.functions, name="functions"),
]
