"""Every demo role in Chromium, on the demo's own data: the landing page (the role's dashboard) and
every page of its staff menu open from the menu's links, answer, fit the screen, and axe-core
finds no serious or critical problem on them; the Content-Security-Policy is on.

The screenshots of the staff areas in ``docs/staff.md`` are the ones this test takes: with
``YKIEN_DOC_SCREENSHOTS=1`` (``make screenshots``) it writes them to ``docs/staff/``; otherwise to
a temporary directory. (The whole demo loads first: slow.)"""

from __future__ import annotations

import datetime as dt
import os
import re
from importlib import import_module
from io import StringIO
from pathlib import Path

import pytest
from axe import violations  # tests/e2e/axe.py
from django.conf import settings
from django.core.management import call_command

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DOCS = Path(__file__).resolve().parents[2] / "docs" / "staff"
# The roles whose pages are photographed (one per kind of work), and the pages' names there.
SHOT_ROLES = ("canbo.tinh", "lanhdao.tinh", "xuly.tinh")
SLUG = re.compile(r"[^a-z0-9]+")


def _sign_in(context, base_url: str, username: str) -> None:
    """A session for ``username`` with its second factor passed, as a cookie of the browser
    (the sign-in form itself has its own tests)."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django_otp.plugins.otp_static.models import StaticDevice

    from ykien.core.models import User

    user = User.objects.get(username=username)
    device, _created = StaticDevice.objects.get_or_create(user=user, name="tour")
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store["otp_device_id"] = device.persistent_id
    store.create()
    context.clear_cookies()
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": store.session_key, "url": base_url}]
    )


def _menu_links(page) -> list[tuple[str, str]]:
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('nav[data-testid="staff-menu"] a'))
                 .map(a => [a.textContent.trim(), a.getAttribute('href')])"""
    )


def _fits(page) -> bool:
    return page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1"
    )


@pytest.fixture
def shots(tmp_path) -> Path:
    target = DOCS if os.environ.get("YKIEN_DOC_SCREENSHOTS") == "1" else tmp_path
    target.mkdir(parents=True, exist_ok=True)
    return target


def test_every_role_opens_every_page_of_its_menu(live_server, page, shots):
    from ykien.core.demo import DEMO_USERS

    call_command("demo", "--no-serve", stdout=StringIO())
    base = live_server.url
    problems: list[str] = []
    checked: set[str] = set()
    shot: set[str] = set()
    opened = 0
    for spec in DEMO_USERS:
        if (spec.role is None and spec.kind != "admin") or (
            spec.valid_to is not None and spec.valid_to < dt.date.today()  # noqa: DTZ011
        ):
            continue  # a citizen, or a post held before the 2025 mergers
        _sign_in(page.context, base, spec.username)
        response = page.goto(base + "/can-bo/")
        assert response is not None
        assert response.status == 200, spec.username
        if spec.username in SHOT_ROLES:
            page.screenshot(path=shots / f"ban-lam-viec-{SLUG.sub('-', spec.username)}.jpeg",
                            type="jpeg", quality=70)  # fmt: skip
        for label, href in _menu_links(page):
            response = page.goto(base + href)
            opened += 1
            status = response.status if response is not None else 0
            if status != 200:
                problems.append(f"{spec.username}: {label} {href} → {status}")
                continue
            path = href.split("?")[0]
            if href.startswith("/quan-tri/"):
                continue  # Django's admin is not ours
            name = SLUG.sub("-", href.strip("/").removeprefix("can-bo/")).strip("-") or "trang"
            if spec.username in SHOT_ROLES and name not in shot:
                shot.add(name)
                page.screenshot(path=shots / f"{name}.jpeg", type="jpeg", quality=70)
            if path in checked:
                continue  # each page checked once
            checked.add(path)
            if not _fits(page):
                problems.append(f"{spec.username}: {href} wider than the screen")
            problems += [f"{spec.username}: {href}: {v}" for v in violations(page)]
    assert problems == []
    assert opened >= 40, opened
    assert len(checked) >= 20, sorted(checked)
