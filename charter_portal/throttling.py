"""The API's rate limits, counted in two numbers per caller instead of a list of every request.

DRF's ``AnonRateThrottle`` and ``UserRateThrottle`` keep, per caller, the time of every request of the last
minute as one cached list, read and written whole on each request: at the user rate of 1,200 a minute that is
a 10 KB value each way, and a client polling at a higher rate (the benchmark lifts the rate) makes it hundreds
of kilobytes, which then cost more than the list the client asked for.

These throttles count instead: one counter per caller and window of ``duration`` seconds. The rate over the
last ``duration`` seconds is estimated as the current window's count plus the previous window's, weighted by
the share of it that still lies within the last ``duration`` seconds (a sliding-window counter). Two small
values read in one round trip and one written back per allowed request, whatever the rate. The estimate assumes
the previous window's requests were spread evenly; a refused request is not counted, as with DRF's.
"""

import math

from rest_framework import throttling


class _CountingMixin:
    def allow_request(self, request, view):
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        self.now = self.timer()
        window = int(self.now // self.duration)
        current, previous = f"{self.key}:{window}", f"{self.key}:{window - 1}"
        counts = self.cache.get_many([current, previous])
        self.count = counts.get(current, 0)
        # The part of the previous window that still lies within the last ``duration`` seconds.
        self.share = 1 - (self.now - window * self.duration) / self.duration
        self.before = counts.get(previous, 0)
        if self.before * self.share + self.count + 1 > self.num_requests:
            return self.throttle_failure()
        # Written back as read, as DRF's throttles do (two round trips in all; an increment would take a third with
        # Django's Redis backend). Kept for two windows: the next one reads it as its previous window.
        self.cache.set(current, self.count + 1, timeout=2 * self.duration)
        return True

    def wait(self):
        """Seconds until one more request fits: while this window lasts, the previous window's weight falls by
        ``before / duration`` a second; after it, this window's count becomes the previous one and falls the same
        way."""
        if self.num_requests <= 0:
            return self.duration  # nothing ever fits
        room = self.num_requests - 1  # what the estimate may be for one more request to fit
        window_left = self.duration - (self.now % self.duration)
        if self.count <= room and self.before:
            seconds = (self.before * self.share + self.count - room) * self.duration / self.before
            if seconds <= window_left:
                return max(1, math.ceil(seconds))
        later = self.duration * (1 - room / self.count) if self.count > room else 0
        return max(1, math.ceil(window_left + later))


class AnonRateThrottle(_CountingMixin, throttling.AnonRateThrottle):
    """The rate of callers without a token or session, per address (``anon``)."""


class UserRateThrottle(_CountingMixin, throttling.UserRateThrottle):
    """The rate of each signed-in person or token (``user``); callers without one, per address."""
