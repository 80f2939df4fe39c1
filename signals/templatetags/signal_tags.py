from django import template

from signals import rules

register = template.Library()


@register.simple_tag
def can_report(actor) -> bool:
    return rules.can_report(actor)


@register.filter
def get_item(mapping, key):
    """``mapping[key]`` in a template (None when absent)."""
    return mapping.get(key) if mapping else None
