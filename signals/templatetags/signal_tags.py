from django import template

from charter_portal.permissions import signals as rules

register = template.Library()


@register.simple_tag
def may_report(actor) -> bool:
    return rules.may_report(actor)
