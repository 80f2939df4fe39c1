"""The public page of the signature chain's signed head (charter/anchors.py)."""

import json

from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from charter import selectors


@require_safe
@never_cache
def chain_head(request):
    """The chain head signed now, to keep: whoever keeps it can later prove a rewrite of the chain."""
    head = selectors.published_head()
    return render(
        request,
        "charter/chain_head.html",
        {"head": head, "head_json": json.dumps(head, indent=2, sort_keys=True)},
    )
