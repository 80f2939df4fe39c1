"""Things that run for a period: an empty start means already running, an empty end means ongoing, and both
bounds count (an offer that ends on the 31st still runs on the 31st). Written once, for queries and for
objects in memory alike."""

import datetime

from django.db import models


def is_running(starts_on, ends_on, day: datetime.date) -> bool:
    return (starts_on is None or starts_on <= day) and (ends_on is None or ends_on >= day)


def running_on_q(day: datetime.date, prefix: str = "") -> models.Q:
    """The rows running on ``day``; ``prefix`` ("offer__") reaches the period through a relation."""
    return (models.Q(**{f"{prefix}starts_on__isnull": True}) | models.Q(**{f"{prefix}starts_on__lte": day})) & (
        models.Q(**{f"{prefix}ends_on__isnull": True}) | models.Q(**{f"{prefix}ends_on__gte": day})
    )


class PeriodQuerySet(models.QuerySet):
    """For models with ``starts_on`` and ``ends_on`` dates."""

    def running_on(self, day: datetime.date):
        return self.filter(running_on_q(day))
