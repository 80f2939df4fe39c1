from django.urls import path

from signals import public_views, views

app_name = "signals"

urlpatterns = [
    path("", views.signal_list, name="list"),
    path("mijn/", views.my_signals, name="mine"),
    path("export.<str:fmt>", views.signal_export, name="export"),
    path("nieuw/", views.signal_create, name="create"),
    path("inbox/", views.inbox, name="inbox"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("rondes/", views.round_list, name="rounds"),
    path("rondes/nieuw/", views.round_create, name="round_create"),
    path("rondes/<int:pk>/", views.round_detail, name="round"),
    path("rondes/<int:pk>/stemmen/", views.round_vote, name="round_vote"),
    path("rondes/<int:pk>/sluiten/", views.round_close, name="round_close"),
    path("routering/", views.routing, name="routing"),
    path("prioriteit/", views.indicator_settings, name="indicator_settings"),
    path("publiek/", public_views.public_list, name="public_list"),
    path("publiek/cijfers/", public_views.public_dashboard, name="public_dashboard"),
    path("publiek/cijfers/export.<str:fmt>", public_views.public_dashboard_export, name="public_dashboard_export"),
    path("publiek/<int:pk>/", public_views.public_detail, name="public_detail"),
    path("acties/<int:pk>/", views.action_update, name="action_update"),
    path("<int:pk>/", views.signal_detail, name="detail"),
    path("<int:pk>/acties/", views.action_create, name="action_create"),
    path("<int:pk>/reactie/", views.signal_comment, name="comment"),
    path("<int:pk>/doorverwijzen/", views.signal_reassign, name="reassign"),
    path("<int:pk>/bevestigen/", views.signal_confirm, name="confirm"),
    path("<int:pk>/openbaar/", views.signal_set_public, name="set_public"),
    path("<int:pk>/samenvoegen/", views.signal_merge, name="merge"),
    path("<int:pk>/steunen/", views.signal_endorse, name="endorse"),
    path("<int:pk>/notitie/", views.signal_note, name="note"),
    path("<int:pk>/<slug:name>/", views.signal_transition, name="transition"),
]
