"""Pages for offers, collaborations and shared spaces: the public directory and the partners' own pages."""

import math

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from charter_portal import caching
from charter_portal.concurrency import STALE_MESSAGE, StaleObjectError, refusals_as_messages
from charter_portal.pagination import WindowCountPaginator
from charter_portal.permissions import actor_for, deny
from charter_portal.permissions.core import ANONYMOUS
from neighbourhoods.filters import AREA_LIST_LIMIT, split_area_code
from neighbourhoods.geometry import svg_map
from neighbourhoods.models import MovementCircle, Neighbourhood
from offers import ics, rules, services
from offers.filters import PublicOfferFilter, SharedSpaceFilter
from offers.forms import CollaborationForm, OfferForm, OrganisationChoiceForm, SharedSpaceForm
from offers.models import Collaboration, CollaborationMember, Offer, SharedSpace
from offers.selectors import offers_per_area
from organisations.models import Organisation

DIRECTORY_PAGE_SIZE = 20
DIRECTORY_DOMAINS = ("offers", "organisations", "neighbourhoods")


def offers_with_details(queryset):
    """Everything the offer templates and serializers show, fetched in a fixed number of queries."""
    return queryset.select_related("organisation").prefetch_related(
        "functions",
        # The GeoJSON outline is large and no offer page or serializer shows it.
        Prefetch("neighbourhoods", queryset=Neighbourhood.objects.defer("geometry")),
        "movement_circles",
        "bridge_sectors",
        "times",
    )


# Fetch-and-authorise ---------------------------------------------------------------------------


def _offer_for_view(request, uuid) -> Offer:
    offer = get_object_or_404(offers_with_details(Offer.objects.all()), uuid=uuid)
    if not rules.can_see_offer(actor_for(request.user), offer):
        raise Http404
    return offer


def _offer_for_change(request, uuid) -> Offer:
    offer = _offer_for_view(request, uuid)
    if not rules.can_change_offer(actor_for(request.user), offer):
        deny(request, "offer of another organisation")
    return offer


# Public directory ------------------------------------------------------------------------------


@require_safe
def directory(request):
    def context():
        base = offers_with_details(Offer.objects.publicly_visible()).order_by("title", "id")
        offer_filter = PublicOfferFilter(request.GET or None, queryset=base).for_page()
        queryset = offer_filter.qs if offer_filter.is_bound and offer_filter.is_valid() else base
        query = request.GET.copy()
        query.pop("page", None)

        # The filters, the number found and the map answer the question, whichever page of it is asked: kept apart
        # from the pages, so that a visitor paging through the offers has them drawn and counted once.
        def for_question(template_name, values):
            return caching.kept_part(
                request, template_name, values, domains=DIRECTORY_DOMAINS, public=True, leave_out=("page",)
            )

        def total(count):
            key = ("offers.directory-total", *caching.request_key(request, ANONYMOUS, leave_out=("page",)))
            return caching.kept(DIRECTORY_DOMAINS, key, count, variants="offers.directory-total")

        page = WindowCountPaginator(queryset, DIRECTORY_PAGE_SIZE, total=total).get_page(request.GET.get("page"))
        active = [
            name for name, value in (offer_filter.form.cleaned_data.items() if offer_filter.is_bound else []) if value
        ]
        return {
            "filters": for_question(
                "offers/_directory_filters.html", lambda: {"filter": offer_filter, "active_filters": len(active)}
            ),
            "page": page,
            "offers": list(page.object_list),
            "query": query.urlencode(),
            "loosen": _most_limiting(offer_filter, active) if not page.paginator.count else None,
            "map": for_question(
                "offers/_directory_map.html",
                lambda: {"map": _directory_map(queryset, query, selected_circle=_selected_circle(offer_filter))},
            ),
        }

    # Filters, count, map and one page of offers, the same for every reader: kept until offers, organisations or
    # areas change (charter_portal/caching.py).
    content = caching.render_part(request, "offers/_directory.html", context, domains=DIRECTORY_DOMAINS, public=True)
    return render(request, "offers/directory.html", {"content": content})


