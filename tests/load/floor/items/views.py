from django.shortcuts import render

from tests.load.floor.items.models import Item


def item_list(request):
    return render(request, "items.html", {"items": Item.objects.all()})
