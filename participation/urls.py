from django.urls import path

from participation import views

app_name = "participation"

urlpatterns = [
    path("", views.young, name="young"),
    path("wat-jongeren-zeggen/", views.voice_city, name="voice"),
    path("wat-jongeren-zeggen/wijk/<slug:slug>/", views.voice_area, name="voice_area"),
    path("wat-jongeren-zeggen/thema/<slug:code>/", views.voice_theme, name="voice_theme"),
    path("wat-jongeren-zeggen/export.<str:fmt>", views.voice_export, name="voice_export"),
    path("momenten/", views.moments, name="moments"),
    path("momenten/nieuw/", views.moment_create, name="moment_create"),
    path("momenten/<int:pk>/", views.moment_detail, name="moment"),
    path("momenten/<int:pk>/bewerken/", views.moment_edit, name="moment_edit"),
    path("momenten/<int:pk>/archiveren/", views.moment_archive, name="moment_archive"),
    path("signalen/<int:signal_pk>/", views.signal_cite, name="cite"),
    path("aanbod/<uuid:uuid>/hoe-was-het/", views.feedback, name="feedback"),
    path("reacties/", views.feedback_totals, name="feedback_totals"),
    path("rondes/<int:pk>/", views.round_ranking, name="round_ranking"),
]
