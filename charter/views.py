from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from charter import selectors
from charter.forms import (
    DraftArticleForm,
    DraftIntroductionForm,
    NewVersionForm,
    SignForm,
    VerifyForm,
    WithdrawForm,
)
from charter.models import CharterVersion
from charter.rules import (
    can_manage_versions,
    can_withdraw,
    entry_for_receipt,
    signature_for_withdrawal,
    signing_organisation_ids,
)
from charter.services import (
    charter_sign,
    charter_version_draft,
    charter_version_publish,
    charter_withdraw,
)
from charter_portal import caching, exports
from charter_portal.concurrency import STALE_MESSAGE, StaleObjectError, refusals_as_messages, save_versioned
from charter_portal.errors import BadInput, StepNotAllowed
from charter_portal.permissions import actor_for, city_admin_required, city_staff_required, deny
from organisations.models import Membership, Organisation, Sector


def _render_version(request, version, *, is_current):
    def context():
        actor = actor_for(request.user)
        current = selectors.current_version() if not is_current else version
        return {
            "version": version,
            "is_current": is_current,
            "current": current,
            "sections": selectors.version_with_articles(version),
            "versions": list(CharterVersion.objects.published().only("pk", "label", "published_on")),
            "statuses": selectors.charter_status_for(signing_organisation_ids(actor), current),
        }

    # The articles and the signing status of the person's organisations: kept per audience until the charter or
    # the organisations change (charter_portal/caching.py).
    content = caching.render_part(
        request, "charter/_charter.html", context, domains=("charter", "organisations"), vary=(version.pk, is_current)
    )
    return render(request, "charter/charter.html", {"version": version, "content": content})


@require_safe
def current(request):
    # The version itself is kept too: a visit of the charter page then reads nothing from the database.
    version = caching.kept(("charter",), ("charter-version", "current"), selectors.current_version)
    if version is None:
        raise Http404
    return _render_version(request, version, is_current=True)


@require_safe
def version(request, pk):
    """An earlier (or the current) published version; city admins also preview drafts."""
    qs = (
        CharterVersion.objects.all()
        if can_manage_versions(actor_for(request.user))
        else CharterVersion.objects.published()
    )
    item = get_object_or_404(qs, pk=pk)
    current_version = selectors.current_version()
    return _render_version(request, item, is_current=current_version is not None and item.pk == current_version.pk)


@login_required
@require_http_methods(["GET", "POST"])
def sign(request):
    actor = actor_for(request.user)
    org_ids = signing_organisation_ids(actor)
    if not org_ids:
        if Membership.objects.filter(user=request.user, role=Membership.Role.ADMIN).exists():
            # Admin of an organisation that is not (yet) approved: say so instead of a bare 403.
            return render(request, "charter/sign_unavailable.html", status=403)
        deny(request, "only organisation admins sign the charter")
    version = selectors.current_version()
    if version is None:
        raise Http404
    organisations = Organisation.objects.approved().filter(pk__in=org_ids).order_by("name")
    statuses = selectors.charter_status_for(org_ids, version)
    if request.method == "POST":
        form = SignForm(request.POST, organisations=organisations)
        if form.is_valid():
            data = form.cleaned_data
            try:
                entry = charter_sign(
                    organisation=data["organisation"],
                    user=request.user,
                    signer_name=data["signer_name"],
                    signer_role=data["signer_role"],
                    authorised=data["authorised"],
                    password=data["password"],
                    version=version,
                )
            except StepNotAllowed as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(
                    request,
                    _("%(organisation)s has signed the charter. Your receipt was sent to %(email)s.")
                    % {"organisation": entry.organisation_name, "email": request.user.email},
                )
                return redirect("charter:receipt", code=entry.receipt_code)
    else:
        wanted = request.GET.get("organisation")
        unsigned = [s.organisation.pk for s in statuses if s.needs_to_sign]
        initial = {"signer_name": request.user.full_name}
        if wanted and wanted.isdigit() and int(wanted) in org_ids:
            initial["organisation"] = int(wanted)
        elif unsigned:
            initial["organisation"] = unsigned[0]
        form = SignForm(initial=initial, organisations=organisations)
    # Nothing left to sign: say so instead of showing a form that can only be refused.
    show_form = request.method == "POST" or any(s.needs_to_sign for s in statuses)
    return render(
        request,
        "charter/sign.html",
        {"form": form, "version": version, "statuses": statuses, "show_form": show_form},
    )


