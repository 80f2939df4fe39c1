"""Pages of the support app: short views that ask ``support.rules`` and call ``support.services``."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from charter_portal import exports
from charter_portal.concurrency import refusals_as_messages
from charter_portal.errors import BadInput
from charter_portal.permissions import actor_for, deny
from offers.models import Collaboration, CollaborationMember, SharedSpace
from organisations.models import Organisation, Sector
from organisations.rules import organisation_for_members
from organisations.selectors import members as organisation_members
from support import ics, rules, selectors, services, workflow
from support.forms import (
    BookingForm,
    ConditionsForm,
    ExceptionForm,
    MentorshipForm,
    RoleForm,
    SlotForm,
    StepForm,
    SupportOfferForm,
    SupportRequestEditForm,
    SupportRequestForm,
    VolunteerRunForm,
    YearForm,
)
from support.models import (
    AvailabilityException,
    Booking,
    SmallOrganisation,
    SpaceConditions,
    SupportKind,
    SupportOffer,
)


def _partner(request):
    actor = actor_for(request.user)
    if not rules.can_use_support(actor):
        deny(request, "partners only")
    return actor


# Volunteer-run organisations -----------------------------------------------------------------------------------


@login_required
def volunteer_run(request, slug):
    """An organisation's admins say whether it is run by volunteers: then it may ask for support."""
    organisation = organisation_for_members(request, slug, manage=True)
    profile = SmallOrganisation.objects.filter(organisation=organisation).first()
    current = bool(profile and profile.is_volunteer_run)
    # An unticked box sends nothing: a POST without it is a valid answer (no longer volunteer-run).
    form = VolunteerRunForm(request.POST if request.method == "POST" else None, initial={"is_volunteer_run": current})
    if request.method == "POST" and form.is_valid():
        marked = form.cleaned_data["is_volunteer_run"]
        services.volunteer_run_set(by=request.user, organisation=organisation, is_volunteer_run=marked)
        if marked:
            messages.success(request, _("%(name)s is marked as run by volunteers.") % {"name": organisation.name})
        else:
            messages.success(
                request, _("%(name)s is no longer marked as run by volunteers.") % {"name": organisation.name}
            )
        return redirect("support:volunteer_run", slug=organisation.slug)
    return render(
        request,
        "support/volunteer_run.html",
        {
            "organisation": organisation,
            "form": form,
            "is_volunteer_run": current,
            "is_self_organisation": organisation.kind == Organisation.Kind.SELF_ORGANISATION,
        },
    )


# Support requests ---------------------------------------------------------------------------------------------


@login_required
@require_safe
def request_list(request):
    actor = _partner(request)
    rows = list(selectors.requests_for(actor)[:200])
    return render(
        request,
        "support/requests.html",
        {"requests": rows, "can_ask": rules.asking_organisations(actor).exists(), "today": timezone.localdate()},
    )


@login_required
def request_create(request):
    actor = _partner(request)
    organisations = rules.asking_organisations(actor)
    if not organisations.exists():
        deny(request, "not a small organisation")
    form = SupportRequestForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        with refusals_as_messages(request) as outcome:
            created = services.support_request_create(by=request.user, **form.cleaned_data)
        if outcome.ok:
            messages.success(request, _("Your request is sent. You get a first answer within 10 working days."))
            return redirect(created.get_absolute_url())
    return render(request, "support/request_form.html", {"form": form})


def _request_or_404(request, pk):
    found = selectors.request_for_view(_partner(request), pk)
    if found is None:
        raise Http404
    return found


@login_required
@require_safe
def request_detail(request, pk):
    support_request = _request_or_404(request, pk)
    actor = actor_for(request.user)
    steps = [
        step
        for step in workflow.STEPS
        if support_request.status in step.sources
        and any(rules.party_of(actor, support_request, party) for party in step.who)
        and not (step.name == "confirm" and support_request.helped is not None)
    ]
    return render(
        request,
        "support/request_detail.html",
        {
            "support_request": support_request,
            "steps": steps,
            "form": StepForm(initial={"version": support_request.version}),
            "can_edit": rules.can_edit_request(actor, support_request) and support_request.status in workflow.EDITABLE,
            "needs_supporter": actor.is_charter_coordinator
            or len(rules.supporting_organisation_ids(actor, support_request.kind)) > 1,
        },
    )


