"""The offer form's structured fields: contact details published on purpose, weekly times, dates, languages."""

import datetime

from django.urls import reverse

from offers.models import Offer
from tests.offers.conftest import function_ids, offer_form_data


def post_new(client, partner_org, wijk, **overrides):
    data = offer_form_data(wijk, functions=function_ids("leisure"), organisation=str(partner_org.pk), **overrides)
    return client.post(reverse("offers:create"), data)


def test_contact_fields_are_published_while_free_text_refuses_personal_data(member_client, partner_org, wijk):
    response = post_new(
        member_client,
        partner_org,
        wijk,
        title="Zwemles",
        contact_phone="09 123 45 67",
        contact_email="zwemmen@example.org",
        contact_website="https://zwemmen.example.org",
    )
    assert response.status_code == 302
    offer = Offer.objects.get(title="Zwemles")
    assert offer.contact_phone == "09 123 45 67"
    offer.status = "published"
    offer.save()
    body = member_client.get(reverse("offers:detail", args=[offer.uuid])).content.decode()
    assert 'href="tel:091234567"' in body and "zwemmen@example.org" in body

    refused = post_new(member_client, partner_org, wijk, title="Bel ons", description="Bel Mona op 0470 12 34 56")
    assert refused.status_code == 200
    assert not Offer.objects.filter(title="Bel ons").exists()
    errors = " ".join(refused.context["form"].errors["description"])
    assert "contact details belong in its public contact fields" in errors


def test_it_saves_weekly_times_dates_and_language_codes(member_client, partner_org, wijk):
    response = post_new(
        member_client,
        partner_org,
        wijk,
        title="Speelpleinwerking",
        time_3_from="14:00",
        time_3_until="17:00",
        dates="2027-07-05\n6/7/2027",
        closed_dates="2027-04-07",
        language_codes=["nl", "ar"],
        how_to_join="drop_in",
        has_reduced_rate="on",
    )
    assert response.status_code == 302
    offer = Offer.objects.get(title="Speelpleinwerking")
    assert [(t.weekday, t.starts_at, t.ends_at) for t in offer.times.all()] == [
        (3, datetime.time(14), datetime.time(17))
    ]
    assert offer.dates == ["2027-07-05", "2027-07-06"]
    assert offer.closed_dates == ["2027-04-07"]
    assert offer.language_codes == "ar,nl"
    assert offer.has_reduced_rate and offer.how_to_join == "drop_in"


def test_it_refuses_half_a_time_and_a_bad_date(member_client, partner_org, wijk):
    response = post_new(member_client, partner_org, wijk, title="Fout", time_2_from="16:00", dates="morgen")
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "time_2_until" in errors and "dates" in errors
    assert not Offer.objects.filter(title="Fout").exists()
    late = post_new(member_client, partner_org, wijk, title="Fout", time_2_from="16:00", time_2_until="15:00")
    assert "time_2_until" in late.context["form"].errors
