from django.urls import path

from support import views

app_name = "support"

urlpatterns = [
    path("", views.request_list, name="requests"),
    path("vragen/nieuw/", views.request_create, name="request_create"),
    path("vragen/<int:pk>/", views.request_detail, name="request"),
    path("vragen/<int:pk>/bewerken/", views.request_edit, name="request_edit"),
    path("vragen/<int:pk>/<slug:name>/", views.request_step, name="request_step"),
    path("organisaties/<slug:slug>/vrijwilligers/", views.volunteer_run, name="volunteer_run"),
    path("catalogus/", views.catalogue, name="catalogue"),
    path("catalogus/nieuw/", views.offer_create, name="offer_create"),
    path("overzicht/", views.overview, name="overview"),
    path("overzicht/export.<str:fmt>", views.overview_export, name="overview_export"),
    path("mentorschap/", views.mentorships, name="mentorships"),
    path("mentorschap/<int:pk>/antwoord/", views.mentorship_answer, name="mentorship_answer"),
    path("ruimtes/", views.spaces, name="spaces"),
    path("ruimtes/publiek/", views.public_spaces, name="public_spaces"),
    path("ruimtes/<int:pk>/", views.space_detail, name="space"),
    path("ruimtes/<int:pk>/beheer/", views.space_manage, name="space_manage"),
    path("ruimtes/<int:pk>/week/", views.calendar, name="calendar"),
    path("ruimtes/<int:pk>/agenda.ics", views.calendar_ics, name="calendar_ics"),
    path("boekingen/<int:pk>/<slug:step>/", views.booking_step, name="booking_step"),
    path("samenwerkingen/", views.collaborations, name="collaborations"),
    path("samenwerkingen/<int:pk>/rollen/", views.collaboration_roles, name="collaboration_roles"),
]