@login_required
def request_edit(request, pk):
    support_request = _request_or_404(request, pk)
    if not rules.can_edit_request(actor_for(request.user), support_request):
        deny(request, "not the asking organisation")
    if support_request.status not in workflow.EDITABLE:
        messages.error(request, _("This request is closed: it can no longer be changed."))
        return redirect(support_request.get_absolute_url())
    form = SupportRequestEditForm(
        request.POST or None, instance=support_request, initial={"version": support_request.version}
    )
    if request.method == "POST" and form.is_valid():
        with refusals_as_messages(request) as outcome:
            services.support_request_edit(
                request=support_request,
                by=request.user,
                needs=form.cleaned_data["needs"],
                needed_by=form.cleaned_data["needed_by"],
                expected_version=form.cleaned_data["version"],
            )
        if outcome.ok:
            messages.success(request, _("Your request is updated."))
            return redirect(support_request.get_absolute_url())
        return redirect("support:request_edit", pk=support_request.pk)
    return render(request, "support/request_edit.html", {"support_request": support_request, "form": form})


@login_required
@require_POST
def request_step(request, pk, name):
    support_request = _request_or_404(request, pk)
    form = StepForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Check your answer: %(errors)s") % {"errors": form.errors.as_text()})
        return redirect(support_request.get_absolute_url())
    with refusals_as_messages(request) as outcome:
        services.support_request_step(
            request=support_request,
            by=request.user,
            name=name,
            expected_version=form.cleaned_data["version"],
            supporter=form.cleaned_data["supporter"],
            reason=form.cleaned_data["reason"],
            helped=form.cleaned_data["helped"],
        )
    if outcome.ok:
        messages.success(request, _("The request is updated."))
    return redirect(support_request.get_absolute_url())


# The support catalogue ----------------------------------------------------------------------------------------


@login_required
@require_safe
def catalogue(request):
    actor = _partner(request)
    offers = SupportOffer.objects.listed().select_related("organisation")
    kind = request.GET.get("kind", "")
    if kind and kind in SupportKind.values:
        offers = offers.filter(kind=kind)
    return render(
        request,
        "support/catalogue.html",
        {
            "offers": offers,
            "kinds": SupportKind.choices,
            "kind": kind,
            "can_publish": rules.offering_organisations(actor).exists(),
        },
    )


@login_required
def offer_create(request):
    actor = _partner(request)
    organisations = rules.offering_organisations(actor)
    if not organisations.exists():
        deny(request, "not an organisation admin")
    form = SupportOfferForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        services.support_offer_save(offer=form.save(commit=False))
        messages.success(request, _("Your support is in the catalogue."))
        return redirect("support:catalogue")
    return render(request, "support/offer_form.html", {"form": form})


# Mentorships --------------------------------------------------------------------------------------------------


@login_required
def mentorships(request):
    actor = _partner(request)
    form = MentorshipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with refusals_as_messages(request) as outcome:
            services.mentorship_propose(by=request.user, **form.cleaned_data)
        if outcome.ok:
            messages.success(request, _("The mentorship is proposed. It holds once both organisations accept."))
            return redirect("support:mentorships")
    rows = list(selectors.mentorships_for(actor))
    for row in rows:
        row.answer_side = rules.mentorship_answering_side(actor, row)
    return render(request, "support/mentorships.html", {"mentorships": rows, "form": form})


@login_required
@require_POST
def mentorship_answer(request, pk):
    actor = _partner(request)
    mentorship = selectors.mentorships_for(actor).filter(pk=pk).first()
    if mentorship is None:
        raise Http404
    with refusals_as_messages(request) as outcome:
        services.mentorship_answer(
            mentorship=mentorship,
            by=request.user,
            accept=request.POST.get("answer") == "accept",
            expected_version=request.POST.get("version") or None,
        )
    if outcome.ok:
        messages.success(request, _("Your answer is saved."))
    return redirect("support:mentorships")


# Shared spaces ------------------------------------------------------------------------------------------------


def _spaces():
    return (
        SharedSpace.objects.listed()
        .select_related("organisation", "neighbourhood", "conditions")
        .prefetch_related("availability_slots")
    )


@login_required
@require_safe
def spaces(request):
    _partner(request)
    return render(request, "support/spaces.html", {"spaces": _spaces(), "public": False})


@require_safe
def public_spaces(request):
    return render(
        request, "support/spaces.html", {"spaces": _spaces().filter(conditions__is_public=True), "public": True}
    )


def _space_or_404(request, pk):
    _partner(request)
    return get_object_or_404(_spaces(), pk=pk)


