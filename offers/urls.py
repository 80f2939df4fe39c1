from django.urls import path

from offers import views

app_name = "offers"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("mijn-aanbod/", views.mine, name="mine"),
    path("mijn-aanbod/nieuw/", views.create, name="create"),
    path("samenwerkingen/", views.collaborations, name="collaborations"),
    path("samenwerkingen/nieuw/", views.collaboration_create, name="collaboration_create"),
    path("samenwerkingen/<int:pk>/", views.collaboration_detail, name="collaboration_detail"),
    path("samenwerkingen/<int:pk>/bewerken/", views.collaboration_edit, name="collaboration_edit"),
    path("samenwerkingen/<int:pk>/aanvaarden/", views.collaboration_accept, name="collaboration_accept"),
    path("samenwerkingen/<int:pk>/weigeren/", views.collaboration_decline, name="collaboration_decline"),
    path("ruimtes/", views.spaces, name="spaces"),
    path("ruimtes/nieuw/", views.space_create, name="space_create"),
    path("ruimtes/<int:pk>/bewerken/", views.space_edit, name="space_edit"),
    path("organisatie/<slug:slug>/agenda.ics", views.organisation_calendar, name="organisation_calendar"),
    path("<uuid:uuid>/", views.detail, name="detail"),
    path("<uuid:uuid>/agenda.ics", views.offer_calendar, name="calendar"),
    path("<uuid:uuid>/bewerken/", views.edit, name="edit"),
    path("<uuid:uuid>/dupliceren/", views.duplicate, name="duplicate"),
    path("<uuid:uuid>/publiceren/", views.publish, name="publish"),
    path("<uuid:uuid>/depubliceren/", views.unpublish, name="unpublish"),
    path("<uuid:uuid>/archiveren/", views.archive, name="archive"),
]
