"""The portal's URLs, generated from the URL configuration, and what each persona may get from them.

``EXPECTED`` maps every URL name to the status a GET answers for each persona, in the order of ``PERSONAS``.
``302`` means a redirect to the login page. A URL name that is missing from the table fails the matrix test, so a
new URL cannot go unchecked."""

from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RegexPattern
from django.utils import timezone

PERSONAS = ("visitor", "partner_member", "partner_admin", "other_admin", "city_staff", "city_admin")

# Left out on purpose, with the reason.
SKIPPED_PREFIXES = {
    "admin/": "Django's admin has its own staff-only login and permission system (tested in tests/core/test_admin.py)",
    "i18n/": "set_language only switches the interface language; it holds no data",
}


@dataclass(frozen=True)
class Route:
    name: str
    route: str
    kwargs: tuple[str, ...]

    @property
    def has_format_suffix(self) -> bool:
        return "format" in self.kwargs


def _kwarg_names(pattern) -> tuple[str, ...]:
    if isinstance(pattern, RegexPattern):
        return tuple(pattern.regex.groupindex)
    return tuple(pattern.converters)


def walk(resolver=None, prefix="", namespace=None, inherited=()) -> Iterator[Route]:
    """Every named URL pattern below ``resolver``, with its namespaced name and the URL kwargs it needs."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        kwargs = inherited + _kwarg_names(pattern.pattern)
        if isinstance(pattern, URLResolver):
            ns = namespace
            if pattern.namespace:
                ns = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from walk(pattern, route, ns, kwargs)
        elif isinstance(pattern, URLPattern):
            name = pattern.name and (f"{namespace}:{pattern.name}" if namespace else pattern.name)
            yield Route(name=name, route=route, kwargs=kwargs)


def portal_routes() -> list[Route]:
    return [r for r in walk() if not any(r.route.startswith(p) for p in SKIPPED_PREFIXES)]


def url_kwargs(w) -> dict[str, dict]:
    """The URL kwargs of each URL name, filled from the fixture world ``w`` (tests/security/conftest.py)."""
    org, offer, collab, signal, covenant = w.partner_org, w.offer, w.collaboration, w.signal, w.covenant
    wijk = {"kind": "wijk", "slug": w.neighbourhood.slug}
    return {
        "accounts:invitation": {"token": w.invitation_token},
        "organisations:invitation": {"token": w.invitation_token},
        "accounts:password_reset_confirm": {"uidb64": "MQ", "token": "set-password"},
        "accounts:token_revoke": {"pk": 1},
        "notifications:open": {"pk": 999999},
        "notifications:mark_read": {"pk": 999999},
        "notifications:unsubscribe": {"token": "not-a-signed-token"},
        "api:notification-read": {"pk": 999999},
        "accounts:confirm_email": {"token": "not-a-signed-token"},
        "api:collaboration-accept": {"pk": collab.pk},
        "api:collaboration-decline": {"pk": collab.pk},
        "api:collaboration-detail": {"pk": collab.pk},
        "api:covenant-approve-version": {"pk": covenant.pk, "number": w.terms.number},
        "api:covenant-detail": {"pk": covenant.pk},
        "api:covenant-edit-version": {"pk": covenant.pk, "number": w.terms.number},
        "api:covenant-propose-version": {"pk": covenant.pk},
        "api:covenant-report": {"pk": covenant.pk, "period_id": w.period.pk},
        "api:covenant-review-report": {"pk": covenant.pk, "period_id": w.period.pk},
        "api:covenant-submit-report": {"pk": covenant.pk, "period_id": w.period.pk},
        "api:covenant-submit-version": {"pk": covenant.pk, "number": w.terms.number},
        "api:charter-verify": {"code": w.signature.receipt_code},
        "api:function-detail": {"code": "leisure"},
        "api:hsds-service-detail": {"id": offer.uuid},
        "api:indicator-detail": {"pk": w.indicator.pk},
        "api:indicator-value-detail": {"pk": w.indicator_value.pk},
        "api:movement-circle-detail": {"pk": w.circle.pk},
        "api:neighbourhood-detail": {"pk": w.neighbourhood.pk},
        "api:offer-detail": {"pk": offer.pk},
        "api:offer-calendar": {"pk": offer.pk},
        "api:organisation-detail": {"pk": org.pk},
        "api:priority-decision-detail": {"pk": w.decision.pk},
        **{
            f"api:signal-{action}": {"pk": signal.pk}
            for action in (
                "acknowledge",
                "answer",
                "close",
                "detail",
                "endorse",
                "reopen",
                "start",
                "actions",
                "comments",
                "confirm",
                "reassign",
            )
        },
        "api:signal-action-detail": {"pk": 999999},
        **{f"api:signal-round-{action}": {"pk": w.round.pk} for action in ("detail", "close", "vote")},
        "api:public-signal-detail": {"pk": signal.pk},
        "charter:certificate": {"code": w.signature.receipt_code},
        "charter:edit_article": {"pk": w.charter_draft.pk, "section": "principle", "number": 1},
        "charter:edit_draft": {"pk": w.charter_draft.pk},
        "charter:publish": {"pk": w.charter_draft.pk},
        "charter:receipt": {"code": w.signature.receipt_code},
        "charter:verify_code": {"code": w.signature.receipt_code},
        "charter:version": {"pk": w.charter_version.pk},
        "charter:withdraw": {"code": w.signature.receipt_code},
        "covenants:action_done": {"pk": covenant.pk, "action_pk": w.action.pk},
        "covenants:close": {"pk": covenant.pk},
        "covenants:decide_opening": {"pk": covenant.pk},
        "covenants:comment_add": {"pk": covenant.pk},
        "covenants:detail": {"pk": covenant.pk},
        "covenants:meeting_create": {"pk": covenant.pk},
        "covenants:period_add": {"pk": covenant.pk},
        "covenants:report": {"pk": covenant.pk, "period_pk": w.period.pk},
        "covenants:report_review": {"pk": covenant.pk, "period_pk": w.period.pk},
        "covenants:city_report": {"pk": covenant.pk, "period_pk": w.period.pk},
        "covenants:city_report_review": {"pk": covenant.pk, "period_pk": w.period.pk},
        "covenants:documents": {"pk": covenant.pk},
        "covenants:document_download": {"pk": covenant.pk, "document_pk": covenant.documents.get().pk},
        "covenants:version": {"pk": covenant.pk, "number": w.terms.number},
        "covenants:version_approve": {"pk": covenant.pk, "number": w.terms.number},
        "covenants:version_edit": {"pk": covenant.pk, "number": w.terms.number},
        "covenants:version_propose": {"pk": covenant.pk},
        "covenants:version_submit": {"pk": covenant.pk, "number": w.terms.number},
        "neighbourhoods:area": wijk,
        "neighbourhoods:export": {"fmt": "csv"},
        "signals:export": {"fmt": "csv"},
        "covenants:export": {"fmt": "xlsx"},
        "charter:organisations_export": {"fmt": "xlsx"},
        "neighbourhoods:history": wijk,
        "neighbourhoods:indicator_edit": {"pk": w.indicator.pk},
        "neighbourhoods:indicator_values": {"pk": w.indicator.pk},
        "neighbourhoods:circle_edit": {"slug": w.circle.slug},
        "neighbourhoods:override": wijk,
        **{
            f"offers:{name}": {"uuid": offer.uuid}
            for name in ("archive", "calendar", "detail", "duplicate", "edit", "publish", "unpublish")
        },
        "offers:organisation_calendar": {"slug": org.slug},
        **{f"offers:collaboration_{name}": {"pk": collab.pk} for name in ("accept", "decline", "detail", "edit")},
        "offers:space_edit": {"pk": w.space.pk},
        "participation:voice_area": {"slug": w.neighbourhood.slug},
        "participation:voice_theme": {"code": "leisure"},
        "participation:voice_export": {"fmt": "csv"},
        **{f"participation:{name}": {"pk": w.moment.pk} for name in ("moment", "moment_edit", "moment_archive")},
        "participation:cite": {"signal_pk": signal.pk},
        "participation:feedback": {"uuid": offer.uuid},
        "api:participation-moment-detail": {"pk": w.moment.pk},
        "api:offer-feedback": {"pk": offer.pk},
        "participation:round_ranking": {"pk": w.round.pk},
        **{f"support:{name}": {"pk": w.space.pk} for name in ("space", "space_manage", "calendar", "calendar_ics")},
        "support:request": {"pk": w.support.request.pk},
        "support:request_edit": {"pk": w.support.request.pk},
        "support:request_step": {"pk": w.support.request.pk, "name": "take_up"},
        "support:mentorship_answer": {"pk": w.support.mentorship.pk},
        "support:booking_step": {"pk": w.support.booking.pk, "step": "cancel"},
        "support:collaboration_roles": {"pk": collab.pk},
        "api:space-availability": {"pk": w.space.pk},
        "api:support-offer-detail": {"pk": w.support.offer.pk},
        **{
            f"api:support-request-{name}": {"pk": w.support.request.pk}
            for name in ("detail", "take-up", "start", "done", "not-possible", "confirm")
        },
        **{f"api:mentorship-{name}": {"pk": w.support.mentorship.pk} for name in ("detail", "accept", "decline")},
        **{
            f"api:space-booking-{name}": {"pk": w.support.booking.pk}
            for name in ("detail", "accept", "decline", "cancel")
        },
        "organisations:approve": {"slug": org.slug},
        "organisations:coordinator_set": {"pk": w.membership.pk},
        "diversity:organisation": {"slug": org.slug},
        "diversity:report": {"slug": org.slug, "year": timezone.localdate().year - 1},
        "api:staff-diversity-detail": {"pk": 999999},
        "organisations:reject": {"slug": org.slug},
        "organisations:change_role": {"slug": org.slug, "pk": w.membership.pk},
        "organisations:remove_member": {"slug": org.slug, "pk": w.membership.pk},
        "organisations:revoke_invitation": {"slug": org.slug, "pk": w.invitation.pk},
        "organisations:detail": {"slug": org.slug},
        "organisations:edit": {"slug": org.slug},
        "organisations:history": {"slug": org.slug},
        "support:volunteer_run": {"slug": org.slug},
        "organisations:invite": {"slug": org.slug},
        "organisations:members": {"slug": org.slug},
        "signals:action_create": {"pk": signal.pk},
        "signals:action_update": {"pk": 999999},
        "signals:comment": {"pk": signal.pk},
        "signals:confirm": {"pk": signal.pk},
        "signals:reassign": {"pk": signal.pk},
        "signals:set_public": {"pk": signal.pk},
        "signals:merge": {"pk": signal.pk},
        "signals:detail": {"pk": signal.pk},
        "signals:public_detail": {"pk": signal.pk},
        "signals:public_dashboard_export": {"fmt": "csv"},
        "support:overview_export": {"fmt": "csv"},
        "signals:endorse": {"pk": signal.pk},
        "signals:note": {"pk": signal.pk},
        "signals:round": {"pk": w.round.pk},
        "signals:round_close": {"pk": w.round.pk},
        "signals:round_vote": {"pk": w.round.pk},
        "signals:transition": {"pk": signal.pk, "name": "acknowledge"},
    }


def extra_cases(w) -> list[tuple[str, str, dict]]:
    """Second objects for URLs whose answer depends on the object's state: (label, URL name, kwargs)."""
    return [
        ("draft offer", "offers:detail", {"uuid": w.draft_offer.uuid}),
        ("draft offer", "offers:calendar", {"uuid": w.draft_offer.uuid}),
        ("draft offer", "api:offer-calendar", {"pk": w.draft_offer.pk}),
        ("draft offer", "offers:edit", {"uuid": w.draft_offer.uuid}),
        ("draft offer", "api:offer-detail", {"pk": w.draft_offer.pk}),
        ("draft offer", "api:hsds-service-detail", {"id": w.draft_offer.uuid}),
    ]


