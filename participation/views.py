"""Pages: an organisation's moments, what young people say (public), the young people's own entrance and feedback."""

from __future__ import annotations

from urllib.parse import urlencode

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from charter_portal import exports
from charter_portal.concurrency import refusals_as_messages
from charter_portal.errors import BadInput
from charter_portal.permissions import actor_for, city_admin_required, deny
from neighbourhoods.models import Neighbourhood
from offers.models import Offer
from organisations.models import Organisation
from participation import rounds, rules, selectors, services, voice
from participation.forms import CitationForm, FeedbackForm, MomentForm, NearMeForm, PeriodForm, offer_for_feedback
from participation.models import ParticipationMoment, RoundYouthRanking, SignalCitation
from signals.models import Signal, Theme

# The organisation's moments ---------------------------------------------------------------------------------


def _recorder(request):
    actor = actor_for(request.user)
    if not rules.can_record(actor):
        deny(request, "participation moments are recorded by members of organisations")
    return actor


def _get_moment(request, pk) -> tuple[ParticipationMoment, object]:
    """Fetch and authorise: a moment of another organisation answers 404."""
    actor = actor_for(request.user)
    moment = selectors.moment_for_detail(rules.visible_moments(actor, ParticipationMoment.objects.all()), pk)
    if moment is None:
        raise Http404
    return moment, actor


@login_required
@require_safe
def moments(request):
    actor = _recorder(request)
    items = list(
        selectors.moments_for_lists(rules.visible_moments(actor, ParticipationMoment.objects.active())).order_by(
            "-held_on", "-pk"
        )[:200]
    )
    # The reporting organisation links its signals to its moments (the signal pages are the signals app's own).
    own_signals = list(
        Signal.objects.filter(organisation_id__in=rules.recording_organisation_ids(actor))
        .only("pk", "title")
        .order_by("-pk")[:50]
    )
    return render(request, "participation/moments.html", {"moments": items, "own_signals": own_signals})


def _save(request, form, moment, actor) -> bool:
    if not form.is_valid():
        return False
    data = form.cleaned_data
    with refusals_as_messages(request) as outcome:
        try:
            services.moment_save(
                moment=form.instance,
                by=request.user,
                expected_version=data.get("version"),
                neighbourhoods=list(data.get("neighbourhoods") or []),
                **form.said(),
            )
        except ValidationError as exc:
            for name, errors in exc.message_dict.items():
                for error in errors:
                    form.add_error(name if name in form.fields else None, error)
            return False
    return outcome.ok


@login_required
@require_http_methods(["GET", "POST"])
def moment_create(request):
    actor = _recorder(request)
    organisations = Organisation.objects.filter(pk__in=rules.recording_organisation_ids(actor)).order_by("name")
    form = MomentForm(request.POST or None, organisations=organisations, initial={"held_on": timezone.localdate()})
    if request.method == "POST" and _save(request, form, None, actor):
        messages.success(request, _("The moment is recorded. What young people said now counts in the portal."))
        return redirect(form.instance.get_absolute_url())
    return render(request, "participation/moment_form.html", {"form": form, "moment": None})


@login_required
@require_safe
def moment_detail(request, pk):
    moment, actor = _get_moment(request, pk)
    citing = list(
        Signal.objects.filter(pk__in=SignalCitation.objects.filter(moment=moment).values("signal_id")).only(
            "pk", "title"
        )
    )
    return render(
        request,
        "participation/moment_detail.html",
        {"moment": moment, "can_change": rules.can_change_moment(actor, moment), "citing": citing},
    )


@login_required
@require_http_methods(["GET", "POST"])
def moment_edit(request, pk):
    moment, actor = _get_moment(request, pk)
    if not rules.can_change_moment(actor, moment) or moment.is_archived:
        deny(request, "only the organisation changes its moments")
    organisations = Organisation.objects.filter(pk=moment.organisation_id)
    form = MomentForm(request.POST or None, instance=moment, organisations=organisations)
    if request.method == "POST" and _save(request, form, moment, actor):
        messages.success(request, _("The moment is saved. Every figure about it follows at once."))
        return redirect(moment.get_absolute_url())
    return render(request, "participation/moment_form.html", {"form": form, "moment": moment})


