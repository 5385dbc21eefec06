"""core.clientip: the one computation of the client's address. X-Forwarded-For counts only for
the proxies the operator trusts (TRUSTED_PROXY_COUNT, counted from the right), and not at all
without BEHIND_PROXY; rate limits and django-axes use the same address."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
import time_machine
from axes.helpers import get_client_ip_address
from django.core.cache import caches
from django.test import RequestFactory

from ykien.core import ratelimit
from ykien.core.clientip import client_ip

PROXY = "10.0.0.2"
PROJECT = Path(__file__).resolve().parents[3]


def _behind(settings, proxies: int) -> None:
    """The settings BEHIND_PROXY=true TRUSTED_PROXY_COUNT=<proxies> gives."""
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.TRUSTED_PROXY_COUNT = proxies


def _request(xff: str | None = None, remote: str = PROXY):
    extra = {"REMOTE_ADDR": remote}
    if xff is not None:
        extra["HTTP_X_FORWARDED_FOR"] = xff
    return RequestFactory().get("/", **extra)


def test_without_a_proxy_the_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(_request("198.51.100.9", remote="203.0.113.7")) == "203.0.113.7"


def test_with_one_proxy_the_rightmost_entry_is_the_client(settings):
    _behind(settings, 1)
    assert client_ip(_request("203.0.113.7")) == "203.0.113.7"
    # A stranger's own header comes first; our proxy appends the real peer on the right.
    assert client_ip(_request("1.2.3.4, 203.0.113.7")) == "203.0.113.7"
    assert client_ip(_request("2001:db8::1")) == "2001:db8::1"


def test_with_two_proxies_the_second_from_the_right(settings):
    _behind(settings, 2)
    assert client_ip(_request("9.9.9.9, 203.0.113.7, 10.0.0.1")) == "203.0.113.7"
    assert client_ip(_request("203.0.113.7,10.0.0.1")) == "203.0.113.7"


@pytest.mark.parametrize(
    "header",
    ["", " ", "unknown", "203.0.113.7, not-an-ip", "203.0.113.7,", "<script>", "1.2.3.4:80"],
)
def test_a_malformed_header_falls_back_to_the_peer(settings, header):
    _behind(settings, 1)
    assert client_ip(_request(header)) == PROXY


def test_a_header_shorter_than_the_proxy_chain_falls_back_to_the_peer(settings):
    _behind(settings, 2)
    assert client_ip(_request("203.0.113.7")) == PROXY


def test_a_spoofed_header_does_not_change_the_rate_limit_key(settings):
    _behind(settings, 1)
    caches["default"].clear()
    with time_machine.travel(dt.datetime(2026, 12, 6, 9, tzinfo=dt.UTC), tick=False):
        answers = [
            ratelimit.allow(_request(f"{spoof}, 203.0.113.7"), "report", limit=2, window=3600)
            for spoof in ("1.1.1.1", "2.2.2.2", "3.3.3.3")
        ]
    assert answers == [True, True, False]


def test_axes_locks_out_by_the_same_address(settings):
    _behind(settings, 1)
    assert get_client_ip_address(_request("1.1.1.1, 203.0.113.7")) == "203.0.113.7"
    settings.TRUSTED_PROXY_COUNT = 0
    assert get_client_ip_address(_request("1.1.1.1, 203.0.113.7")) == PROXY


def test_behind_proxy_trusts_one_proxy_unless_told_otherwise(tmp_path):
    code = "from django.conf import settings; print(settings.TRUSTED_PROXY_COUNT)"
    runs = {}
    for label, extra in {
        "off": {},
        "on": {"BEHIND_PROXY": "true"},
        "two": {"BEHIND_PROXY": "true", "TRUSTED_PROXY_COUNT": "2"},
        "ignored": {"TRUSTED_PROXY_COUNT": "2"},
    }.items():
        env = {
            "PATH": "/usr/bin:/bin",
            "YKIEN_TESTING": "1",
            "YKIEN_VAR_DIR": str(tmp_path),
            "DJANGO_SETTINGS_MODULE": "ykien.settings",
            **extra,
        }
        out = subprocess.run(
            [sys.executable, "-c", f"import django; django.setup(); {code}"],
            env=env,
            cwd=PROJECT,
            capture_output=True,
            text=True,
            check=True,
        )
        runs[label] = out.stdout.strip()
    assert runs == {"off": "0", "on": "1", "two": "2", "ignored": "0"}
