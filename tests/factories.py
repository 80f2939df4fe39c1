"""Plain factory functions for test data. Each returns a saved object; keyword arguments override defaults."""

import itertools

from django.utils.text import slugify

from accounts.models import User
from neighbourhoods.models import MovementCircle, Neighbourhood
from offers.models import Collaboration, CollaborationMember, Offer
from organisations.models import Function, Membership, Organisation

PASSWORD = "correct horse battery staple"
_counter = itertools.count(1)


def user(**kwargs) -> User:
    n = next(_counter)
    kwargs.setdefault("email", f"person{n}@example.org")
    kwargs.setdefault("full_name", f"Person {n}")
    password = kwargs.pop("password", PASSWORD)
    return User.objects.create_user(password=password, **kwargs)


def organisation(**kwargs) -> Organisation:
    n = next(_counter)
    kwargs.setdefault("name", f"Organisation {n}")
    kwargs.setdefault("slug", slugify(kwargs["name"]))
    kwargs.setdefault("kind", Organisation.Kind.CIVIL_SOCIETY)
    kwargs.setdefault("is_approved", True)
    return Organisation.objects.create(**kwargs)


def city_service(**kwargs) -> Organisation:
    kwargs.setdefault("kind", Organisation.Kind.CITY_SERVICE)
    return organisation(**kwargs)


def member(org: Organisation, role: str = Membership.Role.MEMBER, **kwargs) -> User:
    person = user(**kwargs)
    Membership.objects.create(user=person, organisation=org, role=role)
    return person


def admin_of(org: Organisation, **kwargs) -> User:
    return member(org, Membership.Role.ADMIN, **kwargs)


def neighbourhood(number: int) -> Neighbourhood:
    """One of the 25 wijken loaded by the migrations."""
    return Neighbourhood.objects.get(number=number)


def movement_circle(*neighbourhoods, **kwargs) -> MovementCircle:
    n = next(_counter)
    kwargs.setdefault("name", f"Movement circle {n}")
    kwargs.setdefault("slug", slugify(kwargs["name"]))
    circle = MovementCircle.objects.create(**kwargs)
    circle.neighbourhoods.set(neighbourhoods)
    return circle


def functions(*codes) -> list[Function]:
    return list(Function.objects.filter(code__in=codes))


def offer(org: Organisation, *, functions_=("leisure",), neighbourhoods=(), movement_circles=(), **kwargs) -> Offer:
    n = next(_counter)
    kwargs.setdefault("title", f"Offer {n}")
    kwargs.setdefault("status", Offer.Status.PUBLISHED)
    item = Offer.objects.create(organisation=org, **kwargs)
    item.functions.set(functions(*functions_))
    item.neighbourhoods.set(neighbourhoods)
    item.movement_circles.set(movement_circles)
    return item


def collaboration(*orgs, neighbourhoods=(), movement_circles=(), status="accepted", **kwargs) -> Collaboration:
    n = next(_counter)
    kwargs.setdefault("name", f"Collaboration {n}")
    kwargs.setdefault("coordinator", orgs[0])
    item = Collaboration.objects.create(**kwargs)
    for org in orgs:
        CollaborationMember.objects.create(collaboration=item, organisation=org, status=status)
    item.neighbourhoods.set(neighbourhoods)
    item.movement_circles.set(movement_circles)
    return item