@login_required
def space_detail(request, pk):
    space = _space_or_404(request, pk)
    actor = actor_for(request.user)
    form = BookingForm(request.POST or None, organisations=rules.booking_organisations(actor))
    if request.method == "POST" and form.is_valid():
        starts_at, ends_at = form.period()
        with refusals_as_messages(request) as outcome:
            made = services.booking_request(
                by=request.user,
                space=space,
                organisation=form.cleaned_data["organisation"],
                starts_at=starts_at,
                ends_at=ends_at,
                purpose=form.cleaned_data["purpose"],
                weekly_until=form.cleaned_data["weekly_until"],
            )
        if outcome.ok:
            messages.success(
                request,
                _("Your booking request is sent (%(count)s times). The owner accepts or declines it.")
                % {"count": len(made)},
            )
            return redirect(f"{reverse('support:calendar', args=[space.pk])}?week={form.cleaned_data['day']}")
    return render(
        request,
        "support/space_detail.html",
        {
            "space": space,
            "conditions": getattr(space, "conditions", None) if _has_conditions(space) else None,
            "exceptions": space.availability_exceptions.filter(ends_on__gte=timezone.localdate()),
            "form": form,
            "can_manage": rules.can_manage_space(actor, space),
        },
    )


def _has_conditions(space) -> bool:
    try:
        return space.conditions is not None
    except SpaceConditions.DoesNotExist:
        return False


@login_required
def space_manage(request, pk):
    space = _space_or_404(request, pk)
    if not rules.can_manage_space(actor_for(request.user), space):
        deny(request, "not the space's owner")
    conditions = space.conditions if _has_conditions(space) else SpaceConditions(space=space)
    members = organisation_members(organisation_id=space.organisation_id)
    part = request.POST.get("part")
    forms = {
        "conditions": ConditionsForm(
            request.POST if part == "conditions" else None, instance=conditions, members=members
        ),
        "slot": SlotForm(request.POST if part == "slot" else None, prefix="slot"),
        "exception": ExceptionForm(request.POST if part == "exception" else None, prefix="exception"),
    }
    if request.method == "POST":
        if part == "remove_slot":
            space.availability_slots.filter(pk=request.POST.get("slot_id") or 0).delete()
            return redirect("support:space_manage", pk=space.pk)
        if part == "remove_exception":
            space.availability_exceptions.filter(pk=request.POST.get("exception_id") or 0).delete()
            return redirect("support:space_manage", pk=space.pk)
        form = forms.get(part)
        if form is not None and form.is_valid():
            row = form.save(commit=False)
            row.space = space
            if part == "conditions":
                with refusals_as_messages(request) as outcome:
                    services.conditions_save(conditions=row, expected_version=form.cleaned_data.get("version"))
                    form.save_m2m()
                if not outcome.ok:
                    return redirect("support:space_manage", pk=space.pk)
            else:
                row.save()
            messages.success(request, _("Saved."))
            return redirect("support:space_manage", pk=space.pk)
    return render(
        request,
        "support/space_manage.html",
        {
            "space": space,
            "forms": forms,
            "slots": space.availability_slots.all(),
            "exceptions": space.availability_exceptions.all(),
        },
    )


def _week(request) -> datetime.date:
    raw = request.GET.get("week", "")
    try:
        day = datetime.date.fromisoformat(raw) if raw else timezone.localdate()
    except ValueError:
        day = timezone.localdate()
    return selectors.week_start(day)


@login_required
@require_safe
def calendar(request, pk):
    space = _space_or_404(request, pk)
    actor = actor_for(request.user)
    monday = _week(request)
    exceptions = list(AvailabilityException.objects.filter(space=space))
    days = selectors.calendar_week(space, monday, exceptions)
    managers = services.booking_manager_ids(space)
    for day in days:
        for booking in day.bookings:
            booking.can_answer = booking.status == Booking.Status.REQUESTED and rules.can_answer_booking(
                actor, space, managers
            )
            booking.can_cancel = rules.can_cancel_booking(actor, booking)
            booking.is_ours = actor.is_member_of(booking.organisation_id) or actor.is_member_of(space.organisation_id)
    return render(
        request,
        "support/calendar.html",
        {
            "space": space,
            "days": days,
            "monday": monday,
            "previous": monday - datetime.timedelta(days=7),
            "next": monday + datetime.timedelta(days=7),
        },
    )


