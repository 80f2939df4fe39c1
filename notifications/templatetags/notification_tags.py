from django import template
from django.template.loader import render_to_string

from charter_portal import caching
from notifications.todo import todo_domains, todo_for

register = template.Library()

CARD = "notifications/_todo_card.html"


@register.simple_tag(takes_context=True)
def todo_card(context):
    """The home page's "Waiting for you" card: the person's to-do list, most urgent first. Its rendering is kept for
    that person alone (their id is in the key), per language and day, until a domain the list reads changes."""
    actor = context["actor"]

    def values() -> dict:
        return {"todo": todo_for(actor)}

    domains = todo_domains()
    if domains is None:
        return render_to_string(CARD, values())
    return caching.render_part(context["request"], CARD, values, domains=domains, personal=True)
