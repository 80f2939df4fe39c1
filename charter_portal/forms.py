from django.db.models import fields as model_fields
from django.forms.renderers import TemplatesSetting
from django.utils.translation import pgettext_lazy

# The empty choice of every select of the portal, in the reader's language. Django ("- Select an option -",
# untranslated in Dutch, or "---------") and django-filter ("---------") bring their own; the renderer swaps
# those for this one. A field that names its empty choice on purpose ("All neighbourhoods") keeps its name.
EMPTY_CHOICE_LABEL = pgettext_lazy("the empty choice of a select", "Choose an option")


def _library_empty_labels() -> set[str]:
    """The empty-choice labels Django and django-filter give a select when a form names none, in this language."""
    from django.conf import settings

    dashes = model_fields.BLANK_CHOICE_DASH[0][1]
    return {dashes, str(model_fields.BLANK_CHOICE_LABEL), str(getattr(settings, "FILTERS_EMPTY_CHOICE_LABEL", dashes))}


def with_portal_empty_label(widget_context: dict) -> None:
    """Give the empty option of a select widget's context the portal's label where it has a library's default."""
    optgroups = widget_context.get("optgroups")
    if not optgroups:
        return
    defaults = None
    for _group, options, _index in optgroups:
        for option in options:
            if option.get("type") != "select" or option.get("value") not in ("", None):
                continue
            defaults = defaults if defaults is not None else _library_empty_labels()
            if str(option.get("label")) in defaults:
                option["label"] = EMPTY_CHOICE_LABEL


class PortalFormRenderer(TemplatesSetting):
    """Every form renders with the portal's accessible field markup (labels, help text, errors), the error summary
    at its top (templates/forms/error_summary.html) and the portal's empty choice in its selects."""

    form_template_name = "forms/div.html"
    field_template_name = "forms/field.html"

    def render(self, template_name, context, request=None):
        widget = context.get("widget")
        if isinstance(widget, dict):
            with_portal_empty_label(widget)
        return super().render(template_name, context, request=request)