def _most_limiting(offer_filter, active):
    """The active filter whose removal would bring back the most offers (one count per active filter)."""
    best = None
    for name in active:
        if name == "page":
            continue
        data = offer_filter.data.copy()
        data.pop(name, None)
        count = type(offer_filter)(data, queryset=offer_filter.queryset).qs.count()
        if count and (best is None or count > best[1]):
            without = data.copy()
            without.pop("page", None)
            best = (offer_filter.form.fields[name].label, count, without.urlencode())
    return best


MAP_FILLS = (
    (0, "#eef1f4", "#1f2933"),
    (1, "#bcd7ee", "#1f2933"),
    (3, "#5b9bd5", "#1f2933"),
    (10, "#1d5a8c", "#ffffff"),
)


def _directory_shapes():
    """The outlines projected once per version of the neighbourhoods (the projection is the slow part)."""

    def compute():
        rows = Neighbourhood.objects.filter(geometry__isnull=False).values_list("pk", "number", "name", "geometry")
        items = [((pk, number), name, geometry, "", "") for pk, number, name, geometry in rows]
        return svg_map(items)

    return caching.kept(("neighbourhoods",), ("offers.directory_shapes",), compute)


def _selected_circle(offer_filter) -> int | None:
    """The id of the movement circle the directory is filtered by (its list or the area box), if any."""
    if not (offer_filter.is_bound and offer_filter.is_valid()):
        return None
    data = offer_filter.form.cleaned_data
    if data.get("movement_circle"):
        return data["movement_circle"].pk
    area = data.get("area") or ""
    if area.startswith("c"):
        return split_area_code(area)[1]
    return None


CIRCLE_FILL = "#a3461a"  # white text on it has a contrast of 6:1


def _clear_of_labels(x, y, shapes, room=22):
    """A marker's place near (x, y) that does not cover a neighbourhood's count: moved up, then down, step by step."""
    for step in (0, -1, 1, -2, 2, -3, 3):
        candidate = y + step * room / 2
        if all(math.hypot(s.label_x - x, s.label_y - candidate) >= room for s in shapes):
            return round(x, 1), round(candidate, 1)
    return round(x, 1), round(y, 1)


def _circle_markers(circle_counts, shapes, query, selected_circle):
    """Each movement circle as a marker amid its neighbourhoods with the number of matching offers in it (as the
    circle filter counts: linked to the circle or to one of its neighbourhoods), and the outlines of the selected
    circle. Two queries besides the counts; none in a region, where a map of thousands of areas has no room for
    circles."""
    if len(shapes) > AREA_LIST_LIMIT:
        return [], []
    circles = [(pk, name, circle_counts.get(pk, 0)) for pk, name in MovementCircle.objects.values_list("pk", "name")]
    if not circles:
        return [], []
    members: dict[int, list] = {}
    for circle_id, neighbourhood_id in MovementCircle.neighbourhoods.through.objects.values_list(
        "movementcircle_id", "neighbourhood_id"
    ):
        members.setdefault(circle_id, []).append(neighbourhood_id)
    by_pk = {shape.key[0]: shape for shape in shapes}
    base = query.copy()
    for name in ("neighbourhood", "near", "area", "movement_circle"):
        base.pop(name, None)
    markers, outlines = [], []
    for pk, name, count in circles:
        inside = [by_pk[n] for n in members.get(pk, []) if n in by_pk]
        if not inside:
            continue
        base["movement_circle"] = pk
        x, y = _clear_of_labels(
            sum(s.label_x for s in inside) / len(inside), sum(s.label_y for s in inside) / len(inside), shapes
        )
        markers.append(
            {
                "pk": pk,
                "label": name,
                "count": count,
                "x": x,
                "y": y,
                "url": "?" + base.urlencode(),
                "selected": pk == selected_circle,
            }
        )
        if pk == selected_circle:
            outlines = inside
    return markers, outlines


