"""Production settings are safe: the server refuses a missing secret, every command a weak
one, and they pass `check --deploy`; commands that sign nothing need no configuration."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": "a-long-random-production-secret-" + "k3y" * 20,
    "DJANGO_ALLOWED_HOSTS": "newsroom.example.org",
    "DJANGO_SETTINGS_MODULE": "newsroom.settings",
}


def manage(*args, env):
    return run_python("manage.py", *args, env=env)


def run_python(*args, env):
    """Python in the project folder with only `env` of Django's settings (and no database
    but the SQLite default)."""
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k != "DATABASE_URL"
    }
    return subprocess.run(
        [sys.executable, *args],
        cwd=settings.BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_serve_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "DJANGO_SECRET_KEY"}
    served = run_python("-c", "import newsroom.wsgi", env=env)  # what gunicorn and runserver load
    assert served.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in served.stderr
    deploy = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert deploy.returncode != 0
    assert "security.W009" in deploy.stderr + deploy.stdout


def test_a_migration_check_needs_no_configuration_at_all():
    result = manage("makemigrations", "--check", "--dry-run", env={})
    assert result.returncode == 0, result.stderr
    assert "No changes detected" in result.stdout


@pytest.mark.parametrize("weak", ["short", "x" * 60, "django-insecure-" + "k3y-" * 15])
def test_production_refuses_a_weak_secret_key(weak):
    result = manage("makemigrations", "--check", env={**PRODUCTION_ENV, "DJANGO_SECRET_KEY": weak})
    assert result.returncode != 0
    assert result.stderr.strip().startswith("manage.py: DJANGO_SECRET_KEY is too weak")


def test_check_deploy_is_clean_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_local_development_needs_no_configuration():
    result = manage("check", env={"DJANGO_DEBUG": "1"})
    assert result.returncode == 0, result.stderr


def production_settings(**env):
    """Selected settings as production computes them from `env`."""
    names = [
        "DEBUG",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_PRELOAD",
        "SECURE_PROXY_SSL_HEADER",
        "SECURE_SSL_REDIRECT",
    ]
    script = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {names!r}}}))"
    )
    result = manage("shell", "--no-imports", "-c", script, env={**PRODUCTION_ENV, **env})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def test_hsts_without_preload_and_no_proxy_trusted_by_default():
    values = production_settings()
    assert values["DEBUG"] is False
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_HSTS_SECONDS"] == 31536000
    assert values["SECURE_HSTS_PRELOAD"] is False
    assert values["SECURE_PROXY_SSL_HEADER"] is None


def test_hsts_preload_and_a_tls_proxy_are_one_setting_each_and_stay_deploy_clean():
    env = {
        "DJANGO_HSTS_SECONDS": "63072000",
        "DJANGO_HSTS_PRELOAD": "1",
        "DJANGO_SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto",
    }
    values = production_settings(**env)
    assert values["SECURE_HSTS_SECONDS"] == 63072000
    assert values["SECURE_HSTS_PRELOAD"] is True
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    result = manage("check", "--deploy", "--fail-level", "WARNING", env={**PRODUCTION_ENV, **env})
    assert result.returncode == 0, result.stdout + result.stderr
