from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from charter_portal import caching
from charter_portal.concurrency import STALE_MESSAGE, StaleObjectError, refusals_as_messages
from charter_portal.permissions import actor_for, deny
from covenants import rules, selectors, services
from covenants.diff import diff_versions
from covenants.forms import (
    ActionFormSet,
    CommentForm,
    CommitmentFormSet,
    CommitmentValueForm,
    CovenantForm,
    IndicatorFormSet,
    MeetingForm,
    OpeningDecisionForm,
    PeriodForm,
    ProposalForm,
    ReportAnswerForm,
    ReportValueForm,
    ReviewForm,
    TermsForm,
    commitment_initial,
    indicator_initial,
)
from covenants.models import Action, Comment, Covenant, Indicator, Meeting, Report, Side, Status, TermsVersion
from organisations.models import Organisation


def _errors(exc: ValidationError) -> str:
    return " ".join(str(m) for m in exc.messages)


# --- lists ------------------------------------------------------------------------------------------


@login_required
def covenant_list(request):
    """City staff: all covenants with filters. Partners: their own covenants."""
    actor = actor_for(request.user)
    covenants, filters, _year = _filtered(request, rules.visible_covenants(actor, Covenant.objects.for_list()))
    page = Paginator(covenants, 50).get_page(request.GET.get("page"))
    services_ = Organisation.objects.city_services().approved() if actor.is_city_staff else []
    return render(
        request,
        "covenants/list.html",
        {
            "page": page,
            "filters": filters,
            "statuses": Status.choices,
            "services": services_,
            "is_city": actor.is_city_staff,
            "can_create": rules.can_create_covenant(actor),
            "can_propose": rules.can_propose_covenant(actor),
        },
    )


def _filtered(request, covenants):
    """The covenant list's and the portfolio's filters: status, city service, partner (name) and year."""
    filters = {
        "status": request.GET.get("status", ""),
        "service": request.GET.get("service", ""),
        "partner": request.GET.get("partner", "").strip(),
        "year": request.GET.get("year", ""),
    }
    if filters["status"] in Status.values:
        covenants = covenants.filter(derived_status=filters["status"])
    if filters["service"].isdigit():
        covenants = covenants.filter(city_service_id=int(filters["service"]))
    if filters["partner"]:
        from django.db.models import Q

        covenants = covenants.filter(
            Q(partner_organisation__name__icontains=filters["partner"])
            | Q(partner_collaboration__name__icontains=filters["partner"])
        )
    year = None
    if filters["year"].isdigit() and 1900 < int(filters["year"]) < 3000:
        year = int(filters["year"])
        covenants = covenants.in_year(year)
    return covenants, filters, year


