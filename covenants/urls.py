from django.urls import path

from covenants import export_views, views

app_name = "covenants"

urlpatterns = [
    path("", views.covenant_list, name="list"),
    path("overzicht/", views.covenant_portfolio, name="portfolio"),
    path("nieuw/", views.covenant_create, name="create"),
    path("export.<str:fmt>", export_views.covenant_export, name="export"),
    path("voorstellen/", views.covenant_propose, name="propose"),
    path("<int:pk>/", views.covenant_detail, name="detail"),
    path("<int:pk>/afsluiten/", views.covenant_close, name="close"),
    path("<int:pk>/voorstel-beslissen/", views.covenant_decide_opening, name="decide_opening"),
    path("<int:pk>/versies/nieuw/", views.version_propose, name="version_propose"),
    path("<int:pk>/versies/<int:number>/", views.version_detail, name="version"),
    path("<int:pk>/versies/<int:number>/bewerken/", views.version_edit, name="version_edit"),
    path("<int:pk>/versies/<int:number>/indienen/", views.version_submit, name="version_submit"),
    path("<int:pk>/versies/<int:number>/goedkeuren/", views.version_approve, name="version_approve"),
    path("<int:pk>/rapporten/<int:period_pk>/", views.report, name="report"),
    path("<int:pk>/rapporten/<int:period_pk>/beoordelen/", views.report_review, name="report_review"),
    path("<int:pk>/stadsrapporten/<int:period_pk>/", views.city_report, name="city_report"),
    path("<int:pk>/stadsrapporten/<int:period_pk>/beoordelen/", views.city_report_review, name="city_report_review"),
    path("<int:pk>/perioden/", views.period_add, name="period_add"),
    path("<int:pk>/documenten/", views.documents, name="documents"),
    path("<int:pk>/documenten/<int:document_pk>/", views.document_download, name="document_download"),
    path("<int:pk>/opmerkingen/", views.comment_add, name="comment_add"),
    path("<int:pk>/overleg/nieuw/", views.meeting_create, name="meeting_create"),
    path("<int:pk>/acties/<int:action_pk>/klaar/", views.action_done, name="action_done"),
]
