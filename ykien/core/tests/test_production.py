"""Production settings from the environment: HTTPS turns on HSTS, the redirect to https (the
health check exempt) and secure cookies, and `ykien check --deploy` has nothing to say; the
database cache's table comes with `ykien migrate`; a test run is declared, not guessed."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse

from ykien.core.tests import processes

SHOW = (
    "import json; from django.conf import settings as s; print(json.dumps({k: getattr(s, k) for k"
    " in ['SECURE_HSTS_SECONDS', 'SECURE_HSTS_INCLUDE_SUBDOMAINS', 'SECURE_HSTS_PRELOAD',"
    " 'SECURE_SSL_REDIRECT', 'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE',"
    " 'SECURE_REDIRECT_EXEMPT', 'SILENCED_SYSTEM_CHECKS', 'TESTING']}))"
)


def production(args: list[str], tmp_path: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    """``ykien ARGS`` as an operator runs it: nothing from the test run's environment."""
    settings = {
        "YKIEN_VAR_DIR": str(tmp_path / "var"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'ykien.sqlite3'}",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "SITE_URL": "https://ykien.example.vn",
        "ALLOWED_HOSTS": "ykien.example.vn",
        "YKIEN_PII_KEYS": "Zm9yLXRoZS10ZXN0LW9ubHktMzItYnl0ZXMta2V5ISE=",
    }
    env = processes.clean_env(tmp_path, **(settings | extra))
    return processes.ykien(args, env)


def test_check_deploy_has_no_warning_with_production_settings(tmp_path):
    result = production(["check", "--deploy", "--fail-level", "WARNING"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."


def test_https_in_site_url_turns_on_hsts_redirect_and_secure_cookies(tmp_path):
    shown = json.loads(production(["shell", "--no-imports", "-c", SHOW], tmp_path).stdout)
    assert shown == {
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": True,
        "SECURE_SSL_REDIRECT": True,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_REDIRECT_EXEMPT": ["^healthz$"],
        "SILENCED_SYSTEM_CHECKS": [],
        "TESTING": False,
    }
    plain = json.loads(
        production(
            ["shell", "--no-imports", "-c", SHOW],
            tmp_path,
            SITE_URL="http://127.0.0.1:8000",
            SECURE_HSTS_PRELOAD="false",
        ).stdout
    )
    assert (plain["SECURE_HSTS_SECONDS"], plain["SECURE_SSL_REDIRECT"]) == (0, False)
    assert (plain["SESSION_COOKIE_SECURE"], plain["SECURE_HSTS_PRELOAD"]) == (False, False)
    assert plain["SILENCED_SYSTEM_CHECKS"] == ["security.W021"]  # preload off on purpose
    chosen = json.loads(
        production(
            ["shell", "--no-imports", "-c", SHOW], tmp_path, HTTPS="true", SITE_URL="http://x"
        ).stdout
    )
    assert chosen["SECURE_SSL_REDIRECT"] is True


@pytest.mark.django_db
def test_plain_http_is_redirected_but_the_health_check_answers(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    home = client.get("/tim-kiem/")
    assert (home.status_code, home["Location"]) == (301, "https://testserver/tim-kiem/")
    health = client.get("/healthz")
    assert health.status_code == 200
    secure = client.get("/healthz", secure=True)
    assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


def test_importing_pytest_does_not_make_a_test_run(tmp_path):
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "YKIEN_VAR_DIR": str(tmp_path),
        "DEBUG": "true",
        "DJANGO_SETTINGS_MODULE": "ykien.settings",
    }
    code = "import pytest, django; django.setup(); from django.conf import settings; print(settings.TESTING)"
    runs = [
        processes.python(["-c", code], {**env, **extra}, check=True).stdout.strip()
        for extra in ({}, {"YKIEN_TESTING": "1"})
    ]
    assert runs == ["False", "True"]


def test_this_run_declares_itself_a_test_run(settings):
    assert os.environ["YKIEN_TESTING"] == "1"
    assert settings.TESTING is True


@pytest.mark.django_db
def test_migrate_creates_the_cache_table_and_rate_limited_pages_work(client, settings):
    assert settings.CACHE_TABLE in connection.introspection.table_names()
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": settings.CACHE_TABLE,
        }
    }
    response = client.get(reverse("petitions:lookup"), {"code": "PA-KHONG-CO"})
    assert response.status_code == 200
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {settings.CACHE_TABLE}")  # noqa: S608
        assert cursor.fetchone()[0] == 1  # the look-up's counter
