from django import template

from signals import rules

register = template.Library()


@register.simple_tag
def can_report(actor) -> bool:
    return rules.can_report(actor)
