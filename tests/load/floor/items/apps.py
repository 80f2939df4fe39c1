from django.apps import AppConfig


class ItemsConfig(AppConfig):
    name = "tests.load.floor.items"
    label = "floor_items"
