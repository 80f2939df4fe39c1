from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from charter_portal import caching, exports
from charter_portal.concurrency import refusals_as_messages
from charter_portal.errors import StepNotAllowed
from charter_portal.permissions import actor_for, deny
from organisations.models import Organisation
from signals import forms, indicators, round_columns, rules, selectors, services, stats, youth_voice
from signals.filters import SignalFilter
from signals.models import (
    ChildrenAffected,
    Outcome,
    PrioritisationRound,
    RoundCandidate,
    RoutingRule,
    Signal,
    SignalAction,
    SignalSettings,
    Status,
    Theme,
    Vote,
)
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
    similar = []
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if not request.POST.get("report_anyway"):
            similar = selectors.similar_open_signals(
                title=data["title"],
                description=data["description"],
                themes=data["themes"],
                neighbourhoods=data["neighbourhoods"],
                movement_circles=data["movement_circles"],
                city_wide=data["city_wide"],
            )
        if similar:
            # The same problem may be reported already: show it first, with "endorse this one instead".
            return render(request, "signals/form.html", {"form": form, "similar": similar})
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
    return render(request, "signals/form.html", {"form": form, "similar": similar})


def _detail_context(request, signal, actor, bound=None):
    entries = signal.timeline.select_related("author", "author_organisation")
    if not rules.can_read_internal_notes(actor, signal):
        entries = entries.filter(is_internal=False)
    endorsements = list(signal.endorsements.select_related("organisation"))
    follow_ups = list(signal.actions.select_related("responsible_body"))
    open_actions = any(not item.is_finished for item in follow_ups)
    actions = []
    for step in allowed_from(signal.status):
        if not rules.can_make(actor, step.name, signal):
            continue
        if step.name == "reopen" and not rules.reopen_window_open(signal):
            continue
        if step.name == "close" and open_actions:
            continue  # a signal with an open follow-up action cannot close: no button that is always refused
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

    def form_for(name, make):
        return bound[1] if bound and bound[0] == name else make()

    endorser_ids = frozenset(e.organisation_id for e in endorsements)
    open_signal = signal.status != Status.CLOSED
    comment_form = None
    if open_signal and rules.can_comment(actor, signal, endorser_ids):
        comment_form = form_for(
            "comment", lambda: forms.CommentForm(can_mark_internal=rules.can_mark_comment_internal(actor))
        )
    reassign_form = None
    if open_signal and signal.responsible_body_id and rules.can_reassign(actor, signal):
        reassign_form = form_for("reassign", lambda: forms.ReassignForm(initial={"version": signal.version}))
    confirm_form = None
    if signal.awaits_confirmation and rules.can_confirm(actor, signal):
        confirm_form = form_for("confirm", lambda: forms.ConfirmForm(initial={"version": signal.version}))
    public_form = None
    if rules.can_set_public(actor, signal):
        public_form = forms.PublicForm(initial={"version": signal.version, "is_public": not signal.is_public})
    for item in follow_ups:
        item.form = None
        if not item.is_finished and open_signal and rules.can_update_action(actor, item):
            item.form = form_for(f"action-{item.pk}", lambda item=item: forms.ActionUpdateForm(action=item))
    plannable = signal.status == Status.IN_PROGRESS or (
        signal.status == Status.ANSWERED and signal.outcome == Outcome.ACTION_PLANNED
    )
    merge_form, similar = None, []
    if open_signal and signal.merged_into_id is None and rules.can_merge(actor):
        similar = selectors.similar_open_signals(
            title=signal.title,
            description=signal.description,
            themes=signal.theme_codes,
            neighbourhoods=signal.neighbourhoods.all(),
            movement_circles=signal.movement_circles.all(),
            city_wide=signal.city_wide,
            exclude=signal.pk,
        )
        merge_form = form_for("merge", lambda: forms.MergeForm(initial={"into": similar[0].pk if similar else None}))
    action_form = None
    if plannable and rules.can_manage_actions(actor, signal):
        action_form = form_for("action", forms.ActionForm)
    return {
        "signal": signal,
        "entries": list(entries),
        "endorsements": endorsements,
        "actions": actions,
        "endorse_form": endorse_form,
        "note_form": note_form,
        "comment_form": comment_form,
        "reassign_form": reassign_form,
        "confirm_form": confirm_form,
        "public_form": public_form,
        "follow_ups": follow_ups,
        "merge_form": merge_form,
        "similar": similar,
        "action_form": action_form,
        "rounds": list(RoundCandidate.objects.filter(signal=signal).select_related("round")),
        "youth_voice": youth_voice.details(signal, actor),
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


def _step(request, signal, actor, name, form, call, success):
    """Run a page step's service call with the form's data: the detail page again with the form's errors (400),
    or back to the signal with a message."""
    if form.is_valid():
        try:
            with refusals_as_messages(request) as outcome:
                call(dict(form.cleaned_data))
        except PermissionDenied as exc:
            deny(request, str(exc))
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            if outcome.ok:
                messages.success(request, success)
            return redirect("signals:detail", pk=signal.pk)
    context = _detail_context(request, signal, actor, bound=(name, form))
    return render(request, "signals/detail.html", context, status=400)


@dataclass(frozen=True)
class PageStep:
    """A step on a signal's page: who may (``rule(actor, signal)``), its form, the service call, the message."""

    rule: object
    form: object
    call: object
    success: str
    versioned: bool = True


def _endorsers(signal) -> frozenset:
    return frozenset(signal.endorsements.values_list("organisation_id", flat=True))


PAGE_STEPS = {
    "comment": PageStep(
        rule=lambda actor, signal: rules.can_comment(actor, signal, _endorsers(signal)),
        form=lambda actor, data: forms.CommentForm(data, can_mark_internal=rules.can_mark_comment_internal(actor)),
        call=services.signal_comment,
        success=gettext_lazy("Your comment is on the timeline."),
        versioned=False,
    ),
    "reassign": PageStep(
        rule=rules.can_reassign,
        form=lambda actor, data: forms.ReassignForm(data),
        call=services.signal_reassign,
        success=gettext_lazy("The signal is handed to the other body; both bodies are told."),
    ),
    "confirm": PageStep(
        rule=rules.can_confirm,
        form=lambda actor, data: forms.ConfirmForm(data),
        call=services.signal_confirm,
        success=gettext_lazy("Thank you: your answer is on the timeline."),
    ),
    "public": PageStep(
        rule=rules.can_set_public,
        form=lambda actor, data: forms.PublicForm(data),
        call=services.signal_set_public,
        success=gettext_lazy("Saved: who can read the signal changed."),
    ),
    "action": PageStep(
        rule=rules.can_manage_actions,
        form=lambda actor, data: forms.ActionForm(data),
        call=services.action_add,
        success=gettext_lazy("The follow-up action is planned and on the timeline."),
        versioned=False,
    ),
}


def _page_step_view(name: str):
    step = PAGE_STEPS[name]

    @login_required
    @require_POST
    def view(request, pk):
        signal, actor = _get_signal(request, pk)
        if not step.rule(actor, signal):
            deny(request, f"may not {name} this signal")

        def call(data):
            if step.versioned:
                data["expected_version"] = data.pop("version")
            return step.call(signal=signal, by=request.user, **data)

        return _step(request, signal, actor, name, step.form(actor, request.POST), call, step.success)

    view.__name__ = f"signal_{name}"
    return view


signal_comment = _page_step_view("comment")
signal_reassign = _page_step_view("reassign")
signal_confirm = _page_step_view("confirm")
signal_set_public = _page_step_view("public")
action_create = _page_step_view("action")


@login_required
@require_POST
def signal_merge(request, pk):
    signal, actor = _get_signal(request, pk)
    if not rules.can_merge(actor):
        deny(request, "city staff only")
    form = forms.MergeForm(request.POST)
    into = None
    if form.is_valid():
        into = Signal.objects.filter(pk=form.cleaned_data["into"]).first()
        if into is None:
            form.add_error("into", _("There is no signal with this number."))
    if into is not None:
        with refusals_as_messages(request) as outcome:
            services.signal_merge(duplicate=signal, into=into, by=request.user, reason=form.cleaned_data["reason"])
        if outcome.ok:
            messages.success(request, _("The signal is merged; its reporter is told."))
            return redirect("signals:detail", pk=into.pk)
        return redirect("signals:detail", pk=signal.pk)
    context = _detail_context(request, signal, actor, bound=("merge", form))
    return render(request, "signals/detail.html", context, status=400)


@login_required
@require_POST
def action_update(request, pk):
    actor = actor_for(request.user)
    if not rules.can_read_signals(actor):
        raise Http404
    item = get_object_or_404(SignalAction.objects.select_related("signal", "responsible_body"), pk=pk)
    signal = get_object_or_404(Signal.objects.for_lists(), pk=item.signal_id)
    if not rules.can_update_action(actor, item):
        deny(request, "may not update this action")
    form = forms.ActionUpdateForm(request.POST, action=item)
    return _step(
        request,
        signal,
        actor,
        f"action-{item.pk}",
        form,
        lambda d: services.action_update(action=item, by=request.user, expected_version=d.pop("version"), **d),
        _("The action is updated and on the timeline."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def routing(request):
    """Theme → the body a new signal goes to; city admins edit, city staff read."""
    actor = actor_for(request.user)
    if not actor.is_city_staff:
        deny(request, "city staff only")
    can_edit = rules.can_manage_routing(actor)
    if request.method == "POST" and not can_edit:
        deny(request, "city admins only")
    form = forms.RoutingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.routing_save(by=request.user, choices=form.cleaned_data)
        messages.success(request, _("The routing rules are saved. New signals follow them from now on."))
        return redirect("signals:routing")
    rules_by_theme = {r.theme: r.body for r in RoutingRule.objects.select_related("body")}
    rows = [(label, rules_by_theme.get(code)) for code, label in Theme.choices]
    return render(request, "signals/routing.html", {"form": form, "rows": rows, "can_edit": can_edit})


@login_required
@require_http_methods(["GET", "POST"])
def indicator_settings(request):
    """How signals weigh in the priority of areas; city admins set it, city staff read it."""
    actor = actor_for(request.user)
    if not actor.is_city_staff:
        deny(request, "city staff only")
    if request.method == "POST" and not rules.can_manage_routing(actor):
        deny(request, "city admins only")
    current = SignalSettings.load()
    form = forms.IndicatorSettingsForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        services.indicator_settings_save(by=request.user, **form.cleaned_data)
        messages.success(request, _("Saved. The next priority score uses the new weight."))
        return redirect("signals:indicator_settings")
    return render(
        request,
        "signals/indicator_settings.html",
        {"form": form, "can_edit": rules.can_manage_routing(actor), "explanation": indicators.explanation()},
    )


@login_required
@require_safe
def inbox(request):
    """What is waiting for a city service, the nearest deadline first."""
    actor = actor_for(request.user)
    if not rules.can_use_inbox(actor):
        deny(request, "city staff and public bodies only")
    services_qs = services.responsible_bodies()
    if not actor.is_city_admin:
        services_qs = services_qs.filter(pk__in=actor.member_organisation_ids)
    services_list = list(services_qs)
    selected = None
    wanted = request.GET.get("service")
    for service in services_list:
        if str(service.pk) == wanted or (wanted is None and selected is None and actor.is_member_of(service.pk)):
            selected = service
    if selected is None and services_list:
        selected = services_list[0]
    waiting = Signal.objects.for_lists().filter(status__in=[Status.ACKNOWLEDGED, Status.IN_PROGRESS])
    waiting = waiting.filter(responsible_body=selected).order_by("due_on", "pk") if selected else waiting.none()
    # Submitted signals: those a routing rule put in this body's inbox, and (for city staff) those without a body.
    unassigned = Signal.objects.for_lists().filter(status=Status.SUBMITTED).order_by("due_on", "pk")
    if actor.is_city_staff:
        unassigned = unassigned.filter(Q(responsible_body=selected) | Q(responsible_body__isnull=True))
    else:
        unassigned = unassigned.filter(responsible_body=selected)
    return render(
        request,
        "signals/inbox.html",
        {
            "services": services_list,
            "selected": selected,
            "waiting": waiting,
            "unassigned": unassigned,
            "title": _("City inbox") if actor.is_city_staff else _("Our signal inbox"),
            "today": timezone.localdate(),
        },
    )


@login_required
@require_safe
def dashboard(request):
    _reader(request)
    today = timezone.localdate()
    rows = selectors.dashboard_rows()
    service_labels = {o.pk: o.name for o in services.responsible_bodies_ever()}
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
            messages.success(request, _("The round is saved. Signatory partner organisations vote once it opens."))
            return redirect("signals:round", pk=item.pk)
    return render(request, "signals/round_form.html", {"form": form})


def _round_context(request, item, actor, vote_form=None):
    entries = list(
        item.entries.select_related("signal", "signal__organisation").annotate(
            raised_by_young_people=youth_voice.expression("signal_id")
        )
    )
    signatories = rules.signatory_organisation_ids()
    voting_ids = actor.admin_organisation_ids & signatories
    organisations = Organisation.objects.filter(pk__in=voting_ids)
    first_org = min(voting_ids) if voting_ids else None
    current = dict(Vote.objects.filter(round=item, organisation_id=first_org).values_list("signal_id", "votes"))
    if item.is_open and voting_ids and vote_form is None:
        vote_form = forms.VoteForm(
            round=item, candidates=[e.signal for e in entries], organisations=organisations, current=current
        )
    # Why the person's own organisations may not vote, said before they try.
    why_not = [
        reason
        for org in Organisation.objects.filter(pk__in=actor.member_organisation_ids - voting_ids)
        if (reason := rules.why_organisation_may_not_vote(org, signatories))
    ]
    voters = list(
        Organisation.objects.filter(pk__in=Vote.objects.filter(round=item).values("organisation"))
        .order_by("name")
        .values_list("name", flat=True)
    )
    return {
        "round": item,
        "entries": entries,
        "priority": [e for e in entries if e.signal.priority_round_id == item.pk],
        "vote_form": vote_form if item.is_open else None,
        "can_manage": rules.can_manage_rounds(actor),
        "voters": voters,
        "why_not": why_not if item.state == PrioritisationRound.State.OPEN else [],
        "used_votes": sum(current.values()),
        "extra_columns": round_columns.candidate_columns(item, [e.signal_id for e in entries]),
        "youth_tie_unranked": item.tie_rule == PrioritisationRound.TieRule.YOUTH_RANKING_FIRST
        and item.state == PrioritisationRound.State.OPEN
        and not round_columns.youth_ranks(item, [e.signal_id for e in entries]),
        "round_links": round_columns.round_links(item, actor),
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
        if item.has_started:
            messages.error(request, _("This round is closed: votes can no longer change."))
        else:
            messages.error(request, _("Voting in this round has not opened yet."))
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


@login_required
@require_safe
def signal_export(request, fmt):
    """Every signal the list shows, with its filters, as a spreadsheet: the figures and dates of each signal, its
    areas by number and name, never who reported it (the organisation does) nor the description."""
    _reader(request)
    if fmt not in (exports.CSV, exports.XLSX):
        raise Http404
    dialect = exports.dialect_from(request.GET)
    filterset = SignalFilter(request.GET or None, queryset=Signal.objects.for_lists()).for_page()
    today = timezone.localdate()
    yes, no = _("yes"), _("no")
    statuses, outcomes, ranges = dict(Status.choices), dict(Outcome.choices), dict(ChildrenAffected.choices)
    C, NUMBER, DATE = exports.Column, exports.NUMBER, exports.DATE
    columns = [
        C(_("Number"), NUMBER),
        C(_("Title")),
        C(_("Reporting organisation")),
        C(_("Themes")),
        C(_("City-wide")),
        C(_("Neighbourhood numbers")),
        C(_("Neighbourhoods")),
        C(_("Movement circles")),
        C(_("Children affected")),
        C(_("Status")),
        C(_("Responsible body")),
        C(_("Reported on"), DATE),
        C(_("Acknowledge by"), DATE),
        C(_("Acknowledged on"), DATE),
        C(_("Answer by"), DATE),
        C(_("Answered on"), DATE),
        C(_("Current deadline"), DATE),
        C(_("Overdue")),
        C(_("Outcome")),
        C(_("Endorsements"), NUMBER),
        C(_("Priority")),
    ]

    def day(moment):
        return timezone.localtime(moment).date() if moment else None

    rows = []
    for signal in filterset.qs:
        areas = sorted(signal.neighbourhoods.all(), key=lambda n: n.number)
        rows.append(
            [
                signal.pk,
                signal.title,
                signal.organisation.name,
                "; ".join(str(label) for label in signal.theme_labels),
                yes if signal.city_wide else no,
                "; ".join(str(n.number) for n in areas),
                "; ".join(n.name for n in areas),
                "; ".join(c.name for c in signal.movement_circles.all()),
                str(ranges.get(signal.children_affected, signal.children_affected)),
                str(statuses.get(signal.status, signal.status)),
                signal.responsible_body.name if signal.responsible_body else "",
                day(signal.submitted_at),
                signal.acknowledge_due_on,
                day(signal.acknowledged_at),
                signal.answer_due_on,
                day(signal.answered_at),
                signal.due_on,
                yes if signal.due_on is not None and today > signal.due_on else no,
                str(outcomes.get(signal.outcome, "")) if signal.outcome else "",
                signal.endorsement_count,
                yes if signal.is_priority else no,
            ]
        )
    about = exports.About(timezone.localtime(), filters=exports.filters_of(filterset.form))
    return exports.export_response(
        f"signals-{today.isoformat()}", columns, rows, format=fmt, dialect=dialect, about=about, title=_("Signals")
    )
