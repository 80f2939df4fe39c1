"""History pages: an organisation's own history for its admins, everything for city admins."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from charter_portal.history import history_entries, kinds_for
from charter_portal.permissions import actor_for, city_admin_required, deny
from organisations.models import Organisation
from organisations.rules import can_see_organisation_history

PAGE_LIMIT = 100


class HistoryFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of object"), required=False)
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All kinds"))] + [(k.code, k.label) for k in kinds_for(organisation)]

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            self.add_error("until", _("The end date cannot be before the start date."))
        return data


def _render(request, *, organisation):
    form = HistoryFilterForm(request.GET or None, organisation=organisation)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    entries = []
    if not form.is_bound or form.is_valid():
        entries = history_entries(
            organisation=organisation,
            kind_codes=[filters["kind"]] if filters.get("kind") else None,
            since=filters.get("since"),
            until=filters.get("until"),
            limit=PAGE_LIMIT,
        )
    return render(
        request,
        "organisations/history.html",
        {"organisation": organisation, "form": form, "entries": entries, "limit": PAGE_LIMIT},
        status=200 if not form.is_bound or form.is_valid() else 400,
    )


@login_required
@require_GET
def organisation_history(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    actor = actor_for(request.user)
    if not (actor.is_member_of(organisation.pk) or actor.is_city_admin):
        raise Http404
    if not can_see_organisation_history(actor, organisation):
        deny(request, "organisation admins only")
    return _render(request, organisation=organisation)


@city_admin_required
@require_GET
def all_history(request):
    return _render(request, organisation=None)
