from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from charter_portal import caching
from charter_portal.concurrency import refusals_as_messages
from charter_portal.errors import StepNotAllowed
from charter_portal.permissions import actor_for, deny
from organisations.models import Organisation
from signals import forms, rules, services, stats
from signals.filters import SignalFilter
from signals.models import PrioritisationRound, RoundCandidate, Signal, SignalTheme, Status, Theme, Vote
from signals.workflow import TRANSITIONS, allowed_from

ACTION_FORMS = {
    "acknowledge": forms.AcknowledgeForm,
    "start": forms.StartForm,
    "answer": forms.AnswerForm,
    "close": forms.CloseForm,
    "reopen": forms.ReopenForm,
}


def _reader(request):
    """The actor, when they may read signals at all (logged in is checked by the decorator)."""
    actor = actor_for(request.user)
    if not rules.can_read_signals(actor):
        deny(request, "signals are for partners and city staff")
    return actor


def _get_signal(request, pk) -> tuple[Signal, object]:
    """Fetch and authorise: people who may not read signals get 404 on a single one."""
    actor = actor_for(request.user)
    if not rules.can_read_signals(actor):
        raise Http404
    return get_object_or_404(Signal.objects.for_lists(), pk=pk), actor


def _deadline_settings() -> dict:
    return {
        "acknowledge_days": settings.SIGNAL_ACKNOWLEDGE_WORKING_DAYS,
        "answer_days": settings.SIGNAL_ANSWER_DAYS,
    }


def _paginate(request, queryset, per_page=25):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def _render_list(request, title, context):
    """The list page. Filters, count, table and pages are kept per audience, language, day and query until a
    signal, an organisation or an area changes (charter_portal/caching.py)."""
    content = caching.render_part(
        request,
        "signals/_list.html",
        lambda: {"title": title, **_deadline_settings(), **context()},
        domains=("signals", "organisations", "neighbourhoods"),
    )
    return render(request, "signals/list.html", {"title": title, "content": content})


@login_required
@require_safe
def signal_list(request):
    _reader(request)

    def context():
        filterset = SignalFilter(request.GET or None, queryset=Signal.objects.for_lists()).for_page()
        query = request.GET.copy()
        query.pop("page", None)
        page = _paginate(request, filterset.qs)
        return {"filter": filterset, "page": page, "query": query.urlencode(), "mine": False}

    return _render_list(request, _("All signals"), context)


@login_required
@require_safe
def my_signals(request):
    actor = _reader(request)
    organisation_ids = rules.reporting_organisation_ids(actor)
    if not organisation_ids:
        deny(request, "no partner organisation")

    def context():
        queryset = Signal.objects.for_lists().filter(organisation_id__in=organisation_ids)
        return {"page": _paginate(request, queryset), "query": "", "mine": True}

    return _render_list(request, _("My organisation's signals"), context)


def _reporting_organisations(actor):
    return Organisation.objects.approved().filter(pk__in=rules.reporting_organisation_ids(actor))


