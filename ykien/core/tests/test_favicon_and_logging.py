"""The site's icon (an SVG of our own, linked from every page, /favicon.ico redirecting to it) and
the log of refused requests: a 403 is one WARNING line without a traceback, a 500 keeps its
traceback."""

from __future__ import annotations

import io
import logging
import sys

import pytest
from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.urls import reverse

from ykien.core.logfilters import ClientErrorsOneLine
from ykien.core.models import User
from ykien.core.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_every_page_links_the_svg_icon(client, tree):
    html = client.get("/").content.decode()
    assert '<link rel="icon" href="/static/core/favicon.svg" type="image/svg+xml">' in html


def test_favicon_ico_redirects_to_the_svg(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == "/static/core/favicon.svg"
    assert client.post("/favicon.ico").status_code == 405


def test_the_icon_is_a_small_svg_of_our_own():
    path = finders.find("core/favicon.svg")
    assert path is not None
    with open(path, encoding="utf-8") as f:
        svg = f.read()
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"')
    assert "<script" not in svg
    assert len(svg.encode()) < 2048


# ------------------------------------------------------------------------------- logging


@pytest.fixture
def console():
    """The console handler set up by ``settings.LOGGING``, writing into a buffer."""
    handlers = [
        h
        for h in logging.getLogger().handlers
        if any(isinstance(f, ClientErrorsOneLine) for f in h.filters)
    ]
    assert len(handlers) == 1
    handler = handlers[0]
    assert isinstance(handler, logging.StreamHandler)
    buffer = io.StringIO()
    old = handler.setStream(buffer)
    try:
        yield buffer
    finally:
        handler.setStream(old)


def test_a_403_is_one_warning_line_without_traceback(client, tree, console):
    client.force_login(UserFactory(username="curious", kind=User.Kind.CITIZEN))
    response = client.get(reverse("core:audit_log"))
    assert response.status_code == 403
    assert console.getvalue() == "Forbidden (Permission denied): /can-bo/nhat-ky/\n"


def _record(name: str, level: int, status: int | None, exc: BaseException) -> logging.LogRecord:
    try:
        raise exc
    except type(exc):
        info = sys.exc_info()
    record = logging.getLogger(name).makeRecord(name, level, __file__, 1, "Lỗi: %s", ("/x/",), info)
    if status is not None:
        record.status_code = status
    return record


def test_a_500_keeps_its_traceback(console):
    record = _record("django.request", logging.ERROR, 500, ValueError("hỏng"))
    logging.getLogger("django.request").handle(record)
    text = console.getvalue()
    assert text.startswith("Lỗi: /x/\nTraceback (most recent call last):\n")
    assert text.endswith("ValueError: hỏng\n")
    assert record.levelname == "ERROR"


def test_a_suspicious_request_is_one_warning_line(console):
    record = _record("django.security.DisallowedHost", logging.ERROR, 400, SuspiciousOperation())
    logging.getLogger("django.security.DisallowedHost").handle(record)
    assert console.getvalue() == "Lỗi: /x/\n"
    assert (record.levelno, record.levelname, record.exc_info) == (
        logging.WARNING,
        "WARNING",
        None,
    )


def test_the_filter_leaves_other_records_alone():
    keep = ClientErrorsOneLine()
    error = _record("ykien.portal.tasks", logging.ERROR, None, RuntimeError("x"))
    assert keep.filter(error)
    assert (error.levelname, error.exc_info is not None) == ("ERROR", True)
    denied = _record("django.request", logging.WARNING, 403, PermissionDenied())
    assert keep.filter(denied)
    assert (denied.levelname, denied.exc_info) == ("WARNING", None)
