"""The admin site editors use: Django's, with every change made in one transaction."""

import functools

from django.contrib import admin
from django.db import transaction

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class NewsroomAdminSite(admin.AdminSite):
    site_header = "Newsroom administration"
    site_title = "Newsroom admin"
    index_title = "Archive records"

    def admin_view(self, view, cacheable=False):
        """Every admin request that changes something runs in one transaction.

        Django already wraps the add, change and delete forms; this also covers the
        changelist's actions (bulk delete, re-detection of mentions and any later ones),
        whose work otherwise stops half done when one step fails.
        """
        return super().admin_view(_atomic_unless_safe(view), cacheable)


def _atomic_unless_safe(view):
    @functools.wraps(view)  # keeps csrf_exempt and the like
    def wrapped(request, *args, **kwargs):
        if request.method in SAFE_METHODS:
            return view(request, *args, **kwargs)
        with transaction.atomic():
            return view(request, *args, **kwargs)

    return wrapped
