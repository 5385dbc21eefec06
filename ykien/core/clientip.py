"""The client's address: the one place that reads ``REMOTE_ADDR`` and ``X-Forwarded-For``.

Rate limits (``core.ratelimit``), django-axes' lockouts (``AXES_CLIENT_IP_CALLABLE``), the audit
log and view counts all call :func:`client_ip`.

``X-Forwarded-For`` is a list anyone can start: a client may send ``X-Forwarded-For: 1.2.3.4``
and each proxy appends the address it received the request from. Only the entries appended by
our own proxies are trustworthy, so with ``TRUSTED_PROXY_COUNT = n`` (set when ``BEHIND_PROXY``)
the client is the n-th entry counted from the right: the rightmost with one proxy, the second
from the right with two. Without ``BEHIND_PROXY`` the header is ignored entirely. A header
shorter than the proxy chain, or an entry that is not an IP address, falls back to
``REMOTE_ADDR`` (the nearest peer), never to a value the client chose.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest

UNKNOWN = "0.0.0.0"  # noqa: S104 (a label for a request without a peer address, not a bind address)


def _valid_ip(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str:
    """The address of the client that sent ``request`` (see the module's docstring)."""
    remote = _valid_ip(str(request.META.get("REMOTE_ADDR") or "")) or UNKNOWN
    proxies = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0) or 0)
    if proxies <= 0:
        return remote
    header = str(request.META.get("HTTP_X_FORWARDED_FOR") or "")
    entries = [entry.strip() for entry in header.split(",")] if header.strip() else []
    if len(entries) < proxies:
        return remote
    return _valid_ip(entries[-proxies]) or remote
