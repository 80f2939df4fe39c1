"""Personal data found after the fact is purged by a city admin: redacted in the object and every history row of it,
the rows kept, the purge logged without the data."""

import logging

import pytest
from django.core.management import CommandError, call_command

from charter_portal.purge import REDACTED, redact_text
from offers.models import Offer
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def leaked_offer(partner_org):
    # Written before the guard knew this disguise, as a legacy row would be
    offer = factories.offer(partner_org, title="Huiswerkklas", description="Bel de mama van Yusuf: 0470\u00a012 34 56.")
    offer.accessibility = "Rolstoel via de zij-ingang; Yusuf komt met zijn broer."
    offer.save()
    offer.cost_description = "Gratis"
    offer.save()
    return offer


def test_a_city_admin_purges_an_object_and_its_history_and_the_rows_stay(leaked_offer, city_admin, caplog):
    history = Offer.history.filter(id=leaked_offer.pk)
    rows_before = history.count()
    assert rows_before >= 3

    with caplog.at_level(logging.INFO, logger="portal.security"):
        call_command(
            "purge_personal_data", "offers.Offer", str(leaked_offer.pk), "--by", city_admin.email, "--text", "yusuf"
        )

    offer = Offer.objects.get(pk=leaked_offer.pk)
    assert offer.description == f"Bel de mama van {REDACTED}: {REDACTED}."
    assert offer.accessibility == f"Rolstoel via de zij-ingang; {REDACTED} komt met zijn broer."
    assert offer.title == "Huiswerkklas" and offer.cost_description == "Gratis"
    assert history.count() == rows_before  # no row removed, none added that repeats the data
    for row in history:
        assert "0470" not in row.description and "Yusuf" not in row.description
        assert "Yusuf" not in row.accessibility
        assert row.title == "Huiswerkklas"
    logged = " ".join(record.getMessage() for record in caplog.records)
    assert "offers.Offer" in logged and "0470" not in logged and "Yusuf" not in logged


def test_only_a_city_admin_may_purge(leaked_offer, partner_admin, city_staff):
    for person in (partner_admin, city_staff):
        with pytest.raises(CommandError, match="Only a city admin"):
            call_command("purge_personal_data", "offers.Offer", str(leaked_offer.pk), "--by", person.email)
    assert "0470" in Offer.objects.get(pk=leaked_offer.pk).description


def test_it_refuses_an_unknown_kind_or_object(city_admin):
    with pytest.raises(CommandError, match="No such kind"):
        call_command("purge_personal_data", "offers.Nothing", "1", "--by", city_admin.email)
    with pytest.raises(CommandError, match="No offers.Offer with id 999999"):
        call_command("purge_personal_data", "offers.Offer", "999999", "--by", city_admin.email)


def test_redaction_keeps_ordinary_text_and_finds_disguised_data():
    assert (
        redact_text("Elke woensdag van 14:00 tot 17:00, 9000 Gent.") == "Elke woensdag van 14:00 tot 17:00, 9000 Gent."
    )
    assert redact_text("mail jan [at] telenet.be of bel\n0470 12 34 56") == f"mail {REDACTED} of bel\n{REDACTED}"
    assert redact_text("Sara en SARA", ("sara",)) == f"{REDACTED} en {REDACTED}"