@login_required
@require_safe
def calendar_ics(request, pk):
    space = _space_or_404(request, pk)
    since = timezone.now() - datetime.timedelta(days=31)
    bookings = Booking.objects.holding().filter(space=space, ends_at__gte=since).select_related("organisation")
    response = HttpResponse(ics.calendar(space, bookings), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="space-{space.pk}.ics"'
    return response


@login_required
@require_POST
def booking_step(request, pk, step):
    actor = _partner(request)
    booking = get_object_or_404(Booking.objects.select_related("space", "organisation"), pk=pk)
    if not rules.can_see_booking(actor, booking):
        raise Http404
    with refusals_as_messages(request) as outcome:
        services.booking_answer(
            booking=booking,
            by=request.user,
            step=step,
            expected_version=request.POST.get("version") or None,
            whole_series=request.POST.get("series") == "1",
        )
    if outcome.ok:
        messages.success(request, _("The booking is updated."))
    day = timezone.localtime(booking.starts_at).date()
    return redirect(f"{reverse('support:calendar', args=[booking.space_id])}?week={day}")


# Collaboration roles -------------------------------------------------------------------------------------------


@login_required
@require_safe
def collaborations(request):
    actor = _partner(request)
    sector = request.GET.get("sector", "")
    rows = Collaboration.objects.for_actor_visible(actor).select_related("coordinator").order_by("name", "id")
    if sector:
        rows = rows.filter(pk__in=selectors.collaboration_ids_bridging(sector))
    rows = list(rows[:200])
    roles = selectors.roles_by_collaboration([c.pk for c in rows])
    return render(
        request,
        "support/collaborations.html",
        {
            "collaborations": [{"collaboration": c, "roles": roles.get(c.pk, [])} for c in rows],
            "sectors": Sector.objects.exclude(code__in=["youth_work", "other"]),
            "sector": sector,
        },
    )


@login_required
def collaboration_roles(request, pk):
    actor = _partner(request)
    collaboration = Collaboration.objects.for_actor_visible(actor).filter(pk=pk).first()
    if collaboration is None:
        raise Http404
    accepted = Organisation.objects.filter(
        collaboration_memberships__collaboration=collaboration,
        collaboration_memberships__status=CollaborationMember.Status.ACCEPTED,
    ).order_by("name")
    allowed = [org for org in accepted if rules.can_declare_role(actor, collaboration, org.pk)]
    if not allowed:
        deny(request, "cannot declare roles")
    form = RoleForm(request.POST or None, organisations=accepted.filter(pk__in=[o.pk for o in allowed]))
    if request.method == "POST" and form.is_valid():
        with refusals_as_messages(request) as outcome:
            services.collaboration_role_set(
                by=request.user,
                collaboration=collaboration,
                organisation=form.cleaned_data["organisation"],
                role=form.cleaned_data["role"],
                functions=form.cleaned_data["functions"],
                sectors=form.cleaned_data["sectors"],
            )
        if outcome.ok:
            messages.success(request, _("The role is saved."))
            return redirect("support:collaboration_roles", pk=collaboration.pk)
    return render(
        request,
        "support/roles.html",
        {
            "collaboration": collaboration,
            "roles": selectors.roles_by_collaboration([collaboration.pk]).get(collaboration.pk, []),
            "form": form,
        },
    )


# The yearly overview -------------------------------------------------------------------------------------------


def _overview_viewer(request):
    actor = _partner(request)
    if not (actor.is_charter_coordinator or actor.is_city_staff):
        deny(request, "coordinators and city staff only")


def _overview_table(request):
    """The chosen year (this year when none or a wrong one is asked: the form says so), the form, the column
    labels and the rows: per kind of support (all kinds first), (asked, met) per kind of organisation."""
    year = timezone.localdate().year
    form = YearForm(request.GET or None, initial={"year": year})
    if form.is_valid() and form.cleaned_data["year"]:
        year = form.cleaned_data["year"]
    data = selectors.yearly_overview(year)
    kinds = [(None, _("All kinds"))] + list(SupportKind.choices)
    org_kinds = [(None, _("All organisations"))] + list(Organisation.Kind.choices)
    table = [
        {
            "label": label,
            "cells": [(data["asked"][(code, ok)], data["met"][(code, ok)]) for ok, _label in org_kinds],
        }
        for code, label in kinds
    ]
    return year, form, [label for _code, label in org_kinds], table


@login_required
@require_safe
def overview(request):
    _overview_viewer(request)
    year, form, columns, table = _overview_table(request)
    return render(
        request,
        "support/overview.html",
        {"form": form, "year": year, "table": table, "columns": columns},
    )


@login_required
@require_safe
def overview_export(request, fmt):
    """The yearly overview as a spreadsheet: a row per kind of support, asked and met per kind of organisation."""
    _overview_viewer(request)
    if fmt not in (exports.CSV, exports.XLSX):
        raise Http404
    dialect = exports.dialect_from(request.GET)
    year, form, labels, table = _overview_table(request)
    if form.is_bound and not form.is_valid():
        raise BadInput(form.errors["year"][0], field="year")
    columns = [exports.Column(_("Year"), exports.NUMBER), exports.Column(_("Kind of support"))]
    for label in labels:
        label = capfirst(str(label))
        columns.append(exports.Column(_("%(organisations)s: asked") % {"organisations": label}, exports.NUMBER))
        columns.append(exports.Column(_("%(organisations)s: met") % {"organisations": label}, exports.NUMBER))
    rows = [[year, capfirst(str(row["label"])), *(count for cell in row["cells"] for count in cell)] for row in table]
    return exports.export_response(f"support-overview-{year}", columns, rows, format=fmt, dialect=dialect)
