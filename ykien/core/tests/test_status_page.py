"""The footer's "Tình trạng hệ thống" link (``/healthz``): a person's browser gets a page in the
site's layout and language, without internal details; monitors keep the JSON (no ``Accept``
header, ``*/*``, JSON, or ``?format=json``), with the same status code."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
import time_machine
from django.conf import settings
from django.db import connection
from django.db.utils import OperationalError

pytestmark = pytest.mark.django_db

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
NOON = dt.datetime(2026, 11, 26, 5, 0, 7, tzinfo=dt.UTC)  # 12:00:07 in Hà Nội


def test_the_footer_links_to_the_status_page(client):
    html = client.get("/").content.decode()
    assert '<a href="/healthz">Tình trạng hệ thống</a>' in html


@time_machine.travel(NOON, tick=False)
def test_a_browser_gets_a_page_in_the_sites_layout(client):
    response = client.get("/healthz", HTTP_ACCEPT=BROWSER)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert "Accept" in response["Vary"]  # the answer depends on what the client asks for
    html = response.content.decode()
    assert "<h1>Tình trạng hệ thống</h1>" in html
    assert "Hệ thống đang hoạt động bình thường." in html
    assert "<dt>Cơ sở dữ liệu</dt><dd>Kết nối bình thường</dd>" in html
    assert "Kiểm tra lúc 12:00:07, 26/11/2026." in html
    assert 'class="main-nav"' in html  # the site's menu
    for internal in ('"status":', '{"', connection.vendor, "vendor"):
        assert internal not in html, internal


def test_the_page_follows_the_readers_language(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/healthz", HTTP_ACCEPT=BROWSER).content.decode()
    assert "<h1>System status</h1>" in html
    assert '<html lang="en">' in html


@pytest.mark.parametrize(
    "headers",
    [{}, {"HTTP_ACCEPT": "*/*"}, {"HTTP_ACCEPT": "application/json"}],
    ids=["no-accept", "any", "json"],
)
def test_monitors_keep_the_json(client, headers):
    response = client.get("/healthz", **headers)
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "vendor": connection.vendor}


def test_format_json_gives_the_json_to_a_browser_too(client):
    response = client.get("/healthz?format=json", HTTP_ACCEPT=BROWSER)
    assert response.json()["status"] == "ok"


def test_with_the_database_down_a_browser_gets_a_503_page_that_needs_no_database(client):
    # Every use of the database fails while the page is made: the page must not need it.
    with mock.patch("ykien.core.views.connection.cursor", side_effect=OperationalError("down")):
        response = client.get("/healthz", HTTP_ACCEPT=BROWSER)
        machine = client.get("/healthz")
    assert response.status_code == 503
    html = response.content.decode()
    assert "<h1>Tình trạng hệ thống</h1>" in html
    assert "Hệ thống đang gặp sự cố: máy chủ chưa kết nối được cơ sở dữ liệu" in html
    assert "Hệ thống đang hoạt động bình thường." not in html
    assert "OperationalError" not in html
    assert (machine.status_code, machine.json()["status"]) == (503, "error")
