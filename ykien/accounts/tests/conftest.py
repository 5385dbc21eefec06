"""Fixtures of the accounts tests: mail kept in ``mail.outbox``, the captcha in test mode
("PASSED"), the rate-limit counters emptied, and helpers to sign up and confirm."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

PASSWORD = "mat-khau-du-dai-2026"
LINK = re.compile(r"http://testserver(/tai-khoan/[^\s]+/)")


@pytest.fixture(autouse=True)
def _isolated(settings, monkeypatch):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    import captcha.conf.settings as captcha_settings

    monkeypatch.setattr(captcha_settings, "CAPTCHA_TEST_MODE", True)
    from django.core.cache import cache

    cache.clear()


def signup_data(**overrides: str) -> dict[str, str]:
    return {
        "full_name": "Nguyễn Thị Lan",
        "email": "lan@example.vn",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "captcha_0": "x",
        "captcha_1": "PASSED",
        **overrides,
    }


def sign_up(client, **overrides: str):
    return client.post(reverse("account_signup"), signup_data(**overrides))


def link_in(message) -> str:
    """The one link to this site in a mail (its path)."""
    [path] = LINK.findall(message.body)
    return path


def confirm(client, path: str):
    return client.post(path)


@pytest.fixture
def outbox():
    mail.outbox.clear()
    return mail.outbox
