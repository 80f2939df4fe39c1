from django.urls import path

from charter import chain_views, views

app_name = "charter"

urlpatterns = [
    path("", views.current, name="current"),
    path("versie/<int:pk>/", views.version, name="version"),
    path("versies/", views.manage_versions, name="versions"),
    path("versies/<int:pk>/publiceren/", views.publish_version, name="publish"),
    path("versies/<int:pk>/bewerken/", views.edit_draft, name="edit_draft"),
    path("versies/<int:pk>/bewerken/<str:section>/<int:number>/", views.edit_article, name="edit_article"),
    path("ondertekenen/", views.sign, name="sign"),
    path("ontvangstbewijs/<str:code>/", views.receipt, name="receipt"),
    path("intrekken/<str:code>/", views.withdraw, name="withdraw"),
    path("verifieren/", views.verify, name="verify"),
    path("verifieren/<str:code>/", views.verify_code, name="verify_code"),
    path("keten/", chain_views.chain_head, name="chain_head"),
    path("certificaat/<str:code>/", views.certificate, name="certificate"),
    path("ondertekenaars/", views.signatories, name="signatories"),
    path("ondertekenaars.csv", views.signatories_csv, name="signatories_csv"),
    path("organisaties.<str:fmt>", views.organisations_export, name="organisations_export"),
]
