"""Signals in every state, and a second city service that is made responsible (so that the staff of
``city_org`` are city staff of *another* service)."""

import pytest

from signals import services
from signals.models import Status
from tests import factories


@pytest.fixture
def service_b(db):
    return factories.city_service(name="Dienst Welzijn")


@pytest.fixture
def service_b_staff(service_b):
    return factories.member(service_b, email="welzijn@stad.example", full_name="Wim Welzijn")


def report(by, organisation, **kwargs):
    kwargs.setdefault("title", "Playground unlit at night")
    kwargs.setdefault("description", "Children stay away after dark.")
    kwargs.setdefault("themes", ["public_space"])
    kwargs.setdefault("children_affected", "21-50")
    kwargs.setdefault("city_wide", True)
    return services.signal_report(by=by, organisation=organisation, **kwargs)


def advance(signal, status, *, reporter, responsible, service):
    """Walk a signal through the workflow up to ``status`` with legitimate actors."""
    order = [Status.SUBMITTED, Status.ACKNOWLEDGED, Status.IN_PROGRESS, Status.ANSWERED, Status.CLOSED]
    target = order.index(status)
    if target >= 1:
        signal = services.signal_acknowledge(signal=signal, by=responsible, responsible_body=service)
    if target >= 2:
        signal = services.signal_start(signal=signal, by=responsible)
    if target >= 3:
        signal = services.signal_answer(signal=signal, by=responsible, outcome="action_planned", answer="We will.")
    if target >= 4:
        signal = services.signal_close(signal=signal, by=reporter)
    return signal


@pytest.fixture
def make_signal(partner_org, partner_member, service_b, service_b_staff):
    def make(status=Status.SUBMITTED, **kwargs):
        signal = report(partner_member, partner_org, **kwargs)
        return advance(signal, status, reporter=partner_member, responsible=service_b_staff, service=service_b)

    return make


def sign_charter(organisation, admin):
    """Sign the current charter version for ``organisation`` through the charter's own service."""
    from charter.initial import create_first_version
    from charter.models import Article, ChainHead, CharterVersion
    from charter.services import charter_sign

    # The data migration made the first version; recreate it when a transactional test flushed it.
    create_first_version(CharterVersion, Article, ChainHead)
    return charter_sign(
        organisation=organisation,
        user=admin,
        signer_name=admin.get_full_name() or "Signer",
        signer_role="Chair",
        authorised=True,
        password=factories.PASSWORD,
    )


@pytest.fixture
def signatories(partner_org, partner_admin, other_org, other_admin):
    """``partner_org`` and ``other_org`` have signed the charter, so they may vote in prioritisation rounds."""
    sign_charter(partner_org, partner_admin)
    sign_charter(other_org, other_admin)
    return [partner_org, other_org]