def _directory_map(queryset, query, selected_circle=None):
    """Per neighbourhood on the map: the number of matching offers that serve it, directly or through a circle;
    the movement circles with theirs."""
    shapes, width, height = _directory_shapes()
    if not shapes:
        return None
    counts, circle_counts = offers_per_area(queryset, circles=len(shapes) <= AREA_LIST_LIMIT)
    base = query.copy()
    for name in ("neighbourhood", "near", "area", "movement_circle"):
        base.pop(name, None)
    items = []
    for shape in shapes:
        count = counts.get(shape.key[0], 0)
        fill, ink = next((f, i) for least, f, i in reversed(MAP_FILLS) if count >= least)
        base["neighbourhood"] = shape.key[0]
        items.append(
            {
                "shape": shape,
                "number": shape.key[1],
                "count": count,
                "fill": fill,
                "ink": ink,
                "url": "?" + base.urlencode(),
            }
        )
    circles, outlines = _circle_markers(circle_counts, shapes, query, selected_circle)
    return {
        "items": items,
        "width": width,
        "height": height,
        "circles": circles,
        "outlines": outlines,
        "circle_fill": CIRCLE_FILL,
    }


OFFER_MAP_FILLS = {"here": ("#1d5a8c", "#ffffff"), "circle": ("#9cc3e6", "#1f2933"), "": ("#eef1f4", "#1f2933")}


def _offer_map(offer):
    """The city's outlines with the offer's neighbourhoods marked, and those it reaches through its movement
    circles; each marked shape links to the directory's offers there. None without outlines or areas."""
    shapes, width, height = _directory_shapes()
    circles = [circle.pk for circle in offer.movement_circles.all()]
    here = {n.pk for n in offer.neighbourhoods.all()}
    through_circles = set()
    if circles:
        through_circles = (
            set(
                MovementCircle.neighbourhoods.through.objects.filter(movementcircle_id__in=circles).values_list(
                    "neighbourhood_id", flat=True
                )
            )
            - here
        )
    if not shapes or not (here or through_circles):
        return None
    items = []
    for shape in shapes:
        pk = shape.key[0]
        kind = "here" if pk in here else "circle" if pk in through_circles else ""
        fill, ink = OFFER_MAP_FILLS[kind]
        url = reverse("offers:directory") + "?" + urlencode({"neighbourhood": pk}) if kind else ""
        items.append({"shape": shape, "kind": kind, "fill": fill, "ink": ink, "url": url})
    marked = [item for item in items if item["kind"]]
    if not marked:  # the areas it serves have no outline
        return None
    return {
        "items": items,
        "marked": marked,
        "width": width,
        "height": height,
        "fills": {kind: fill for kind, (fill, _ink) in OFFER_MAP_FILLS.items()},
        "has_here": any(item["kind"] == "here" for item in marked),
        "has_circle": any(item["kind"] == "circle" for item in marked),
    }


@require_safe
def detail(request, uuid):
    offer = _offer_for_view(request, uuid)
    actor = actor_for(request.user)
    return render(
        request,
        "offers/detail.html",
        {"offer": offer, "can_change": rules.can_change_offer(actor, offer), "map": _offer_map(offer)},
    )


def _calendar_response(text: str, filename: str) -> HttpResponse:
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
def offer_calendar(request, uuid):
    """The offer's times as an iCalendar file."""
    offer = _offer_for_view(request, uuid)
    return _calendar_response(ics.calendar([offer], name=offer.title), f"{offer.uuid}.ics")


@require_safe
def organisation_calendar(request, slug):
    """The times of all the organisation's published offers, as one iCalendar feed."""
    organisation = get_object_or_404(Organisation.objects.filter(is_active=True, is_approved=True), slug=slug)
    offers = offers_with_details(Offer.objects.publicly_visible().filter(organisation=organisation))
    return _calendar_response(ics.calendar(offers.order_by("title", "id"), name=organisation.name), f"{slug}.ics")


# The organisation's own offers ----------------------------------------------------------------


@login_required
@require_safe
def mine(request):
    actor = actor_for(request.user)
    org_ids = rules.offer_organisation_ids(actor)
    if not org_ids:
        deny(request, "not a member of an organisation")
    organisations = list(Organisation.objects.filter(pk__in=org_ids).order_by("name"))
    offers = list(
        offers_with_details(Offer.objects.filter(organisation_id__in=org_ids)).order_by(
            "organisation__name", "status", "title", "id"
        )
    )
    groups = [(org, [o for o in offers if o.organisation_id == org.pk]) for org in organisations]
    return render(request, "offers/mine.html", {"groups": groups})