@login_required
def covenant_portfolio(request):
    """City staff: every covenant at a glance, filtered, with what needs attention and the budget per year."""
    from django.utils import timezone

    from covenants import portfolio

    actor = actor_for(request.user)
    if not actor.is_city_staff:
        deny(request, "the covenant portfolio is for city staff")
    covenants, filters, year = _filtered(request, Covenant.objects.for_list())
    overview = portfolio.build(covenants, today=timezone.localdate(), year=year)
    return render(
        request,
        "covenants/portfolio.html",
        {
            "overview": overview,
            "filters": filters,
            "export_query": urlencode({name: value for name, value in filters.items() if value}),
            "statuses": Status.choices,
            "services": Organisation.objects.city_services().approved(),
            "year": year,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def covenant_create(request):
    actor = actor_for(request.user)
    if not rules.can_create_covenant(actor):
        deny(request, "only city staff draft covenants")
    form = CovenantForm(request.POST or None, actor=actor)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            covenant = services.covenant_create(
                by=request.user,
                reference=data["reference"],
                title=data["title"],
                city_service=data["city_service"],
                partner_organisation=data["partner_organisation"],
                partner_collaboration=data["partner_collaboration"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                objectives=data["objectives"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Covenant created. Work out the first version of the terms together."))
            return redirect("covenants:detail", covenant.pk)
    return render(request, "covenants/create.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def covenant_propose(request):
    """A partner organisation (or a collaboration's coordinator) proposes a covenant to a city service (R7)."""
    actor = actor_for(request.user)
    if not rules.can_propose_covenant(actor):
        deny(request, "only a partner organisation's admin proposes covenants")
    form = ProposalForm(request.POST or None, actor=actor)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            covenant = services.covenant_propose(
                by=request.user,
                title=data["title"],
                city_service=data["city_service"],
                partner_organisation=data["partner_organisation"],
                partner_collaboration=data["partner_collaboration"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                objectives=data["objectives"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _(
                    "Covenant proposed. The city service decides whether to negotiate it; meanwhile you can work "
                    "out the draft of the terms."
                ),
            )
            return redirect("covenants:detail", covenant.pk)
    return render(request, "covenants/propose.html", {"form": form})


@login_required
@require_POST
def covenant_decide_opening(request, pk):
    actor, covenant = rules.covenant_for(request, pk)
    if not rules.can_decide_opening(actor, covenant):
        deny(request, "only the city service accepts or declines a proposal")
    form = OpeningDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
        return redirect("covenants:detail", covenant.pk)
    accept = form.cleaned_data["decision"] == "accept"
    with refusals_as_messages(request) as outcome:
        try:
            services.covenant_decide_opening(
                covenant=covenant,
                by=request.user,
                accept=accept,
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data.get("version"),
            )
        except ValidationError as exc:
            outcome.refused = True
            messages.error(request, _errors(exc))
    if outcome.ok:
        messages.success(
            request,
            _("You accepted to negotiate this covenant.") if accept else _("You declined the proposal."),
        )
    return redirect("covenants:detail", covenant.pk)


# --- the covenant page ------------------------------------------------------------------------------


@login_required
def covenant_detail(request, pk):
    actor, covenant = rules.covenant_for(request, pk, kept=True)
    # Terms, indicators, reports, comments and meetings: kept per audience (the buttons depend on the side and
    # the role) until the covenant, an organisation, a collaboration or a person's name changes.
    content = caching.render_part(
        request,
        "covenants/_detail.html",
        lambda: _detail_context(actor, selectors.covenant_detail_queryset().get(pk=covenant.pk)),
        domains=("covenants", "organisations", "offers", "accounts"),
    )
    return render(request, "covenants/detail.html", {"covenant": covenant, "content": content})


def _detail_context(actor, covenant) -> dict:
    agreed, pending, draft = selectors.split_versions(covenant)
    shown = agreed or pending or draft
    reports = {r.period_id: r for r in covenant.reports.all()}
    city_reports = {r.period_id: r for r in covenant.city_reports.all()}
    periods = [
        {"period": p, "report": reports.get(p.pk), "city_report": city_reports.get(p.pk)}
        for p in covenant.periods.all()
    ]
    comments = Comment.objects.filter(covenant=covenant).select_related("author")
    meetings = Meeting.objects.filter(covenant=covenant).prefetch_related("participants", "actions")
    sides = rules.sides_of(actor, covenant)
    return {
        "covenant": covenant,
        "agreed": agreed,
        "pending": pending,
        "draft": draft,
        "pending_sides": _approval_state(pending, actor, covenant) if pending else None,
        "indicators": selectors.indicator_rows(covenant, shown),
        "indicator_source": shown,
        "no_qualitative": shown is not None
        and not any(i.kind == Indicator.Kind.QUALITATIVE for i in shown.indicators.all()),
        "periods": periods,
        "comments": comments,
        "meetings": meetings,
        "open_actions": selectors.open_actions(covenant),
        "versions": list(covenant.versions.all()),
        "can_edit_terms": rules.can_edit_terms(actor, covenant),
        "can_report": rules.can_report(actor, covenant),
        "can_city_report": rules.can_city_report(actor, covenant),
        "has_commitments": agreed is not None and bool(agreed.city_commitments.all()),
        "can_follow_up": rules.can_manage_follow_up(actor, covenant),
        "can_comment": rules.comment_side(actor, covenant) is not None,
        "can_close": rules.can_close(actor, covenant) and covenant.closed_on is None,
        "can_decide_opening": rules.can_decide_opening(actor, covenant),
        "opening_form": OpeningDecisionForm(initial={"version": covenant.version}),
        "comment_form": CommentForm(),
        "period_form": PeriodForm(),
        "sides": sides,
    }


def _approval_state(terms, actor, covenant) -> list[dict]:
    approvals = {a.side: a for a in terms.approvals.all()}
    return [
        {
            "side": side,
            "label": label,
            "approval": approvals.get(side),
            "can_approve": side not in approvals and rules.can_approve(actor, covenant, side),
        }
        for side, label in Side.choices
    ]


# --- versions of the terms --------------------------------------------------------------------------


def _version_for(request, pk, number):
    actor, covenant = rules.covenant_for(
        request,
        pk,
        Covenant.objects.with_status().select_related(
            "city_service", "partner_organisation", "partner_collaboration__coordinator"
        ),
    )
    terms = selectors.versions_queryset().filter(covenant=covenant, number=number).first()
    if terms is None:
        raise Http404
    return actor, covenant, terms


@login_required
def version_detail(request, pk, number):
    actor, covenant, terms = _version_for(request, pk, number)
    previous = selectors.versions_queryset().filter(covenant=covenant, number__lt=number).order_by("-number").first()
    return render(
        request,
        "covenants/version.html",
        {
            "covenant": covenant,
            "terms": terms,
            "previous": previous,
            "diff": diff_versions(previous, terms),
            "approvals": _approval_state(terms, actor, covenant),
            "can_edit": terms.is_draft and rules.can_edit_terms(actor, covenant),
            "can_approve_any": terms.state == TermsVersion.State.SUBMITTED,
            "no_qualitative": not any(i.kind == Indicator.Kind.QUALITATIVE for i in terms.indicators.all()),
        },
    )


@login_required
@require_POST
def version_propose(request, pk):
    actor, covenant = rules.covenant_for(request, pk)
    if not rules.can_edit_terms(actor, covenant):
        deny(request, "may not propose covenant terms")
    side = Side.CITY if rules.speaks_for_city(actor, covenant) else Side.PARTNER
    try:
        draft = services.version_propose(covenant=covenant, by=request.user, side=side)
    except ValidationError as exc:
        messages.error(request, _errors(exc))
        return redirect("covenants:detail", covenant.pk)
    return redirect("covenants:version_edit", covenant.pk, draft.number)


def _indicator_formset(data, terms, years):
    initial = indicator_initial(terms.indicators.all())
    if not initial:
        initial = [{"kind": Indicator.Kind.QUANTITATIVE}, {"kind": Indicator.Kind.QUALITATIVE}]
    return IndicatorFormSet(data, initial=initial, form_kwargs={"years": years}, prefix="ind")


@login_required
@require_http_methods(["GET", "POST"])
def version_edit(request, pk, number):
    actor, covenant, terms = _version_for(request, pk, number)
    if not rules.can_edit_terms(actor, covenant):
        deny(request, "may not edit covenant terms")
    if not terms.is_draft:
        messages.error(request, _("This version was submitted for approval and can no longer change."))
        return redirect("covenants:version", covenant.pk, terms.number)
    years = covenant.years
    initial = {"version": terms.version, "objectives": terms.objectives, "change_note": terms.change_note}
    for line in terms.budget_lines.all():
        initial[f"budget_{line.year}"] = line.amount
    stale = None
    if request.method == "POST":
        for kind in Indicator.Kind.values:
            if f"add_{kind}" in request.POST:
                # Re-show what was typed plus one empty row, unbound: no error messages for half-filled rows.
                bound_form = TermsForm(request.POST, years=years, initial=initial)
                bound_set = _indicator_formset(request.POST, terms, years)
                form = TermsForm(years=years, initial={n: bound_form[n].value() for n in bound_form.fields})
                rows = [{n: f[n].value() for n in f.fields} for f in bound_set.forms]
                rows.append({"kind": kind, "higher_is_better": True})
                formset = IndicatorFormSet(initial=rows, form_kwargs={"years": years}, prefix="ind")
                commitments = _commitment_formset(request.POST, terms)
                return _render_edit(request, covenant, terms, form, formset, None, commitments)
        form = TermsForm(request.POST, years=years, initial=initial)
        formset = _indicator_formset(request.POST, terms, years)
        commitments = _commitment_formset(request.POST, terms)
        # A form without the commitments part (an older page) keeps them as they are.
        sent_commitments = "com-TOTAL_FORMS" in request.POST
        if form.is_valid() and formset.is_valid() and (not sent_commitments or commitments.is_valid()):
            indicators = [f.to_data() for f in formset.forms if not f.cleaned_data.get("DELETE") and not f.is_blank]
            city_commitments = (
                [f.to_data() for f in commitments.forms if not f.cleaned_data.get("DELETE") and not f.is_blank]
                if sent_commitments
                else None
            )
            try:
                services.version_save_draft(
                    terms=terms,
                    expected_version=form.cleaned_data["version"],
                    objectives=form.cleaned_data["objectives"],
                    change_note=form.cleaned_data["change_note"],
                    budget=form.budget(),
                    indicators=indicators,
                    commitments=city_commitments,
                )
            except StaleObjectError:
                stale = selectors.versions_queryset().get(pk=terms.pk)
                messages.error(request, STALE_MESSAGE)
                # The form keeps what this person typed, but now carries the current version number.
                data = request.POST.copy()
                data["version"] = str(stale.version)
                form = TermsForm(data, years=years, initial=initial)
                form.is_valid()
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Draft saved."))
                if "submit" in request.POST:
                    return _submit(request, actor, covenant, terms)
                return redirect("covenants:version_edit", covenant.pk, terms.number)
    else:
        form = TermsForm(years=years, initial=initial)
        formset = _indicator_formset(None, terms, years)
        commitments = _commitment_formset(None, terms)
    return _render_edit(request, covenant, terms, form, formset, stale, commitments)


def _commitment_formset(data, terms):
    if data is not None and "com-TOTAL_FORMS" not in data:
        data = None
    return CommitmentFormSet(data, initial=commitment_initial(terms.city_commitments.all()), prefix="com")


def _render_edit(request, covenant, terms, form, formset, stale, commitments):
    has_qualitative = any((f["kind"].value() == Indicator.Kind.QUALITATIVE) for f in formset.forms if f["name"].value())
    return render(
        request,
        "covenants/version_edit.html",
        {
            "covenant": covenant,
            "terms": terms,
            "form": form,
            "formset": formset,
            "commitments": commitments,
            "stale": stale,
            "no_qualitative": not has_qualitative,
        },
    )


def _submit(request, actor, covenant, terms):
    side = Side.CITY if rules.speaks_for_city(actor, covenant) else Side.PARTNER
    try:
        services.version_submit(terms=terms, by=request.user, side=side)
    except ValidationError as exc:
        messages.error(request, _errors(exc))
        return redirect("covenants:version_edit", covenant.pk, terms.number)
    messages.success(request, _("Version submitted. Both sides can now approve it."))
    return redirect("covenants:version", covenant.pk, terms.number)


@login_required
@require_POST
def version_submit(request, pk, number):
    actor, covenant, terms = _version_for(request, pk, number)
    if not rules.can_edit_terms(actor, covenant):
        deny(request, "may not submit covenant terms")
    return _submit(request, actor, covenant, terms)


@login_required
@require_POST
def version_approve(request, pk, number):
    actor, covenant, terms = _version_for(request, pk, number)
    side = request.POST.get("side")
    if side not in Side.values or not rules.can_approve(actor, covenant, side):
        deny(request, "may not approve for this side")
    organisation_id = (
        covenant.city_service_id
        if side == Side.CITY
        else next(org for org in covenant.partner_organisation_ids if actor.is_admin_of(org))
    )
    try:
        services.version_approve(
            terms=terms, by=request.user, side=side, organisation=Organisation.objects.get(pk=organisation_id)
        )
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    else:
        messages.success(request, _("Your approval was recorded."))
    return redirect("covenants:version", covenant.pk, terms.number)


@login_required
@require_POST
def covenant_close(request, pk):
    actor, covenant = rules.covenant_for(request, pk)
    if not rules.can_close(actor, covenant):
        deny(request, "only the city side closes a covenant")
    with refusals_as_messages(request) as outcome:
        services.covenant_close(covenant=covenant, by=request.user, expected_version=request.POST.get("version"))
    if outcome.ok:
        messages.success(request, _("The covenant is closed."))
    return redirect("covenants:detail", covenant.pk)


# --- reports ----------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def report(request, pk, period_pk):
    actor, covenant = rules.covenant_for(request, pk)
    period = get_object_or_404(covenant.periods, pk=period_pk)
    report_ = selectors.reports_queryset().filter(period=period).first()
    can_report = rules.can_report(actor, covenant)
    if report_ is None:
        if request.method == "POST" and "start" in request.POST:
            if not can_report:
                deny(request, "only the partner reports")
            try:
                services.report_start(period=period, by=request.user)
            except ValidationError as exc:
                messages.error(request, _errors(exc))
                return redirect("covenants:detail", covenant.pk)
            return redirect("covenants:report", covenant.pk, period.pk)
        if request.method == "POST":
            deny(request, "no report yet")
    editable = report_ is not None and can_report and report_.is_editable_by_partner
    value_forms = []
    answer_form = None
    if report_ is not None:
        values = list(report_.values.all())
        data = request.POST if (request.method == "POST" and editable) else None
        context = selectors.value_context(report_)
        value_forms = [
            ReportValueForm(data, value=v, context=context[v.indicator_id], prefix=f"v{v.indicator_id}") for v in values
        ]
        if editable and report_.state == Report.State.REVISION_REQUESTED:
            answer_form = ReportAnswerForm(data)
    if request.method == "POST" and report_ is not None:
        done = _save_report(request, report_, PARTNER_REPORT, editable, value_forms, answer_form)
        if done:
            return done
    can_review = report_ is not None and rules.can_review_reports(actor, covenant)
    return _report_page(
        request,
        PARTNER_REPORT,
        {"covenant": covenant, "period": period, "report": report_, "editable": editable, "can_report": can_report},
        value_forms=value_forms,
        answer_form=answer_form,
        may_review=can_review,
    )


@login_required
@require_POST
def report_review(request, pk, period_pk):
    actor, covenant = rules.covenant_for(request, pk)
    report_ = get_object_or_404(Report, covenant=covenant, period_id=period_pk)
    if not rules.can_review_reports(actor, covenant):
        deny(request, "only the city service reviews reports")
    return _review_report(request, report_, PARTNER_REPORT)


# --- the city's report on its own commitments -------------------------------------------------------------


def city_reports_queryset():
    from django.db.models import Prefetch

    from covenants.models import CityReport, CommitmentValue, ReportNote

    return CityReport.objects.select_related("period", "terms").prefetch_related(
        Prefetch("values", queryset=CommitmentValue.objects.select_related("commitment")),
        Prefetch("notes", queryset=ReportNote.objects.select_related("author")),
    )


@login_required
@require_http_methods(["GET", "POST"])
def city_report(request, pk, period_pk):
    """The city reports per period on its own commitments; the partner reads it and reviews it."""
    actor, covenant = rules.covenant_for(request, pk)
    period = get_object_or_404(covenant.periods, pk=period_pk)
    report_ = city_reports_queryset().filter(period=period).first()
    can_report = rules.can_city_report(actor, covenant)
    if report_ is None and request.method == "POST":
        if "start" not in request.POST or not can_report:
            deny(request, "only the city service reports on its commitments")
        try:
            services.city_report_start(period=period, by=request.user)
        except ValidationError as exc:
            messages.error(request, _errors(exc))
            return redirect("covenants:detail", covenant.pk)
        return redirect("covenants:city_report", covenant.pk, period.pk)
    editable = report_ is not None and can_report and report_.is_editable_by_city
    value_forms, answer_form = [], None
    if report_ is not None:
        data = request.POST if (request.method == "POST" and editable) else None
        value_forms = [CommitmentValueForm(data, value=v, prefix=f"c{v.commitment_id}") for v in report_.values.all()]
        if editable and report_.state == Report.State.REVISION_REQUESTED:
            answer_form = ReportAnswerForm(data)
    if request.method == "POST" and report_ is not None:
        done = _save_report(request, report_, CITY_REPORT, editable, value_forms, answer_form)
        if done:
            return done
    can_review = report_ is not None and rules.can_review_city_reports(actor, covenant)
    return _report_page(
        request,
        CITY_REPORT,
        {"covenant": covenant, "period": period, "report": report_, "editable": editable, "can_report": can_report},
        value_forms=value_forms,
        answer_form=answer_form,
        may_review=can_review,
    )


# --- what the partner's report and the city's report share ------------------------------------------------


@dataclass(frozen=True)
class _ReportSide:
    """What differs between the partner's report on its indicators and the city's report on its commitments."""

    page: str  # the report page's URL name
    template: str
    value_key: str  # the value form's indicator or commitment id
    value_field: str  # and the field with its value
    save: Callable
    submit: Callable
    review: Callable
    submitted: str  # the message after submitting

    def values(self, value_forms) -> dict:
        """The forms' values as the services take them: id -> (value, narrative)."""
        return {
            getattr(f.value, self.value_key): (f.cleaned_data.get(self.value_field), f.cleaned_data.get("narrative"))
            for f in value_forms
        }


PARTNER_REPORT = _ReportSide(
    page="covenants:report",
    template="covenants/report.html",
    value_key="indicator_id",
    value_field="actual",
    save=services.report_save,
    submit=services.report_submit,
    review=services.report_review,
    submitted=gettext_lazy("Report submitted. The city service will review it."),
)
CITY_REPORT = _ReportSide(
    page="covenants:city_report",
    template="covenants/city_report.html",
    value_key="commitment_id",
    value_field="fulfilment",
    save=services.city_report_save,
    submit=services.city_report_submit,
    review=services.city_report_review,
    submitted=gettext_lazy("Report submitted. The partner will review it."),
)


def _save_report(request, report_, side: _ReportSide, editable, value_forms, answer_form):
    """Save (and with "submit", send) a report from its forms; a redirect when done, None to show the errors."""
    if not editable:
        deny(request, "this report cannot be changed by you now")
    if not all(f.is_valid() for f in [*value_forms, *([answer_form] if answer_form else [])]):
        return None
    covenant_pk, period_pk = report_.covenant_id, report_.period_id
    answer = answer_form.cleaned_data["answer"] if answer_form else ""
    try:
        with transaction.atomic():
            side.save(report=report_, expected_version=request.POST.get("version"), values=side.values(value_forms))
            if "submit" in request.POST:
                side.submit(report=report_, by=request.user, answer=answer)
    except StaleObjectError:
        messages.error(request, STALE_MESSAGE)
        return redirect(side.page, covenant_pk, period_pk)
    except ValidationError as exc:
        messages.error(request, _errors(exc))
        return None
    if "submit" in request.POST:
        messages.success(request, side.submitted)
        return redirect("covenants:detail", covenant_pk)
    messages.success(request, _("Report saved."))
    return redirect(side.page, covenant_pk, period_pk)


def _review_report(request, report_, side: _ReportSide):
    """Record the other side's review of a report (the caller checked who may review)."""
    covenant_pk, period_pk = report_.covenant_id, report_.period_id
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
        return redirect(side.page, covenant_pk, period_pk)
    try:
        side.review(
            report=report_,
            by=request.user,
            accept=form.cleaned_data["decision"] == "accept",
            comment=form.cleaned_data["comment"],
        )
    except ValidationError as exc:
        messages.error(request, _errors(exc))
        return redirect(side.page, covenant_pk, period_pk)
    messages.success(request, _("Your review was recorded."))
    return redirect("covenants:detail", covenant_pk)


def _report_page(request, side: _ReportSide, context, *, value_forms, answer_form, may_review):
    report_ = context["report"]
    return render(
        request,
        side.template,
        {
            **context,
            "value_forms": value_forms,
            "answer_form": answer_form,
            "error_forms": [*value_forms, *([answer_form] if answer_form else [])],
            "notes": list(report_.notes.all()) if report_ is not None else [],
            "can_review": may_review and report_.state == Report.State.SUBMITTED,
            "review_form": ReviewForm(),
        },
    )


@login_required
@require_POST
def city_report_review(request, pk, period_pk):
    from covenants.models import CityReport

    actor, covenant = rules.covenant_for(request, pk)
    report_ = get_object_or_404(CityReport, covenant=covenant, period_id=period_pk)
    if not rules.can_review_city_reports(actor, covenant):
        deny(request, "only the partner reviews the city's report")
    return _review_report(request, report_, CITY_REPORT)


@login_required
@require_POST
def period_add(request, pk):
    actor, covenant = rules.covenant_for(request, pk)
    if not rules.can_manage_follow_up(actor, covenant):
        deny(request, "may not add reporting periods")
    form = PeriodForm(request.POST)
    if form.is_valid():
        try:
            services.period_add(covenant=covenant, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, _errors(exc))
        else:
            messages.success(request, _("Reporting period added."))
    else:
        messages.error(request, _("Give a valid start and end date."))
    return redirect("covenants:detail", covenant.pk)


# --- follow-up --------------------------------------------------------------------------------------


@login_required
@require_POST
def comment_add(request, pk):
    actor, covenant = rules.covenant_for(request, pk)
    side = rules.comment_side(actor, covenant)
    if side is None:
        deny(request, "may not comment")
    form = CommentForm(request.POST)
    if form.is_valid():
        services.comment_add(covenant=covenant, by=request.user, side=side, body=form.cleaned_data["body"])
        messages.success(request, _("Your comment was added."))
    else:
        messages.error(request, " ".join(form.errors["body"]))
    return redirect("covenants:detail", covenant.pk)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request, pk):
    actor, covenant = rules.covenant_for(request, pk)
    if not rules.can_manage_follow_up(actor, covenant):
        deny(request, "may not record meetings")
    form = MeetingForm(request.POST or None, covenant=covenant)
    actions = ActionFormSet(request.POST or None, prefix="act")
    if request.method == "POST" and form.is_valid() and actions.is_valid():
        data = form.cleaned_data
        try:
            services.meeting_record(
                covenant=covenant,
                by=request.user,
                held_on=data["held_on"],
                participants=data["participants"],
                notes=data["notes"],
                actions=[a for a in (f.to_data() for f in actions.forms) if a],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Follow-up meeting recorded."))
            return redirect("covenants:detail", covenant.pk)
    return render(request, "covenants/meeting_form.html", {"covenant": covenant, "form": form, "actions": actions})


@login_required
@require_POST
def action_done(request, pk, action_pk):
    actor, covenant = rules.covenant_for(request, pk)
    action = get_object_or_404(Action, covenant=covenant, pk=action_pk)
    if not rules.can_manage_follow_up(actor, covenant):
        deny(request, "may not update actions")
    with refusals_as_messages(request) as outcome:
        services.action_mark_done(action=action, expected_version=request.POST.get("version"))
    if outcome.ok:
        messages.success(request, _("Action marked as done."))
    return redirect("covenants:detail", covenant.pk)


# --- documents ------------------------------------------------------------------------------------------------


def _document_form(request, covenant, replaces=None):
    from covenants.forms import DocumentForm

    return DocumentForm(
        request.POST or None,
        request.FILES or None,
        covenant=covenant,
        versions=covenant.versions.all(),
        reports=Report.objects.filter(covenant=covenant).select_related("period"),
        meetings=Meeting.objects.filter(covenant=covenant),
        replaces=replaces,
    )


@login_required
@require_http_methods(["GET", "POST"])
def documents(request, pk):
    """The covenant's documents, every version kept; both sides attach files (the signed agreement, reports...)."""
    from covenants.models import Document

    actor, covenant = rules.covenant_for(request, pk)
    can_upload = rules.can_manage_follow_up(actor, covenant)
    replaces = None
    replaces_id = request.POST.get("replaces") or request.GET.get("replaces") or ""
    if replaces_id:
        if not replaces_id.isdigit():
            raise Http404
        replaces = get_object_or_404(Document, covenant=covenant, pk=int(replaces_id))
    if request.method == "POST" and not can_upload:
        deny(request, "may not attach documents to this covenant")
    form = _document_form(request, covenant, replaces) if can_upload else None
    if request.method == "POST" and form.is_valid():
        try:
            services.document_upload(
                covenant=covenant,
                by=request.user,
                content=form.content,
                file_name=form.cleaned_data["file"].name,
                title=form.cleaned_data["title"],
                no_child_data_confirmed=form.cleaned_data["no_child_data"],
                attached_to=None if replaces else form.attached(),
                replaces=replaces,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The document was added."))
            return redirect("covenants:documents", covenant.pk)
    rows = (
        Document.objects.filter(covenant=covenant)
        .select_related("terms", "report__period", "meeting", "uploaded_by")
        .defer("content")
        .order_by("title", "lineage", "-number")
    )
    groups = {}
    for document in rows:
        groups.setdefault(document.lineage, []).append(document)
    return render(
        request,
        "covenants/documents.html",
        {"covenant": covenant, "groups": list(groups.values()), "form": form, "replaces": replaces},
    )


def document_download(request, pk, document_pk):
    """A document's bytes, only for those who see the covenant: 404 for everyone else, also for a visitor who is not
    logged in (the address tells nobody that the document exists)."""
    from django.http import HttpResponse

    from covenants.models import Document

    actor, covenant = rules.covenant_for(request, pk)
    document = get_object_or_404(Document, covenant=covenant, pk=document_pk)
    response = HttpResponse(services.document_content(document), content_type=document.content_type)
    response["Content-Disposition"] = f'attachment; filename="{document.file_name}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
