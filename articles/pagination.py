"""Pagination whose last page costs what the first does."""

from django.core.paginator import Paginator


class TwoEndedPaginator(Paginator):
    """Reads pages past the middle of a list from its other end, with the order reversed.

    An SQL OFFSET costs as many rows as it skips, so the last page of 100,000 articles
    would read them all; reading from the nearer end bounds the skip at half the list, and
    the first and last pages cost the same. Needs a total order (the list views end theirs
    with the primary key), so that both ends agree on where each row stands.
    """

    def __init__(self, object_list, per_page, *, count=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        if count is not None:  # counted by the caller, more cheaply than object_list can
            self.count = count

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count)
        if bottom <= self.count // 2 or not getattr(self.object_list, "ordered", False):
            return self._get_page(self.object_list[bottom:top], number, self)
        rows = list(self.object_list.reverse()[self.count - top : self.count - bottom])
        rows.reverse()
        return self._get_page(rows, number, self)
