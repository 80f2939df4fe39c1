from django import template

register = template.Library()


@register.inclusion_tag("offers/_organisation_offers.html")
def organisation_offers(organisation):
    """The organisation's published offers, for its public profile (organisations knows nothing of offers)."""
    from offers.models import Offer
    from offers.views import offers_with_details

    offers = offers_with_details(Offer.objects.publicly_visible().filter(organisation=organisation))
    return {"organisation": organisation, "offers": list(offers.order_by("title", "id"))}