def _choose_organisation(request, actor):
    """The organisation a new offer is for: the only one, or the one chosen in ?organisation=."""
    ids = set(rules.offer_organisation_ids(actor))
    if actor.is_city_admin:
        allowed = Organisation.objects.filter(is_active=True, is_approved=True)
    else:
        allowed = Organisation.objects.filter(pk__in=ids)
    allowed = allowed.order_by("name")
    chosen = request.GET.get("organisation") or request.POST.get("organisation")
    if chosen:
        try:
            return allowed.get(pk=int(chosen)), allowed
        except (ValueError, Organisation.DoesNotExist):
            raise Http404 from None
    if len(ids) == 1 and not actor.is_city_admin:
        return allowed.get(), allowed
    return None, allowed


@login_required
def create(request):
    actor = actor_for(request.user)
    if not actor.member_organisation_ids and not actor.is_city_admin:
        deny(request, "not a member of an organisation")
    organisation, allowed = _choose_organisation(request, actor)
    if organisation is None:
        return render(
            request, "offers/choose_organisation.html", {"form": OrganisationChoiceForm(organisations=allowed)}
        )
    form = OfferForm(request.POST or None, instance=Offer(organisation=organisation))
    if request.method == "POST" and form.is_valid():
        offer = services.offer_save(
            offer=form.save(commit=False), expected_version=None, links=form.links(), times=form.weekly_times()
        )
        messages.success(request, _("The offer was saved as a draft. Publish it when it is ready."))
        return redirect("offers:detail", uuid=offer.uuid)
    return render(request, "offers/form.html", {"form": form, "organisation": organisation, "offer": None})


@login_required
def edit(request, uuid):
    offer = _offer_for_change(request, uuid)
    if offer.is_archived:
        messages.error(request, _("An archived offer cannot be edited. Duplicate it to start again."))
        return redirect("offers:detail", uuid=offer.uuid)
    form = OfferForm(request.POST or None, instance=offer)
    if request.method == "POST" and form.is_valid():
        try:
            services.offer_save(
                offer=form.save(commit=False),
                expected_version=form.expected_version,
                links=form.links(),
                times=form.weekly_times(),
            )
        except StaleObjectError:
            messages.error(request, STALE_MESSAGE)
            fresh = offers_with_details(Offer.objects.all()).get(pk=offer.pk)
            form = OfferForm(instance=fresh)
            return render(
                request,
                "offers/form.html",
                {"form": form, "organisation": fresh.organisation, "offer": fresh},
                status=409,
            )
        messages.success(request, _("Your changes were saved."))
        return redirect("offers:detail", uuid=offer.uuid)
    return render(request, "offers/form.html", {"form": form, "organisation": offer.organisation, "offer": offer})


@login_required
@require_POST
def duplicate(request, uuid):
    offer = _offer_for_change(request, uuid)
    copy = services.offer_duplicate(offer=offer)
    messages.success(request, _("A draft copy was made. Change what differs and publish it."))
    return redirect("offers:edit", uuid=copy.uuid)


def _status_action(action, allowed_from, message):
    @login_required
    @require_POST
    def view(request, uuid):
        offer = _offer_for_change(request, uuid)
        if offer.status not in allowed_from:
            messages.error(request, _("This is not possible for an offer with this status."))
            return redirect("offers:detail", uuid=offer.uuid)
        with refusals_as_messages(request) as outcome:
            action(offer=offer, expected_version=request.POST.get("version") or None)
        if outcome.ok:
            messages.success(request, message())
        return redirect("offers:detail", uuid=offer.uuid)

    return view


publish = _status_action(
    services.offer_publish, {Offer.Status.DRAFT, Offer.Status.ARCHIVED}, lambda: _("The offer is published.")
)
unpublish = _status_action(
    services.offer_unpublish, {Offer.Status.PUBLISHED}, lambda: _("The offer is a draft again and no longer public.")
)
archive = _status_action(
    services.offer_archive,
    {Offer.Status.DRAFT, Offer.Status.PUBLISHED},
    lambda: _("The offer is archived. It no longer counts anywhere."),
)


# Collaborations --------------------------------------------------------------------------------


