"""A new charter version is news for every approved organisation's members; signing waits for their admins."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from charter import rules, selectors
from charter.models import CharterVersion
from notifications.kinds import register_kind
from notifications.services import notify
from notifications.todo import TodoItem, register_todo
from organisations.selectors import members

register_kind(
    "charter.version_published",
    category="charter",
    title=_("A new version of the charter is published: {label}. Signatories are invited to sign it again."),
)


def version_published(version: CharterVersion, *, by) -> None:
    people = members(organisation__is_approved=True, organisation__is_active=True)
    notify(
        "charter.version_published",
        people,
        actor=by,
        target=version,
        params={"label": version.label},
        url=reverse("charter:current"),
    )


@register_todo(domains=("charter",))
def charter_todos(actor) -> list[TodoItem]:
    """The organisations this person signs for that have not signed the current version. Three queries."""
    ids = rules.signing_organisation_ids(actor)
    if not ids:
        return []
    version = selectors.current_version()
    if version is None:
        return []
    items = []
    for status in selectors.charter_status_for(ids, version):
        if status.current_signature is not None:
            continue
        if status.older_signature is not None:
            title = _("Sign the new version of the charter (%(label)s) for %(organisation)s")
        else:
            title = _("Sign the charter for %(organisation)s")
        items.append(
            TodoItem(
                kind="charter.sign",
                title=title % {"label": version.label, "organisation": status.organisation.name},
                url=reverse("charter:sign"),
                object_type="organisation",
                object_id=status.organisation.pk,
            )
        )
    return items
