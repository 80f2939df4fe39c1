from django.urls import path

from notifications import views

app_name = "notifications"

urlpatterns = [
    path("wacht-op-jou/", views.todo, name="todo"),
    path("meldingen/", views.notification_list, name="list"),
    path("meldingen/<int:pk>/", views.open_notification, name="open"),
    path("meldingen/<int:pk>/gelezen/", views.mark_read, name="mark_read"),
    path("meldingen/alles-gelezen/", views.mark_all_read, name="mark_all_read"),
    path("meldingen/voorkeuren/", views.preferences, name="preferences"),
    path("meldingen/afmelden/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