@login_required
@require_http_methods(["GET", "POST"])
def signal_create(request):
    actor = _reader(request)
    organisations = list(_reporting_organisations(actor))
    if not organisations:
        deny(request, "only members of partner organisations report signals")
    form = forms.SignalForm(
        request.POST or None, organisations=Organisation.objects.filter(pk__in=[o.pk for o in organisations])
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            signal = services.signal_report(by=request.user, **data)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(
                request, _("Your signal was reported. The city acknowledges it within the deadline shown.")
            )
            return redirect("signals:detail", pk=signal.pk)
    return render(request, "signals/form.html", {"form": form})


def _detail_context(request, signal, actor, bound=None):
    entries = signal.timeline.select_related("author", "author_organisation")
    if not rules.can_read_internal_notes(actor):
        entries = entries.filter(is_internal=False)
    endorsements = list(signal.endorsements.select_related("organisation"))
    actions = []
    for step in allowed_from(signal.status):
        if not rules.can_make(actor, step.name, signal):
            continue
        if step.name == "reopen" and not rules.reopen_window_open(signal):
            continue
        form = (
            bound[1]
            if bound and bound[0] == step.name
            else ACTION_FORMS[step.name](initial={"version": signal.version})
        )
        actions.append({"name": step.name, "label": step.label, "form": form})
    endorse_orgs = rules.endorsing_organisation_ids(actor, signal, already={e.organisation_id for e in endorsements})
    endorse_form = None
    if endorse_orgs and signal.status != Status.CLOSED:
        endorse_form = (
            bound[1]
            if bound and bound[0] == "endorse"
            else forms.EndorseForm(organisations=Organisation.objects.filter(pk__in=endorse_orgs))
        )
    note_form = None
    if rules.can_add_note(actor, signal):
        note_form = bound[1] if bound and bound[0] == "note" else forms.NoteForm()
    return {
        "signal": signal,
        "entries": list(entries),
        "endorsements": endorsements,
        "actions": actions,
        "endorse_form": endorse_form,
        "note_form": note_form,
        "rounds": list(RoundCandidate.objects.filter(signal=signal).select_related("round")),
        "today": timezone.localdate(),
    }


@login_required
@require_safe
def signal_detail(request, pk):
    signal, actor = _get_signal(request, pk)
    return render(request, "signals/detail.html", _detail_context(request, signal, actor))


@login_required
@require_POST
def signal_transition(request, pk, name):
    signal, actor = _get_signal(request, pk)
    if name not in TRANSITIONS:
        raise Http404
    if not rules.can_make(actor, name, signal):
        deny(request, f"may not {name} this signal")
    form = ACTION_FORMS[name](request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        call = {
            "acknowledge": services.signal_acknowledge,
            "start": services.signal_start,
            "answer": services.signal_answer,
            "close": services.signal_close,
            "reopen": services.signal_reopen,
        }[name]
        try:
            with refusals_as_messages(request) as outcome:
                call(signal=signal, by=request.user, expected_version=version, **data)
        except PermissionDenied as exc:
            deny(request, str(exc))
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            if outcome.ok:
                messages.success(request, _("Saved. The step is on the signal's timeline."))
            return redirect("signals:detail", pk=signal.pk)
    if signal.status not in TRANSITIONS[name].sources:
        messages.error(request, _("This step is not possible in the signal's current state."))
        return redirect("signals:detail", pk=signal.pk)
    context = _detail_context(request, signal, actor, bound=(name, form))
    return render(request, "signals/detail.html", context, status=400)


@login_required
@require_POST
def signal_endorse(request, pk):
    signal, actor = _get_signal(request, pk)
    already = set(signal.endorsements.values_list("organisation_id", flat=True))
    organisations = Organisation.objects.filter(pk__in=rules.endorsing_organisation_ids(actor, signal, already))
    if not rules.endorsing_organisation_ids(actor, signal):
        deny(request, "may not endorse this signal")
    if not organisations:
        messages.error(request, _("Your organisation already endorsed this signal."))
        return redirect("signals:detail", pk=signal.pk)
    form = forms.EndorseForm(request.POST, organisations=organisations)
    if form.is_valid():
        try:
            services.signal_endorse(signal=signal, by=request.user, **form.cleaned_data)
        except StepNotAllowed as exc:
            messages.error(request, exc.message)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
            return render(
                request, "signals/detail.html", _detail_context(request, signal, actor, ("endorse", form)), status=400
            )
        else:
            messages.success(request, _("Your organisation endorses this signal."))
        return redirect("signals:detail", pk=signal.pk)
    return render(
        request, "signals/detail.html", _detail_context(request, signal, actor, ("endorse", form)), status=400
    )


@login_required
@require_POST
def signal_note(request, pk):
    signal, actor = _get_signal(request, pk)
    if not rules.can_add_note(actor, signal):
        deny(request, "only city staff add notes")
    form = forms.NoteForm(request.POST)
    if form.is_valid():
        services.signal_add_note(signal=signal, by=request.user, **form.cleaned_data)
        messages.success(request, _("The note was added to the timeline."))
        return redirect("signals:detail", pk=signal.pk)
    return render(request, "signals/detail.html", _detail_context(request, signal, actor, ("note", form)), status=400)


@login_required
@require_safe
def inbox(request):
    """What is waiting for a city service, the nearest deadline first."""
    actor = actor_for(request.user)
    if not actor.is_city_staff:
        deny(request, "city staff only")
    services_qs = Organisation.objects.city_services().approved()
    if not actor.is_city_admin:
        services_qs = services_qs.filter(pk__in=actor.city_organisation_ids)
    services_list = list(services_qs)
    selected = None
    wanted = request.GET.get("service")
    for service in services_list:
        if str(service.pk) == wanted or (wanted is None and selected is None and actor.is_city_staff_of(service.pk)):
            selected = service
    if selected is None and services_list:
        selected = services_list[0]
    waiting = Signal.objects.for_lists().filter(status__in=[Status.ACKNOWLEDGED, Status.IN_PROGRESS])
    waiting = waiting.filter(responsible_service=selected).order_by("due_on", "pk") if selected else waiting.none()
    unassigned = Signal.objects.for_lists().filter(status=Status.SUBMITTED).order_by("due_on", "pk")
    return render(
        request,
        "signals/inbox.html",
        {
            "services": services_list,
            "selected": selected,
            "waiting": waiting,
            "unassigned": unassigned,
            "today": timezone.localdate(),
        },
    )


@login_required
@require_safe
def dashboard(request):
    _reader(request)
    today = timezone.localdate()
    theme_rows = {}
    for signal_id, code in SignalTheme.objects.values_list("signal_id", "code"):
        theme_rows.setdefault(signal_id, []).append(code)
    rows = [
        stats.Row(
            status=s["status"],
            service_id=s["responsible_service_id"],
            themes=theme_rows.get(s["pk"], []),
            submitted_at=s["submitted_at"],
            acknowledged_at=s["acknowledged_at"],
            answered_at=s["answered_at"],
            answered_on_time=s["answered_on_time"],
            due_on=s["due_on"],
        )
        for s in Signal.objects.values(
            "pk",
            "status",
            "responsible_service_id",
            "submitted_at",
            "acknowledged_at",
            "answered_at",
            "answered_on_time",
            "due_on",
        )
    ]
    service_labels = {o.pk: o.name for o in Organisation.objects.city_services()}
    service_labels[None] = _("Not yet assigned")
    statuses = list(Status.values)
    months = stats.per_month(rows, statuses, today)
    return render(
        request,
        "signals/dashboard.html",
        {
            "overall": stats.figures(_("All signals"), rows, today),
            "per_service": stats.by_group(rows, lambda r: [r.service_id], service_labels, today),
            "per_theme": stats.by_group(rows, lambda r: r.themes, dict(Theme.choices), today),
            "months": months,
            "chart": stats.chart_bars(months, statuses),
            "legend": [(value, label, stats.STATUS_COLOURS[value]) for value, label in Status.choices],
        },
    )


# Prioritisation rounds ---------------------------------------------------------------------------


@login_required
@require_safe
def round_list(request):
    actor = _reader(request)
    rounds = PrioritisationRound.objects.prefetch_related(
        Prefetch("entries", queryset=RoundCandidate.objects.select_related("signal"))
    )
    return render(request, "signals/round_list.html", {"rounds": rounds, "can_manage": rules.can_manage_rounds(actor)})


@login_required
@require_http_methods(["GET", "POST"])
def round_create(request):
    actor = actor_for(request.user)
    if not rules.can_manage_rounds(actor):
        deny(request, "city admins only")
    form = forms.RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.round_open(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("The round is open. Signatory organisations can now vote."))
            return redirect("signals:round", pk=item.pk)
    return render(request, "signals/round_form.html", {"form": form})


def _round_context(request, item, actor, vote_form=None):
    entries = list(item.entries.select_related("signal", "signal__organisation"))
    voting_ids = rules.voting_organisation_ids(actor)
    organisations = Organisation.objects.filter(pk__in=voting_ids)
    first_org = min(voting_ids) if voting_ids else None
    current = dict(Vote.objects.filter(round=item, organisation_id=first_org).values_list("signal_id", "votes"))
    if item.is_open and voting_ids and vote_form is None:
        vote_form = forms.VoteForm(
            round=item, candidates=[e.signal for e in entries], organisations=organisations, current=current
        )
    voted = Vote.objects.filter(round=item).values("organisation").distinct().count()
    return {
        "round": item,
        "entries": entries,
        "vote_form": vote_form if item.is_open else None,
        "can_manage": rules.can_manage_rounds(actor),
        "voted_organisations": voted,
        "used_votes": sum(current.values()),
    }


@login_required
@require_safe
def round_detail(request, pk):
    actor = _reader(request)
    item = get_object_or_404(PrioritisationRound, pk=pk)
    return render(request, "signals/round_detail.html", _round_context(request, item, actor))


@login_required
@require_POST
def round_vote(request, pk):
    actor = _reader(request)
    item = get_object_or_404(PrioritisationRound, pk=pk)
    voting_ids = rules.voting_organisation_ids(actor)
    if not voting_ids:
        deny(request, "only admins of signatory organisations vote")
    if not item.is_open:
        messages.error(request, _("This round is closed: votes can no longer change."))
        return redirect("signals:round", pk=item.pk)
    candidates = [e.signal for e in item.entries.select_related("signal")]
    form = forms.VoteForm(
        request.POST,
        round=item,
        candidates=candidates,
        organisations=Organisation.objects.filter(pk__in=voting_ids),
        current={},
    )
    if form.is_valid():
        try:
            services.round_vote(
                round=item,
                by=request.user,
                organisation=form.cleaned_data["organisation"],
                allocation=form.allocation(),
            )
        except StepNotAllowed as exc:
            messages.error(request, exc.message)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
            return render(request, "signals/round_detail.html", _round_context(request, item, actor, form), status=400)
        else:
            messages.success(
                request, _("Your organisation's votes are saved. You can change them while the round is open.")
            )
        return redirect("signals:round", pk=item.pk)
    return render(request, "signals/round_detail.html", _round_context(request, item, actor, form), status=400)


@login_required
@require_POST
def round_close(request, pk):
    actor = actor_for(request.user)
    item = get_object_or_404(PrioritisationRound, pk=pk)
    if not rules.can_manage_rounds(actor):
        deny(request, "city admins only")
    with refusals_as_messages(request) as outcome:
        services.round_close(round=item, by=request.user, expected_version=request.POST.get("version"))
    if outcome.ok:
        messages.success(request, _("The round is closed and its ranking is published."))
    return redirect("signals:round", pk=item.pk)
