"""A page and the number of all rows in one query.

A list page needs two answers from the database: its rows and how many rows there are in all (for "12,345
found", the number of pages and the next link). Django's ``Paginator`` asks twice, and both queries find every
matching row: for a search over 100,000 offers the count alone took as long as the page. ``WindowCountPaginator``
reads the page with ``COUNT(*) OVER ()`` beside each row, so the rows are found once, when the list is ordered by a
value computed for each row (a search's rank): the database must then find and rank every row before the first
page anyway. A list in an indexed order stays with the two queries: its page is read from the index and stops after
a page's rows, which a window over all rows would undo (a thousand times slower at 77,000 offers). A page past
the end (no rows to carry the total) and a query with ``DISTINCT`` (where the window would count the rows before
they are made distinct) fall back to a separate count as well.

The total may also be kept apart from the pages (``total``, given by ``KeptTotalPagination`` for the API's kept
lists): a client paging through 100,000 offers then has them counted once per question, not once per page, and
every page after the first is one query. When the total is not kept yet, it is worked out as above (in the window
where the list allows it) and kept.
"""

from collections.abc import Callable

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import connection
from django.db.models import Count, QuerySet, Window

TOTAL = "_window_total"


class WindowCountPaginator(Paginator):
    """``total``: where the number of all rows is kept; ``total(count)`` gives it, and calls ``count`` (which
    counts) only when it is not kept."""

    def __init__(self, *args, total: Callable[[Callable[[], int]], int] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self._total = total

    def page(self, number):
        if self._total is not None and "count" not in self.__dict__:
            return self._page_with_kept_total(number)
        if not self._counts_in_window():
            return super().page(number)
        return self._page_in_window(number) or super().page(number)

    def _page_in_window(self, number):
        """The page with the total beside each row, or None past the end (no row carries it: the count decides)."""
        number = self._whole_number(number)
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list.annotate(**{TOTAL: Window(Count("*"))})[bottom : bottom + self.per_page])
        if not rows:
            return None
        self.__dict__["count"] = _take_total(rows)
        return self._get_page(rows, number, self)

    def _page_with_kept_total(self, number):
        found = []

        def count() -> int:
            if self._counts_in_window() and (page := self._page_in_window(number)) is not None:
                found.append(page)
                return self.__dict__["count"]
            return Paginator.count.real_func(self)

        self.__dict__["count"] = self._total(count)
        return found[0] if found else super().page(number)

    def get_page(self, number):
        """As Django's: a page number that is not a number gives the first page, one past the end the last."""
        try:
            return self.page(number)
        except PageNotAnInteger:
            return self.page(1)
        except EmptyPage:
            return self.page(self.num_pages)

    def _counts_in_window(self) -> bool:
        object_list = self.object_list
        return (
            isinstance(object_list, QuerySet)
            and "count" not in self.__dict__
            and not object_list.query.distinct
            and not object_list.query.is_sliced
            and connection.features.supports_over_clause
            and _ordered_by_computed_value(object_list)
        )

    def _whole_number(self, number) -> int:
        try:
            if isinstance(number, float) and not number.is_integer():
                raise ValueError
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from None
        if number < 1:
            raise EmptyPage(self.error_messages["min_page"])
        return number


def _ordered_by_computed_value(queryset) -> bool:
    order = queryset.query.order_by
    if not order or not isinstance(order[0], str):
        return False
    return order[0].lstrip("-") in queryset.query.annotations


def _take_total(rows) -> int:
    if isinstance(rows[0], dict):
        total = rows[0][TOTAL]
        for row in rows:
            del row[TOTAL]
        return total
    total = getattr(rows[0], TOTAL)
    for row in rows:
        delattr(row, TOTAL)
    return total
