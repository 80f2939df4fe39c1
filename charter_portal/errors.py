"""Refusals that every app shares.

``StepNotAllowed``: the step fits no rule now (the object's state, a deadline, the charter's rules), so nothing
was written. A service raises it with a sentence for the person; pages show that sentence as a message, and
the API answers 409 with code ``transition_refused`` (``charter_portal.api_errors``), once for every app.
A stale ``version`` is ``charter_portal.concurrency.StaleObjectError`` (409 ``conflict``).
"""


class StepNotAllowed(Exception):
    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


class BadInput(Exception):
    """The request carries a value the portal cannot take (a control character, an unknown option): nothing was
    read or written. Answered 400 with the sentence: a page for pages (``charter_portal.input_guard``), the API's
    JSON error with the sentence under ``field`` for the API (``charter_portal.api_errors``)."""

    def __init__(self, message, *, field: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.field = field
