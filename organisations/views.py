from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.models import Invitation
from charter_portal import caching
from charter_portal.concurrency import STALE_MESSAGE, StaleObjectError, save_versioned
from charter_portal.permissions import actor_for, city_admin_required
from organisations import services
from organisations.forms import (
    ApproveForm,
    CoordinatorForm,
    InvitationForm,
    OrganisationEditForm,
    RegistrationForm,
    RejectForm,
    RoleChangeForm,
)
from organisations.models import Function, Membership, Organisation
from organisations.rules import (
    can_manage_members,
    organisation_for_members,
    organisation_for_view,
)
from organisations.selectors import city_staff_memberships


@require_safe
def organisation_list(request):
    """The public directory of approved organisations."""
    organisations = Organisation.objects.approved().with_signatory_flag().prefetch_related("sectors").order_by("name")
    kind = request.GET.get("kind", "")
    if kind in Organisation.Kind.values:
        organisations = organisations.filter(kind=kind)
    else:
        kind = ""
    return render(
        request,
        "organisations/list.html",
        {"organisations": organisations, "kinds": Organisation.Kind.choices, "kind": kind},
    )


@require_safe
def organisation_detail(request, slug):
    organisation = organisation_for_view(request, slug)
    actor = actor_for(request.user)
    return render(
        request,
        "organisations/detail.html",
        {
            "organisation": organisation,
            "is_member": actor.is_member_of(organisation.pk),
            "can_manage": can_manage_members(actor, organisation),
        },
    )


@require_http_methods(["GET", "POST"])
def register(request):
    """Self-service registration of a new organisation with its first admin."""
    user = request.user if request.user.is_authenticated else None
    form = RegistrationForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        organisation, admin = services.organisation_register(
            name=data["name"],
            kind=data["kind"],
            sectors=data["sectors"],
            description=data["description"],
            email=data["email"],
            phone=data["phone"],
            website=data["website"],
            admin=user,
            admin_name=data.get("admin_name", ""),
            admin_email=data.get("admin_email", ""),
            admin_password=data.get("password1", ""),
            language=translation.get_language() or "nl",
        )
        if user is None:
            # The new account logs in once its address is confirmed (the mailed link).
            messages.success(
                request,
                _(
                    "Thank you. %(name)s is registered. We sent a link to %(email)s: open it to confirm your e-mail "
                    "address, then log in."
                )
                % {"name": organisation.name, "email": admin.email},
            )
            return redirect("accounts:confirmation_sent")
        messages.success(
            request,
            _("Thank you. %(name)s is registered; a city admin will review it. You will get an e-mail.")
            % {"name": organisation.name},
        )
        return redirect("organisations:mine")
    return render(request, "organisations/register.html", {"form": form})


@login_required
@require_safe
def my_organisations(request):
    """The organisations the person belongs to, approved or not, with the work they can do there."""
    memberships = (
        Membership.objects.filter(user=request.user)
        .select_related("organisation")
        .annotate(
            member_count=Count("organisation__memberships", filter=Q(organisation__memberships__ended_at__isnull=True))
        )
        .order_by("organisation__name")
    )
    return render(request, "organisations/mine.html", {"memberships": memberships})


@city_admin_required
@require_safe
def approvals(request):
    """The queue of registered organisations waiting for a city admin."""
    waiting = (
        Organisation.objects.awaiting_approval()
        .prefetch_related(
            "sectors",
            Prefetch(
                "memberships",
                queryset=Membership.objects.filter(role=Membership.Role.ADMIN).select_related("user"),
                to_attr="admin_memberships",
            ),
        )
        .order_by("created_at")
    )
    recent = (
        Organisation.objects.filter(Q(rejected_at__isnull=False) | Q(approved_at__isnull=False))
        .select_related("approved_by", "rejected_by")
        .order_by("-approved_at", "-rejected_at")[:10]
    )
    return render(request, "organisations/approvals.html", {"waiting": waiting, "recent": recent})


@city_admin_required
@require_safe
def coordinators(request):
    """City admins decide which city staff are charter coordinators."""
    return render(request, "organisations/coordinators.html", {"memberships": city_staff_memberships()})


