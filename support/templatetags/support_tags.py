"""The recognition block of an organisation's public profile, read from the portal's own data."""

from django import template

register = template.Library()


@register.inclusion_tag("support/_recognition_block.html")
def recognition(organisation):
    from support.recognition import recognition_of

    return recognition_of(organisation)
