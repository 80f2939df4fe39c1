from django.urls import path

from signals import views

app_name = "signals"

urlpatterns = [
    path("", views.signal_list, name="list"),
    path("mijn/", views.my_signals, name="mine"),
    path("nieuw/", views.signal_create, name="create"),
    path("inbox/", views.inbox, name="inbox"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("rondes/", views.round_list, name="rounds"),
    path("rondes/nieuw/", views.round_create, name="round_create"),
    path("rondes/<int:pk>/", views.round_detail, name="round"),
    path("rondes/<int:pk>/stemmen/", views.round_vote, name="round_vote"),
    path("rondes/<int:pk>/sluiten/", views.round_close, name="round_close"),
    path("<int:pk>/", views.signal_detail, name="detail"),
    path("<int:pk>/steunen/", views.signal_endorse, name="endorse"),
    path("<int:pk>/notitie/", views.signal_note, name="note"),
    path("<int:pk>/<slug:name>/", views.signal_transition, name="transition"),
]
