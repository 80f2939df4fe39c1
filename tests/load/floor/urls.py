from django.urls import path

from tests.load.floor.items.views import item_list

urlpatterns = [path("", item_list, name="items")]
