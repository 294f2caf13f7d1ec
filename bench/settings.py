"""Settings for the page benchmark: production settings served over plain HTTP on loopback.

BENCH_CACHE chooses the cache: "memory" (default; the in-process measurements clear it
for cold runs), "none" (Django's dummy cache: every request computes its page, for cold
throughput) or "redis" (REDIS_URL, shared by the server's workers, for warm throughput).
"""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only-" + "x" * 40)
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")

from newsroom.settings import *  # noqa: E402, F403

_cache = os.environ.get("BENCH_CACHE", "memory")
if _cache == "none":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
elif _cache == "redis":
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "newsroom-bench"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
LOGGING = {"version": 1, "disable_existing_loggers": False}
# Static files from the app folders, as in the tests: no collectstatic step for a benchmark.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
