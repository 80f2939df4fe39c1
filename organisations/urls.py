from django.urls import path

from organisations import history_views, invitation_views, views

app_name = "organisations"

urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("registreren/", views.register, name="register"),
    path("mijn/", views.my_organisations, name="mine"),
    path("goedkeuringen/", views.approvals, name="approvals"),
    path("goedkeuringen/<slug:slug>/goedkeuren/", views.approve, name="approve"),
    path("goedkeuringen/<slug:slug>/weigeren/", views.reject, name="reject"),
    path("coordinatoren/", views.coordinators, name="coordinators"),
    path("coordinatoren/<int:pk>/", views.coordinator_set, name="coordinator_set"),
    path("geschiedenis/", history_views.all_history, name="history_all"),
    path("uitnodiging/<str:token>/", invitation_views.invitation, name="invitation"),
    path("<slug:slug>/", views.organisation_detail, name="detail"),
    path("<slug:slug>/bewerken/", views.edit, name="edit"),
    path("<slug:slug>/geschiedenis/", history_views.organisation_history, name="history"),
    path("<slug:slug>/leden/", views.members, name="members"),
    path("<slug:slug>/leden/uitnodigen/", views.invite, name="invite"),
    path("<slug:slug>/leden/uitnodigingen/<int:pk>/intrekken/", views.revoke_invitation, name="revoke_invitation"),
    path("<slug:slug>/leden/<int:pk>/rol/", views.change_role, name="change_role"),
    path("<slug:slug>/leden/<int:pk>/verwijderen/", views.remove_member, name="remove_member"),
]