@login_required
@require_safe
def receipt(request, code):
    entry = entry_for_receipt(request, code)
    actor = actor_for(request.user)
    return render(
        request,
        "charter/receipt.html",
        {
            "entry": entry,
            "can_withdraw": entry.is_signature and not hasattr(entry, "withdrawal") and can_withdraw(actor, entry),
            "history": list(selectors.organisation_history(entry.organisation)),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def withdraw(request, code):
    signature = signature_for_withdrawal(request, code)
    already = hasattr(signature, "withdrawal")
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            charter_withdraw(signature=signature, user=request.user, reason=form.cleaned_data["reason"])
        except StepNotAllowed as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request,
                _("The signature of %(organisation)s was withdrawn. It no longer appears in the list of signatories.")
                % {"organisation": signature.organisation_name},
            )
            return redirect("charter:receipt", code=signature.receipt_code)
    return render(
        request,
        "charter/withdraw.html",
        {"entry": signature, "form": form, "already": already},
        status=400 if request.method == "POST" else 200,
    )


@require_safe
def verify(request):
    form = VerifyForm(request.GET or None)
    status = 200
    if request.GET and form.is_valid():
        entry = selectors.entry_by_code(form.cleaned_data["code"])
        if entry is not None:
            return redirect("charter:verify_code", code=entry.receipt_code)
        form.add_error("code", _("No signature or withdrawal has this receipt code. Check the code and try again."))
        status = 404
    return render(request, "charter/verify.html", {"form": form}, status=status)


@require_safe
def verify_code(request, code):
    entry = selectors.entry_by_code(code)
    if entry is None:
        raise Http404
    report = selectors.verify_chain(upto=entry.sequence)
    return render(request, "charter/verify_result.html", {"entry": entry, "report": report, "form": VerifyForm()})


@require_safe
def certificate(request, code):
    entry = selectors.entry_by_code(code)
    if entry is None or not entry.is_signature:
        raise Http404
    report = selectors.verify_chain(upto=entry.sequence)
    return render(request, "charter/certificate.html", {"entry": entry, "report": report})


def _signatory_filters(request):
    kind = request.GET.get("kind", "")
    sector = request.GET.get("sector", "")
    sectors = list(Sector.objects.all())
    if kind not in Organisation.Kind.values:
        kind = ""
    if sector not in {s.code for s in sectors}:
        sector = ""
    return kind, sector, sectors


@require_safe
def signatories(request):
    def context():
        kind, sector, sectors = _signatory_filters(request)
        counts = selectors.signatory_counts()
        return {
            "rows": list(selectors.signatories(kind=kind, sector=sector)),
            "current": selectors.current_version(),
            "kinds": selectors.kinds_with_counts(counts),
            "total": sum(counts.values()),
            "sectors": sectors,
            "kind": kind,
            "sector": sector,
            "query": request.GET.urlencode(),
        }

    # The list and its filters, the same for everyone: kept until signatures or organisations change.
    content = caching.render_part(
        request, "charter/_signatories.html", context, domains=("charter", "organisations"), public=True
    )
    return render(request, "charter/signatories.html", {"content": content})


@require_safe
def signatories_csv(request):
    dialect = exports.dialect_from(request.GET)
    kind, sector, _sectors = _signatory_filters(request)
    current_version = selectors.current_version()
    columns = [
        exports.Column(_("Organisation")),
        exports.Column(_("Kind")),
        exports.Column(_("Sectors")),
        exports.Column(_("Signed on"), exports.DATE),
        exports.Column(_("Version signed")),
        exports.Column(_("Current version")),
    ]
    rows = (
        [
            org.name,
            org.get_kind_display(),
            "; ".join(s.name for s in org.sectors.all()),
            timezone.localdate(org.signed_at) if org.signed_at else None,
            org.signed_version_label,
            _("yes") if current_version and org.signed_version_id == current_version.pk else _("no"),
        ]
        for org in selectors.signatories(kind=kind, sector=sector)
    )
    filters = []
    if kind:
        filters.append((_("Kind"), str(Organisation.Kind(kind).label)))
    if sector:
        filters.append((_("Sector"), next(str(s.name) for s in _sectors if s.code == sector)))
    about = exports.About(timezone.localtime(), filters=filters)
    return exports.export_response(
        "charter-signatories", columns, rows, format=exports.CSV, dialect=dialect, about=about
    )


SIGNATURE_LABELS = {
    selectors.SIGNED_CURRENT: gettext_lazy("signed the current version"),
    selectors.SIGNED_OLDER: gettext_lazy("signed an older version only"),
    selectors.NOT_SIGNED: gettext_lazy("not signed"),
}


@city_staff_required
@require_safe
def organisations_export(request, fmt):
    """Every approved organisation with its signature status, for the city's follow-up of who has not signed (issue
    21, item 6). City staff only: the public list names those who signed, not those who did not."""
    if fmt not in (exports.CSV, exports.XLSX):
        raise Http404
    dialect = exports.dialect_from(request.GET)
    kind, status = request.GET.get("kind", ""), request.GET.get("signature", "")
    filters = []
    if kind:
        if kind not in Organisation.Kind.values:
            raise BadInput(_("Choose a kind of organisation from the list."), field="kind")
        filters.append((_("Kind"), str(Organisation.Kind(kind).label)))
    if status:
        if status not in SIGNATURE_LABELS:
            raise BadInput(
                _("Choose a signature status: current, older or none."),
                field="signature",
            )
        filters.append((_("Signature"), str(SIGNATURE_LABELS[status])))
    current = selectors.current_version()
    columns = [
        exports.Column(_("Organisation")),
        exports.Column(_("Kind")),
        exports.Column(_("Sectors")),
        exports.Column(_("Signature")),
        exports.Column(_("Version signed")),
        exports.Column(_("Signed on"), exports.DATE),
        exports.Column(_("Current version")),
    ]
    rows = [
        [
            org.name,
            org.get_kind_display(),
            "; ".join(s.name for s in org.sectors.all()),
            str(SIGNATURE_LABELS[org.signature_status]),
            org.signed_version_label or "",
            timezone.localdate(org.signed_at) if org.signed_at else None,
            current.label if current else "",
        ]
        for org in selectors.signature_status_rows(kind=kind, status=status)
    ]
    about = exports.About(timezone.localtime(), filters=filters)
    return exports.export_response(
        f"organisations-signatures-{timezone.localdate().isoformat()}",
        columns,
        rows,
        format=fmt,
        dialect=dialect,
        about=about,
        title=_("Signatures"),
    )


@city_admin_required
@require_http_methods(["GET", "POST"])
def manage_versions(request):
    current_version = selectors.current_version()
    form = NewVersionForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and current_version is not None:
        try:
            draft = charter_version_draft(source=current_version, label=form.cleaned_data["label"], by=request.user)
        except StepNotAllowed as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request, _("Draft %(label)s was created as a copy of the current version.") % {"label": draft.label}
            )
            return redirect("charter:versions")
    return render(
        request,
        "charter/versions.html",
        {"versions": list(CharterVersion.objects.all()), "current": current_version, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@city_admin_required
@require_POST
def publish_version(request, pk):
    draft = get_object_or_404(CharterVersion, pk=pk)
    with refusals_as_messages(request) as outcome:
        charter_version_publish(version=draft, by=request.user)
    if outcome.ok:
        messages.success(
            request,
            _("Version %(label)s is published. Signatories of earlier versions are invited to sign it.")
            % {"label": draft.label},
        )
    return redirect("charter:versions")


def _draft_for_edit(request, pk) -> CharterVersion:
    """A draft city admins may edit: 404 when it does not exist, 403 once published (it never changes)."""
    item = get_object_or_404(CharterVersion, pk=pk)
    if item.is_published:
        deny(request, "a published charter version never changes")
    return item


@city_admin_required
@require_http_methods(["GET", "POST"])
def edit_draft(request, pk):
    draft = _draft_for_edit(request, pk)
    form = DraftIntroductionForm(request.POST or None, instance=draft, draft_version=draft.version)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            form, saved = _save_draft_form(form, draft)
            if saved:
                messages.success(request, _("The introduction of draft %(label)s was saved.") % {"label": draft.label})
                return redirect("charter:edit_draft", pk=draft.pk)
            status = 409
    return render(
        request,
        "charter/edit_draft.html",
        {"draft": draft, "form": form, "sections": selectors.version_with_articles(draft)},
        status=status,
    )


@city_admin_required
@require_http_methods(["GET", "POST"])
def edit_article(request, pk, section, number):
    draft = _draft_for_edit(request, pk)
    article = get_object_or_404(draft.articles, section=section, number=number)
    form = DraftArticleForm(request.POST or None, instance=article, draft_version=draft.version)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            form, saved = _save_draft_form(form, draft)
            if saved:
                messages.success(request, _("%(article)s was saved.") % {"article": article})
                return redirect("charter:edit_draft", pk=draft.pk)
            status = 409
    return render(
        request,
        "charter/edit_article.html",
        {"draft": draft, "article": article, "form": form},
        status=status,
    )


def _save_draft_form(form, draft):
    """Save a draft's introduction or article through the draft's optimistic lock.

    Any edit of the draft raises its version, so two city admins editing the same draft never
    overwrite each other: the second gets STALE_MESSAGE and a form with the current text.
    """
    try:
        with transaction.atomic():
            obj = form.save(commit=False)
            if obj is draft:
                save_versioned(draft, form.cleaned_data.get("expected_version"))
            else:
                save_versioned(draft, form.cleaned_data.get("expected_version"), update_fields=[])
                obj.save()
            caching.bump("charter")
    except StaleObjectError as exc:
        current = exc.current
        instance = current if form.instance is draft else type(form.instance).objects.get(pk=form.instance.pk)
        fresh = type(form)(instance=instance, draft_version=current.version)
        fresh.stale_message = STALE_MESSAGE  # an unbound form cannot carry errors; the template shows it
        return fresh, False
    return form, True
