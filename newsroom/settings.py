"""Settings for Newsroom, read from the environment.

With no environment at all this is a production configuration that refuses to serve
without a secret key (newsroom/wsgi.py; `check --deploy` reports it too). Commands that
sign nothing (makemigrations --check, migrate, check) run without one; local development
sets DJANGO_DEBUG=1 (the Makefile does).

Environment:
    DJANGO_DEBUG           "1" for local development (default off).
    DJANGO_SECRET_KEY      required to serve unless DJANGO_DEBUG is on; at least 50 random
                           characters.
    DJANGO_ALLOWED_HOSTS   comma-separated (default: localhost, 127.0.0.1, [::1]).
    DJANGO_CSRF_TRUSTED_ORIGINS  comma-separated origins, e.g. https://newsroom.example.
    DATABASE_URL           e.g. postgres://user@host:5432/newsroom (default: SQLite file).
    REDIS_URL              e.g. redis://127.0.0.1:6379/0: the shared cache (default: memory of
                           each process; a site served by several processes needs Redis).
    DJANGO_SECURE_SSL_REDIRECT   "0" to serve plain HTTP in production (default on).
    DJANGO_SECURE_PROXY_SSL_HEADER  header a TLS-terminating proxy sets, e.g. X-Forwarded-Proto.
    DJANGO_HSTS_SECONDS    Strict-Transport-Security max-age in production (default 1 year).
    DJANGO_HSTS_INCLUDE_SUBDOMAINS  "0" to leave subdomains out of HSTS (default on).
    DJANGO_HSTS_PRELOAD    "1" to ask for the browsers' HSTS preload list (default off).
    DJANGO_CLIENT_IP_HEADER   header in which a proxy names the visitor's address, e.g. X-Real-IP.
    DJANGO_LOGIN_FAILURE_LIMIT     failed admin logins before a lockout (default 5).
    DJANGO_LOGIN_COOLOFF_MINUTES   how long a lockout lasts (default 15).
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    value = os.environ.get(name, "")
    items = [item.strip() for item in value.split(",") if item.strip()]
    return items or default


DEBUG = env_bool("DJANGO_DEBUG", False)

# Unset in production, it stays empty: Django refuses anything that would sign with it
# (sessions, CSRF tokens), and newsroom/wsgi.py refuses to serve.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
MISSING_SECRET_KEY = (
    "DJANGO_SECRET_KEY is not set. Set it to a long random value in production, "
    "or set DJANGO_DEBUG=1 for local development."
)
if not SECRET_KEY and DEBUG:
    SECRET_KEY = "django-insecure-local-development-only"  # noqa: S105 - DEBUG only
elif (
    SECRET_KEY
    and not DEBUG
    and (
        len(SECRET_KEY) < 50
        or len(set(SECRET_KEY)) < 5
        or SECRET_KEY.startswith("django-insecure-")
    )
):
    # The rules of check --deploy (security.W009), enforced: a guessable key signs sessions.
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is too weak for production: use at least 50 random characters, "
        'e.g. from python -c "import secrets; print(secrets.token_urlsafe(50))".'
    )

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "newsroom.apps.NewsroomAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_filters",
    "csp",
    "axes",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "articles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "newsroom.middleware.RejectControlCharactersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it answers a locked-out login attempt.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"

# Two engines, each with a folder of its own under templates/, so that neither is ever asked
# to parse the other's syntax (Django tries the engines in order, and a template one engine
# cannot parse is an error, not a template it lacks):
TEMPLATES = [
    # The public pages, in Jinja2: several times faster than the Django engine for the same
    # markup. First, as it renders nearly every page; it looks in templates/jinja2/ only.
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates" / "jinja2"],
        "APP_DIRS": False,
        # The pages need only `request`, which the backend always passes.
        "OPTIONS": {"environment": "newsroom.jinja2.environment"},
    },
    # The admin, DRF's browsable API, drf-spectacular's pages and the sitemaps: the Django
    # engine, with the apps' own templates and our overrides of them in templates/django/.
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates" / "django"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "newsroom.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Page queries are short: compiling them (JIT) costs more than it saves, up to half a
    # second when the planner overestimates a query.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# dumpdata/loaddata JSON that keeps times to the microsecond (backups restore exactly).
SERIALIZATION_MODULES = {"json": "newsroom.serializers"}

# django-axes first: it refuses a locked-out login before the password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Pages and aggregates are cached until the archive next changes (articles/caching.py).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "newsroom"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Security: strict by default in production, relaxed only by DEBUG or explicit settings.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True  # the admin reads the token from its forms, never the cookie
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
    # Preloading is hard to undo (months to leave the browsers' list), so it is a deliberate
    # step for whoever runs the domain, not a default; check --deploy's reminder is silenced.
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", False)
    if not SECURE_HSTS_PRELOAD:
        SILENCED_SYSTEM_CHECKS = ["security.W021"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# Trust a proxy's word that the request came over HTTPS only when one is configured: set
# to the header the proxy sets and strips from clients, e.g. X-Forwarded-Proto.
_proxy_ssl_header = os.environ.get("DJANGO_SECURE_PROXY_SSL_HEADER", "").strip()
if _proxy_ssl_header:
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + _proxy_ssl_header.upper().replace("-", "_"), "https")

# The header in which that proxy names the visitor's address (see newsroom/proxy.py).
_client_ip_header = os.environ.get("DJANGO_CLIENT_IP_HEADER", "").strip()
CLIENT_IP_META_KEY = (
    "HTTP_" + _client_ip_header.upper().replace("-", "_") if _client_ip_header else ""
)

# Content Security Policy (django-csp): everything from this site, nothing inline, no
# remote origin. Pages and the admin need nothing else.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Admin login attempts (django-axes): after DJANGO_LOGIN_FAILURE_LIMIT failures for one user
# name from one address, that pair is locked out for the cool-off time. Keyed on the pair,
# so nobody can lock an editor out from elsewhere.
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("DJANGO_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "lockout.html"
AXES_CLIENT_IP_CALLABLE = "newsroom.proxy.client_address"

# The JSON API (/api/): read-only and open to all, so no authentication or CSRF to manage.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Newsroom API",
    "DESCRIPTION": (
        "Read-only access to the Newsroom archive of the reporting on the Syrian truce "
        "negotiations, 2014–2016: articles, the people and organisations they name, and "
        "publications. Records are identified by slug. The article list takes exactly the "
        "parameters of the HTML list at /articles/, so the same query string gives the same "
        "articles. Lists are paged (`page`, `page_size`) and give a total `count`."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api",
    # Swagger UI's files come from drf-spectacular-sidecar, served locally: no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {"validatorUrl": None},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}