@login_required
@require_POST
def moment_archive(request, pk):
    moment, actor = _get_moment(request, pk)
    if not rules.can_change_moment(actor, moment):
        deny(request, "only the organisation archives its moments")
    with refusals_as_messages(request) as outcome:
        services.moment_archive(moment=moment, expected_version=request.POST.get("version") or None)
    if outcome.ok:
        messages.success(request, _("The moment is archived: it no longer counts in what young people say."))
        return redirect("participation:moments")
    return redirect(moment.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def signal_cite(request, signal_pk):
    """The moments a signal cites: "raised by young people"."""
    actor = actor_for(request.user)
    if not actor.is_partner:
        raise Http404
    signal = get_object_or_404(Signal.objects.only("pk", "title", "organisation_id"), pk=signal_pk)
    if not rules.can_cite_for(actor, signal):
        deny(request, "only the reporting organisation cites moments")
    own = ParticipationMoment.objects.active().filter(organisation_id=signal.organisation_id)
    current = list(SignalCitation.objects.filter(signal=signal).values_list("moment_id", flat=True))
    form = CitationForm(request.POST or None, moments=own, initial={"moments": current})
    if request.method == "POST" and form.is_valid():
        try:
            services.citations_set(
                signal=signal, moment_ids=[m.pk for m in form.cleaned_data["moments"]], by=request.user
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The signal now shows which moments of young people it comes from."))
            return redirect("signals:detail", pk=signal.pk)
    return render(request, "participation/cite.html", {"form": form, "signal": signal})


# What young people say (public) -------------------------------------------------------------------------------


def _period(request) -> tuple[PeriodForm, int, int | None]:
    """The fixed period asked for; a wrong one shows why and falls back to this year."""
    years = voice.years_with_moments()
    form = PeriodForm(request.GET or None, years=years)
    if form.is_bound and form.is_valid():
        return form, form.cleaned_data["year"], form.cleaned_data["quarter"]
    if not form.is_bound:
        form = PeriodForm(initial={"year": years[0]}, years=years)
    return form, years[0], None


def _period_query(year, quarter) -> str:
    return urlencode({"year": year, **({"quarter": quarter} if quarter else {})})


def _voice_context(request, form, year, quarter, **extra):
    start, end = voice.period_dates(year, quarter)
    return {
        "period_form": form,
        "year": year,
        "quarter": quarter,
        "start": start,
        "end": end,
        "query": _period_query(year, quarter),
        "theme_choices": Theme.choices,
        **extra,
    }


@require_safe
def voice_city(request):
    form, year, quarter = _period(request)
    areas, city = selectors.neighbourhood_figures(year, quarter)
    return render(
        request,
        "participation/voice.html",
        _voice_context(
            request,
            form,
            year,
            quarter,
            scope=selectors.scope_figures(year, quarter, voice.ALL),
            areas=areas,
            city=city,
            quotes=selectors.public_quotes(year, quarter),
            chart=selectors.theme_chart(voice.ALL, voice.years_with_moments()),
        ),
    )


@require_safe
def voice_area(request, slug):
    area = get_object_or_404(Neighbourhood.objects.defer("geometry"), slug=slug)
    form, year, quarter = _period(request)
    return render(
        request,
        "participation/voice_area.html",
        _voice_context(
            request,
            form,
            year,
            quarter,
            area=area,
            scope=selectors.scope_figures(year, quarter, area.pk),
            quotes=selectors.public_quotes(year, quarter, neighbourhood=area),
            chart=selectors.theme_chart(area.pk, voice.years_with_moments()),
        ),
    )


@require_safe
def voice_theme(request, code):
    labels = dict(Theme.choices)
    if code not in labels:
        raise Http404
    form, year, quarter = _period(request)
    areas, city = selectors.neighbourhood_figures(year, quarter, theme=code)
    tables = voice.year_voice(year)
    period = voice.period_key(quarter)
    return render(
        request,
        "participation/voice_theme.html",
        _voice_context(
            request,
            form,
            year,
            quarter,
            code=code,
            label=labels[code],
            total=tables.themes.figure(period, voice.ALL, code),
            moments=tables.themes.moment_count(period, voice.ALL, code),
            areas=[a for a in areas if a.moments],
            city=city,
            quotes=selectors.public_quotes(year, quarter, theme=code),
        ),
    )


@require_safe
def voice_export(request, fmt):
    """The figures of a period per neighbourhood and theme, suppressed exactly like the pages."""
    if fmt not in (exports.CSV, exports.XLSX):
        raise Http404
    dialect = exports.dialect_from(request.GET)
    years = voice.years_with_moments()
    form = PeriodForm(request.GET or None, years=years)
    if request.GET and not form.is_valid():
        raise BadInput(" ".join(str(e) for errors in form.errors.values() for e in errors))
    year = form.cleaned_data["year"] if form.is_bound else years[0]
    quarter = form.cleaned_data.get("quarter") if form.is_bound else None
    columns, rows = export_rows(year, quarter)
    name = f"youth-voice-{year}" + (f"-q{quarter}" if quarter else "")
    return exports.export_response(name, columns, rows, format=fmt, dialect=dialect)


def export_rows(year: int, quarter: int | None):
    tables = voice.year_voice(year)
    period = voice.period_key(quarter)
    labels = dict(Theme.choices)
    columns = [
        exports.Column(_("Area")),
        exports.Column(_("Moments"), exports.NUMBER),
        exports.Column(_("Participants")),
        *[exports.Column(str(labels[code])) for code in tables.themes.columns],
    ]
    areas = [(a.name, a.pk) for a in Neighbourhood.objects.defer("geometry").order_by("number")]
    rows = []
    for name, row in [(_("City-wide (every moment)"), voice.ALL), *areas, (_("City-wide moments only"), voice.CITY)]:
        rows.append(
            [
                name,
                tables.bands.moment_count(period, row),
                str(tables.bands.figure(period, row, voice.ALL)),
                *[str(tables.themes.figure(period, row, code)) for code in tables.themes.columns],
            ]
        )
    return columns, rows


# Young people's own entrance ---------------------------------------------------------------------------------


@require_safe
def young(request):
    """Easy-read, phone first, no login: what is there to do near me? Leads into the directory, age and area chosen."""
    form = NearMeForm(request.GET or None)
    if form.is_bound and form.is_valid():
        query = urlencode({"age": form.cleaned_data["age"], "neighbourhood": form.cleaned_data["neighbourhood"].pk})
        return redirect(f"{reverse('offers:directory')}?{query}")
    return render(request, "participation/young.html", {"form": form})


def _client_address(request) -> str:
    """The address as the login lockout reads it (``PROXY_COUNT`` proxies in front): used only to limit answers."""
    return get_client_ip_address(request) or ""


@require_http_methods(["GET", "POST"])
def feedback(request, uuid):
    offer = offer_for_feedback(uuid)
    if offer is None:
        raise Http404
    cookie = services.feedback_cookie_name()
    device = request.COOKIES.get(cookie) or services.new_device_token()
    form = FeedbackForm(request.POST or None)
    thanks = False
    if request.method == "POST" and form.is_valid():
        try:
            services.feedback_give(
                offer=offer,
                rating=form.cleaned_data["rating"],
                comes_back=form.cleaned_data["comes_back"],
                address=_client_address(request),
                device=device,
            )
        except services.FeedbackLimit:
            form.add_error(None, _("You already answered today. Thank you! You can answer again tomorrow."))
        else:
            thanks = True
    response = render(request, "participation/feedback.html", {"form": form, "offer": offer, "thanks": thanks})
    if cookie not in request.COOKIES:
        response.set_cookie(
            cookie, device, max_age=366 * 24 * 3600, secure=not settings.DEBUG, httponly=True, samesite="Lax"
        )
    return response


@login_required
@require_safe
def feedback_totals(request):
    actor = _recorder(request)
    offers = list(
        Offer.objects.filter(organisation_id__in=actor.member_organisation_ids)
        .select_related("organisation")
        .order_by("title", "pk")
    )
    totals = selectors.feedback_totals([o.pk for o in offers])
    rows = [{"offer": o, "totals": totals.get(o.pk)} for o in offers]
    return render(
        request, "participation/feedback_totals.html", {"rows": rows, "threshold": services.FEEDBACK_THRESHOLD}
    )


# Young people's voice in a prioritisation round ---------------------------------------------------------------


@city_admin_required
@require_http_methods(["GET", "POST"])
def round_ranking(request, pk):
    """A city admin attaches the young people's ranking of a round's candidates before voting opens."""
    from signals.models import PrioritisationRound

    round_ = get_object_or_404(PrioritisationRound, pk=pk)
    if request.method == "POST":
        with refusals_as_messages(request) as outcome:
            rounds.youth_ranking_attach(round_=round_, by=request.user)
        if outcome.ok:
            messages.success(request, _("The young people's ranking is attached: it shows beside the votes."))
        return redirect("participation:round_ranking", pk=round_.pk)
    entries = list(round_.entries.select_related("signal").order_by("pk"))
    frozen = {r.signal_id: r for r in RoundYouthRanking.objects.filter(round=round_)}
    counts = rounds.youth_counts([e.signal_id for e in entries])
    ranks = rounds.ranked(counts, [e.signal_id for e in entries])
    rows = [
        {
            "signal": e.signal,
            "now": rounds.cell(ranks[e.signal_id], counts.get(e.signal_id, 0)),
            "attached": rounds.cell(frozen[e.signal_id].rank, frozen[e.signal_id].participants)
            if e.signal_id in frozen
            else None,
        }
        for e in entries
    ]
    return render(
        request,
        "participation/round_ranking.html",
        {"round": round_, "rows": rows, "frozen": rounds.is_frozen(round_), "attached": bool(frozen)},
    )
