"""The staff dashboard (``/can-bo/``) in Chromium, on a wide screen and on a phone: its counts
link to the filtered lists, the page never scrolls sideways, the month charts' text stays at least
11 px on screen, and axe-core finds no serious or critical problem."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "mat-khau-du-dai-2026"
# The effective size of each text of a chart on screen (font size × the scale it is drawn at).
CHART_TEXT_PX = """(ident) => {
  const svg = document.querySelector(ident);
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  return [...svg.querySelectorAll("text")].map(
    (t) => parseFloat(getComputedStyle(t).fontSize) * scale);
}"""

# What sticks out to the right of the screen (to say what, when the page scrolls sideways).
WIDER_THAN = """(w) => [...document.querySelectorAll("body *")]
  .filter((e) => e.getBoundingClientRect().right > w + 1).slice(0, 8)
  .map((e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`)"""


def _sign_in(page, url: str) -> None:
    page.goto(url + "/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("canbo.e2e")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()


def _check_dashboard(page, url: str, width: int) -> None:
    _sign_in(page, url)
    page.goto(url + "/can-bo/")
    main = page.locator("main")
    expect(main.get_by_role("heading", name="Đơn thư")).to_be_visible()
    expect(main.get_by_role("heading", name="Kiến nghị sau giám sát")).to_be_visible()
    # The world's recommendation was sent 20 days ago with its answer due in 10 days: neither
    # due today nor within the week, not overdue, not new.
    tiles = page.locator("#area-recommendations ~ ul .tile-count").all_text_contents()
    assert tiles == ["0", "0", "0", "0"]
    for ident in ("#chart-petitions", "#chart-recommendations"):
        chart = page.locator(ident)
        chart.scroll_into_view_if_needed()
        expect(chart).to_be_visible()
        sizes = page.evaluate(CHART_TEXT_PX, ident)
        assert len(sizes) >= 15  # legend, the top figure, twelve months
        assert min(sizes) >= 11, (ident, min(sizes))
    wide = page.evaluate(WIDER_THAN, width)
    assert page.evaluate("document.documentElement.scrollWidth") <= width, wide
    assert_accessible(page)
    # A count opens its list, filtered.
    main.locator("#area-petitions ~ ul .tile-new a").click()
    page.wait_for_url(re.compile(r"/can-bo/don-thu/\?recent=1$"))
    assert page.locator("#id_recent").is_checked()


def test_dashboard_on_a_wide_screen(world, page):
    _check_dashboard(page, world.site.url, 1280)


def test_dashboard_on_a_phone(world, phone_page):
    _check_dashboard(phone_page, world.site.url, 390)
