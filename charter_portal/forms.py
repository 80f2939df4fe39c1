from django.forms.renderers import TemplatesSetting


class PortalFormRenderer(TemplatesSetting):
    """Every form renders with the portal's accessible field markup (labels, help text, errors)."""

    form_template_name = "forms/div.html"
    field_template_name = "forms/field.html"
