"""What the signals app shows of "raised by young people" (``signals.youth_voice``): a signal cites one or more
active participation moments. Archived moments no longer count, as in the youth ranking of rounds."""

from django.db.models import Count, Exists, OuterRef, Sum
from django.urls import reverse

from participation import rules
from participation.models import SignalCitation, participants_expression
from participation.voice import Figure
from signals.youth_voice import YouthVoice


def _active(signal_ref):
    return SignalCitation.objects.filter(signal=signal_ref, moment__is_archived=False)


def raised_expression(ref: str = "pk"):
    return Exists(_active(OuterRef(ref)))


def signal_details(signal, actor) -> YouthVoice | None:
    """The moments a signal cites and the young people behind them (one query); for the reporting organisation
    also where to choose them, even before it cites any."""
    totals = _active(signal.pk).aggregate(moments=Count("pk"), young=Sum(participants_expression("moment__")))
    cite_url = reverse("participation:cite", args=[signal.pk]) if rules.can_cite_for(actor, signal) else ""
    if not totals["moments"] and not cite_url:
        return None
    young = totals["young"] or 0
    return YouthVoice(
        moments=totals["moments"], young_people=str(Figure(young if young >= 5 else None)), cite_url=cite_url
    )
