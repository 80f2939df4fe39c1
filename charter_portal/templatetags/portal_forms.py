"""The error summary of every form (GOV.UK's pattern): ``{% error_summary form formset ... %}``.

``templates/forms/div.html``, which renders every ``{{ form }}``, calls it, so a form gets its summary without a
line of its own. A page that lays out its fields by hand, or has a formset beside its form, calls it once at the
top of its ``<form>`` with all of them; the forms it summarised then render no second summary."""

from dataclasses import dataclass

from django import template
from django.forms import BaseForm
from django.forms.formsets import BaseFormSet
from django.template.loader import render_to_string

register = template.Library()

SUMMARISED = "_portal_error_summary_shown"


@dataclass(frozen=True)
class SummaryItem:
    message: str
    label: str = ""
    target: str = ""  # the id of the control the link moves to; empty for an error of the whole form

    @property
    def separator(self) -> str:
        """Between the field's name and its message: a colon, unless the label ends in one or asks a question."""
        return " " if self.label.rstrip().endswith(("?", ":", "!")) else ": "


def _forms(things) -> tuple[list, list]:
    """The forms among ``things`` (forms, formsets, lists of either), and the errors of the formsets themselves."""
    forms, formset_errors = [], []
    for thing in things:
        if isinstance(thing, BaseFormSet):
            if thing.is_bound:
                # A broken management form is among these: its own form then needs no summary of its own.
                formset_errors += [SummaryItem(str(message)) for message in thing.non_form_errors()]
                setattr(thing.management_form, SUMMARISED, True)
            forms += list(thing.forms)
        elif isinstance(thing, BaseForm):
            forms.append(thing)
        elif isinstance(thing, list | tuple):
            more, more_errors = _forms(thing)
            forms += more
            formset_errors += more_errors
    return forms, formset_errors


def target_id(bound_field) -> str:
    """The id of the control a person fixes: the field's own, or the first box of a group of check boxes or radios."""
    if bound_field.id_for_label:
        return bound_field.id_for_label
    subwidgets = bound_field.subwidgets
    if subwidgets and subwidgets[0].id_for_label:
        return subwidgets[0].id_for_label
    return bound_field.auto_id or ""


def summary_items(form) -> list[SummaryItem]:
    """The errors of ``form`` in the order of its fields, errors of the whole form first."""
    if not form.is_bound or not form.errors:
        return []
    items = [SummaryItem(str(message)) for message in form.non_field_errors()]
    for bound_field in form:
        for message in bound_field.errors:
            if bound_field.is_hidden:  # a stale version number and the like: nothing to fix in a field
                items.append(SummaryItem(str(message)))
            else:
                items.append(SummaryItem(str(message), str(bound_field.label or ""), target_id(bound_field)))
    return items


@register.simple_tag
def error_summary(*things):
    """The summary of the errors of the given forms and formsets, or nothing when they have none (or had theirs)."""
    forms, items = _forms(things)
    forms = [form for form in forms if not getattr(form, SUMMARISED, False)]
    for form in forms:
        setattr(form, SUMMARISED, True)
        items += summary_items(form)
    if not items:
        return ""
    for form in forms:
        # The summary takes the focus; a field that asks for it on an empty form would take it back.
        for field in form.fields.values():
            field.widget.attrs.pop("autofocus", None)
    return render_to_string("forms/error_summary.html", {"items": items})
