"""Rate limits for public forms and lookups, counted in the shared cache (the database cache in the
embedded setup, so every web process sees the same counts)."""

from __future__ import annotations

import hashlib
import time

from django.core.cache import cache
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The client's address; ``X-Forwarded-For`` is trusted only behind a proxy (BEHIND_PROXY)."""
    from django.conf import settings

    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return str(request.META.get("REMOTE_ADDR", "0.0.0.0"))  # noqa: S104 (a label, not a bind address)


def hit(scope: str, ident: str, *, limit: int, window: int) -> bool:
    """Count one hit of ``ident`` in ``scope``; False once more than ``limit`` hits fall in the
    current ``window`` seconds (fixed windows)."""
    bucket = int(time.time() // window)
    digest = hashlib.sha256(f"{scope}:{ident}".encode()).hexdigest()[:32]
    key = f"rl:{digest}:{bucket}"
    if cache.add(key, 1, timeout=window + 5):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=window + 5)
            count = 1
    return count <= limit


def allow(request: HttpRequest, scope: str, *, limit: int, window: int) -> bool:
    """``hit`` keyed by the client's address."""
    return hit(scope, client_ip(request), limit=limit, window=window)