def _collaborations_with_details(queryset):
    return queryset.select_related("coordinator").prefetch_related(
        Prefetch("members", queryset=CollaborationMember.objects.select_related("organisation")),
        "neighbourhoods",
        "movement_circles",
    )


def _collaboration_for_view(request, pk):
    collaboration = get_object_or_404(_collaborations_with_details(Collaboration.objects.all()), pk=pk)
    members = list(collaboration.members.all())
    if not rules.can_see_collaboration(actor_for(request.user), collaboration, [m.organisation_id for m in members]):
        raise Http404
    return collaboration, members


@login_required
@require_safe
def collaborations(request):
    actor = actor_for(request.user)
    if not actor.is_partner:
        deny(request, "partners only")
    items = list(_collaborations_with_details(Collaboration.objects.for_actor_visible(actor)).order_by("name", "id"))
    invitations = [(c, m) for c in items for m in c.members.all() if rules.can_answer_invitation(actor, m)]
    return render(
        request,
        "offers/collaborations.html",
        {"collaborations": items, "invitations": invitations, "can_create": rules.can_create_collaboration(actor)},
    )


@login_required
@require_safe
def collaboration_detail(request, pk):
    collaboration, members = _collaboration_for_view(request, pk)
    actor = actor_for(request.user)
    accepted = [m.organisation_id for m in members if m.status == CollaborationMember.Status.ACCEPTED]
    return render(
        request,
        "offers/collaboration_detail.html",
        {
            "collaboration": collaboration,
            "members": members,
            "can_change": rules.can_change_collaboration(actor, collaboration, accepted),
            "my_invitations": [m for m in members if rules.can_answer_invitation(actor, m)],
        },
    )


def _collaboration_form(request, actor, instance, data=None):
    approved = Organisation.objects.filter(is_active=True, is_approved=True).order_by("name")
    coordinators = approved if actor.is_city_admin else approved.filter(pk__in=actor.admin_organisation_ids)
    if instance.pk:
        # Coordination can move to any accepted member.
        coordinators = approved.filter(
            Q(pk__in=coordinators)
            | Q(
                collaboration_memberships__collaboration=instance,
                collaboration_memberships__status=CollaborationMember.Status.ACCEPTED,
            )
        ).distinct()
        invitable = approved.exclude(
            collaboration_memberships__collaboration=instance,
            collaboration_memberships__status__in=[
                CollaborationMember.Status.ACCEPTED,
                CollaborationMember.Status.INVITED,
            ],
        )
    else:
        invitable = approved
    return CollaborationForm(
        data,
        instance=instance,
        coordinators=coordinators,
        invitable=invitable,
        city_registers=actor.is_city_admin,
    )


@login_required
def collaboration_create(request):
    actor = actor_for(request.user)
    if not rules.can_create_collaboration(actor):
        deny(request, "organisation admins only")
    form = _collaboration_form(request, actor, Collaboration(), request.POST or None)
    if request.method == "POST" and form.is_valid():
        collaboration = services.collaboration_create(
            collaboration=form.save(commit=False),
            members=list(form.cleaned_data["invite"]),
            links=form.links(),
            by=request.user,
            registered_by_city=actor.is_city_admin,
        )
        messages.success(request, _("The collaboration was saved. Invited organisations can now accept or decline."))
        return redirect("offers:collaboration_detail", pk=collaboration.pk)
    return render(request, "offers/collaboration_form.html", {"form": form, "collaboration": None})


