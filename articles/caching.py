"""Caching that never lies: every cached page and aggregate is keyed by the archive's
version, a token that any write to the archive replaces (see articles/signals.py). A reader
never sees a page from before an edit, an import or a re-detection.

The cache is Django's default cache: local memory unless REDIS_URL is set (settings.py).
Local memory belongs to one process, so a site served by several processes must use Redis,
which every process shares; the version token lives in the same cache as what it guards.
"""

import functools
import hashlib
import uuid

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers

VERSION_KEY = "archive:version"
PAGE_TIMEOUT = 60 * 60 * 24
AGGREGATE_TIMEOUT = 60 * 60 * 24


def archive_version():
    """The current version token (a new one if the cache has none)."""
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        if not cache.add(VERSION_KEY, version, timeout=None):
            version = cache.get(VERSION_KEY, version)
    return version


def archive_changed():
    """Make every cached page and aggregate stale. Signals call this on every save and
    delete; code that writes in bulk (bulk_create, update()) must call it itself."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def _key(kind, name):
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:32]
    return f"{kind}:{archive_version()}:{digest}"


def cached(name, compute, timeout=AGGREGATE_TIMEOUT):
    """`compute()`'s result, computed once per archive version."""
    key = _key("aggregate", name)
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout)
    return value


def cache_public_page(view):
    """Cache a view's successful responses to anonymous GET requests, per full URL.

    Editors (anyone with a session) always get a fresh page."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD") or settings.SESSION_COOKIE_NAME in request.COOKIES:
            response = view(request, *args, **kwargs)
            patch_vary_headers(response, ["Cookie"])
            return response
        key = _key("page", request.get_full_path())
        stored = cache.get(key)
        if stored is not None:
            return _rebuild(stored)
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        if response.status_code == 200 and not response.streaming:
            cache.set(key, _storable(response), PAGE_TIMEOUT)
        patch_vary_headers(response, ["Cookie"])
        return response

    return wrapper


def _storable(response):
    return {
        "content": response.content,
        "status": response.status_code,
        "headers": {k: v for k, v in response.headers.items() if k.lower() != "set-cookie"},
    }


def _rebuild(stored):
    response = HttpResponse(stored["content"], status=stored["status"])
    for header, value in stored["headers"].items():
        response.headers[header] = value
    patch_vary_headers(response, ["Cookie"])
    return response
