"""Panels that higher apps add to the coverage page of an area (``neighbourhoods:area``).

An app registers ``panel(request, area_type, area, result)`` in its ``AppConfig.ready``; it returns the HTML of its
section (or an empty string), which the page shows after the offer. The neighbourhoods app imports no app above it.
"""

_panels: list = []


def register_area_panel(panel) -> None:
    if panel not in _panels:
        _panels.append(panel)


def area_panels(request, area_type: str, area, result) -> list[str]:
    return [html for html in (panel(request, area_type, area, result) for panel in _panels) if html]