@login_required
def collaboration_edit(request, pk):
    collaboration, members = _collaboration_for_view(request, pk)
    actor = actor_for(request.user)
    accepted = [m.organisation_id for m in members if m.status == CollaborationMember.Status.ACCEPTED]
    if not rules.can_change_collaboration(actor, collaboration, accepted):
        deny(request, "not an admin of a member organisation")
    form = _collaboration_form(request, actor, collaboration, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.collaboration_update(
                collaboration=form.save(commit=False),
                expected_version=form.expected_version,
                links=form.links(),
                invite=list(form.cleaned_data["invite"]),
                accept_at_once=actor.is_city_admin,
                by=request.user,
            )
        except StaleObjectError:
            messages.error(request, STALE_MESSAGE)
            fresh = Collaboration.objects.get(pk=collaboration.pk)
            form = _collaboration_form(request, actor, fresh)
            return render(request, "offers/collaboration_form.html", {"form": form, "collaboration": fresh}, status=409)
        messages.success(request, _("Your changes were saved."))
        return redirect("offers:collaboration_detail", pk=collaboration.pk)
    return render(request, "offers/collaboration_form.html", {"form": form, "collaboration": collaboration})


def _answer(accept):
    @login_required
    @require_POST
    def view(request, pk):
        collaboration, members = _collaboration_for_view(request, pk)
        actor = actor_for(request.user)
        member_id = request.POST.get("member")
        member = next((m for m in members if str(m.pk) == member_id), None)
        if member is None or not rules.can_answer_invitation(actor, member):
            deny(request, "not the invited organisation's admin")
        with transaction.atomic():
            services.collaboration_answer(member=member, accept=accept, by=request.user)
        if accept:
            messages.success(request, _("You joined the collaboration."))
        else:
            messages.success(request, _("You declined the invitation."))
        return redirect("offers:collaboration_detail", pk=collaboration.pk)

    return view


collaboration_accept = _answer(True)
collaboration_decline = _answer(False)


# Shared spaces ---------------------------------------------------------------------------------


@login_required
@require_safe
def spaces(request):
    actor = actor_for(request.user)
    if not rules.can_see_spaces(actor):
        deny(request, "partners only")
    base = (
        SharedSpace.objects.listed()
        .select_related("organisation", "neighbourhood")
        .order_by("neighbourhood__number", "name")
    )
    space_filter = SharedSpaceFilter(request.GET or None, queryset=base).for_page()
    filtered = space_filter.is_bound and space_filter.is_valid()
    queryset = space_filter.qs if filtered else base
    own = list(
        SharedSpace.objects.filter(organisation_id__in=actor.member_organisation_ids)
        .select_related("organisation", "neighbourhood")
        .order_by("name")
    )
    return render(
        request,
        "offers/spaces.html",
        {
            "filter": space_filter,
            "filtered": filtered and any(space_filter.form.cleaned_data.values()),
            "spaces": list(queryset),
            "own": own,
            "can_add": bool(actor.member_organisation_ids),
        },
    )


def _space_for_change(request, pk):
    actor = actor_for(request.user)
    space = get_object_or_404(SharedSpace.objects.select_related("organisation", "neighbourhood"), pk=pk)
    if not space.is_active and not (actor.is_member_of(space.organisation_id) or actor.is_city_staff):
        raise Http404
    if not actor.is_partner:
        raise Http404
    if not rules.can_change_space(actor, space):
        deny(request, "space of another organisation")
    return space


@login_required
def space_create(request):
    actor = actor_for(request.user)
    if not actor.member_organisation_ids:
        deny(request, "not a member of an organisation")
    organisation, allowed = _choose_organisation(request, actor)
    if organisation is None:
        return render(
            request, "offers/choose_organisation.html", {"form": OrganisationChoiceForm(organisations=allowed)}
        )
    form = SharedSpaceForm(request.POST or None, instance=SharedSpace(organisation=organisation))
    if request.method == "POST" and form.is_valid():
        services.space_save(space=form.save(commit=False), expected_version=None)
        messages.success(request, _("The space is listed for other partners."))
        return redirect("offers:spaces")
    return render(request, "offers/space_form.html", {"form": form, "organisation": organisation, "space": None})


@login_required
def space_edit(request, pk):
    space = _space_for_change(request, pk)
    form = SharedSpaceForm(request.POST or None, instance=space)
    if request.method == "POST" and form.is_valid():
        try:
            services.space_save(space=form.save(commit=False), expected_version=form.expected_version)
        except StaleObjectError:
            messages.error(request, STALE_MESSAGE)
            fresh = SharedSpace.objects.select_related("organisation").get(pk=space.pk)
            return render(
                request,
                "offers/space_form.html",
                {"form": SharedSpaceForm(instance=fresh), "organisation": fresh.organisation, "space": fresh},
                status=409,
            )
        messages.success(request, _("Your changes were saved."))
        return redirect("offers:spaces")
    return render(request, "offers/space_form.html", {"form": form, "organisation": space.organisation, "space": space})