def build_url(route: Route, kwargs_by_name: dict, kwargs: dict | None = None) -> str:
    values = dict(kwargs if kwargs is not None else kwargs_by_name.get(route.name, {}))
    if route.has_format_suffix:
        values["format"] = "json"
    missing = set(route.kwargs) - set(values)
    if missing:
        raise LookupError(f"no value for {sorted(missing)} of {route.name} ({route.route})")
    return reverse(route.name, kwargs={k: values[k] for k in route.kwargs} or None)


def redirect_names(w) -> dict[str, str]:
    """Names for redirect targets, so that the table does not depend on database ids."""
    return {
        "/": "home",
        reverse("covenants:version", kwargs={"pk": w.covenant.pk, "number": w.terms.number}): "the covenant version",
        reverse("organisations:invitation", kwargs={"token": w.invitation_token}): "the invitation",
    }


def classify(response, names=None) -> int | str:
    """The status, with a redirect to the login page told apart from other redirects."""
    if response.status_code in (301, 302):
        location = response.headers.get("Location", "")
        if location.startswith(resolve_url(settings.LOGIN_URL)):
            return 302
        return f"302 to {(names or {}).get(location, location)}"
    return response.status_code


def check(client, persona: str, world, expected: dict, routes=None) -> tuple[list[str], dict]:
    """GET every URL as ``persona``; return the mismatches and what was observed per URL name (and label)."""
    routes = routes if routes is not None else portal_routes()
    index = PERSONAS.index(persona)
    kwargs_by_name = url_kwargs(world)
    names = redirect_names(world)
    mismatches, observed = [], {}
    cases = [(route.name, route, None) for route in routes]
    by_name = {route.name: route for route in routes if not route.has_format_suffix}
    cases += [(f"{name} [{label}]", by_name[name], kw) for label, name, kw in extra_cases(world) if name in by_name]
    for key, route, kw in cases:
        if route.name is None:
            mismatches.append(f"{route.route}: an unnamed URL cannot be checked; give it a name")
            continue
        if key not in expected:
            mismatches.append(f"{key}: no entry in the expectation table")
            continue
        url = build_url(route, kwargs_by_name, kw)
        got = classify(client.get(url), names)
        observed[key] = got
        want = expected[key][index]
        if got != want:
            mismatches.append(f"{key} {url} as {persona}: expected {want}, got {got}")
    return mismatches, observed