@city_admin_required
@require_POST
def coordinator_set(request, pk):
    membership = get_object_or_404(city_staff_memberships(), pk=pk)
    form = CoordinatorForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The form was incomplete. Try again."))
        return redirect("organisations:coordinators")
    grant = form.cleaned_data["grant"]
    try:
        services.membership_set_charter_coordinator(membership=membership, grant=grant, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("organisations:coordinators")
    if grant:
        message = _("%(name)s is now a charter coordinator.")
    else:
        message = _("%(name)s is no longer a charter coordinator.")
    messages.success(request, message % {"name": membership.user})
    return redirect("organisations:coordinators")


def _review_target(slug):
    return get_object_or_404(Organisation.objects.awaiting_approval(), slug=slug)


@city_admin_required
@require_POST
def approve(request, slug):
    organisation = _review_target(slug)
    form = ApproveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The form was incomplete. Try again."))
        return redirect("organisations:approvals")
    try:
        services.organisation_approve(
            organisation=organisation, by=request.user, expected_version=form.cleaned_data["version"]
        )
    except StaleObjectError:
        messages.error(request, STALE_MESSAGE)
        return redirect("organisations:approvals")
    messages.success(request, _("%(name)s is approved; its admins got an e-mail.") % {"name": organisation.name})
    return redirect("organisations:approvals")


@city_admin_required
@require_http_methods(["GET", "POST"])
def reject(request, slug):
    organisation = _review_target(slug)
    form = RejectForm(request.POST or None, initial={"version": organisation.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_reject(
                organisation=organisation,
                by=request.user,
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"],
            )
        except StaleObjectError:
            messages.error(request, STALE_MESSAGE)
            return redirect("organisations:approvals")
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("%(name)s is rejected; its admins got an e-mail.") % {"name": organisation.name}
            )
            return redirect("organisations:approvals")
    return render(request, "organisations/reject.html", {"organisation": organisation, "form": form})


def _members_context(request, organisation, **extra):
    memberships = list(
        Membership.objects.filter(organisation=organisation).select_related("user").order_by("user__full_name")
    )
    invitations = list(Invitation.objects.open().filter(organisation=organisation).select_related("invited_by"))
    admin_count = sum(1 for m in memberships if m.is_admin)
    actor = actor_for(request.user)
    return {
        "organisation": organisation,
        "memberships": memberships,
        "invitations": invitations,
        "admin_count": admin_count,
        "can_manage": can_manage_members(actor, organisation),
        "invite_form": InvitationForm(),
        "valid_days": settings.INVITATION_VALID_DAYS,
        **extra,
    }


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, slug):
    """Admins keep their organisation's public profile up to date."""
    organisation = organisation_for_members(request, slug, manage=True)
    form = OrganisationEditForm(request.POST or None, instance=organisation)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                with transaction.atomic():
                    changed = form.save(commit=False)
                    save_versioned(changed, form.cleaned_data["version"])
                    form.save_m2m()
                    caching.bump("organisations")
            except StaleObjectError as stale:
                messages.error(request, STALE_MESSAGE)
                form = OrganisationEditForm(instance=stale.current)
                status = 409
            else:
                messages.success(request, _("The profile of %(name)s was saved.") % {"name": changed.name})
                return redirect("organisations:detail", slug=changed.slug)
        else:
            status = 400
    return render(request, "organisations/edit.html", {"organisation": organisation, "form": form}, status=status)


@login_required
@require_safe
def members(request, slug):
    organisation = organisation_for_members(request, slug, manage=False)
    return render(request, "organisations/members.html", _members_context(request, organisation))


@login_required
@require_POST
def invite(request, slug):
    organisation = organisation_for_members(request, slug, manage=True)
    form = InvitationForm(request.POST)
    if form.is_valid():
        try:
            services.invitation_create(
                organisation=organisation,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                by=request.user,
                language=translation.get_language() or "nl",
            )
        except ValidationError as error:
            form.add_error("email", error.message_dict.get("email", error.messages))
        else:
            messages.success(
                request, _("The invitation was sent to %(email)s.") % {"email": form.cleaned_data["email"]}
            )
            return redirect("organisations:members", slug=organisation.slug)
    context = _members_context(request, organisation, invite_form=form)
    return render(request, "organisations/members.html", context, status=400)


@login_required
@require_POST
def revoke_invitation(request, slug, pk):
    organisation = organisation_for_members(request, slug, manage=True)
    invitation = get_object_or_404(Invitation.objects.open(), organisation=organisation, pk=pk)
    services.invitation_revoke(invitation=invitation, by=request.user)
    messages.success(request, _("The invitation for %(email)s was withdrawn.") % {"email": invitation.email})
    return redirect("organisations:members", slug=organisation.slug)


@login_required
@require_http_methods(["GET", "POST"])
def change_role(request, slug, pk):
    organisation = organisation_for_members(request, slug, manage=True)
    membership = get_object_or_404(Membership.objects.select_related("user"), organisation=organisation, pk=pk)
    form = RoleChangeForm(request.POST or None, user=request.user, initial={"role": membership.role})
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_change_role(membership=membership, role=form.cleaned_data["role"], by=request.user)
        except ValidationError as error:
            form.add_error("role", error.messages)
        else:
            messages.success(request, _("The role of %(name)s was changed.") % {"name": membership.user})
            return redirect("organisations:members", slug=organisation.slug)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "organisations/change_role.html",
        {"organisation": organisation, "membership": membership, "form": form},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def remove_member(request, slug, pk):
    organisation = organisation_for_members(request, slug, manage=True)
    membership = get_object_or_404(Membership.objects.select_related("user"), organisation=organisation, pk=pk)
    error = None
    if request.method == "POST":
        try:
            services.membership_remove(membership=membership, by=request.user)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("%(name)s is no longer a member.") % {"name": membership.user})
            if membership.user_id == request.user.pk:
                return redirect("organisations:mine")
            return redirect("organisations:members", slug=organisation.slug)
    return render(
        request,
        "organisations/remove_member.html",
        {"organisation": organisation, "membership": membership, "error": error},
        status=400 if error else 200,
    )


@require_safe
def functions(request):
    """The four functions of youth welfare work, explained: one small table, one template."""
    return render(request, "functions.html", {"functions": list(Function.objects.all())})
