from django import template

from notifications.todo import todo_for

register = template.Library()


@register.simple_tag
def todo_items(actor):
    """The person's to-do list ("Waiting for you"), most urgent first."""
    return todo_for(actor)
