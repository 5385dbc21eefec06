"""The site's chrome in Chromium: the header and menu on a phone, the board's chart on a phone,
the menu that shows only what the reader may open, and the error pages (in the site's layout,
with a way back). The Content-Security-Policy is on (conftest fails a test on any violation)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "mat-khau-du-dai-2026"
# The effective size of each text of the chart on screen: its font size times the scale at which
# the SVG is drawn (its width on screen over its viewBox width).
CHART_TEXT_PX = """() => {
  const svg = document.querySelector("#chart-addressees");
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  return [...svg.querySelectorAll("text")].map(
    (t) => parseFloat(getComputedStyle(t).fontSize) * scale);
}"""


def _menu_links(page) -> list[str]:
    return page.locator(".main-nav a").evaluate_all("els => els.map(e => e.getAttribute('href'))")


def test_phone_header_is_compact_and_the_menu_folds(world, phone_page):
    page = phone_page
    page.goto(world.site.url + "/")
    header = page.locator(".site-header").bounding_box()
    assert header["height"] < 0.25 * 844
    toggle = page.get_by_role("button", name="Danh mục")
    assert toggle.get_attribute("aria-expanded") == "false"
    expect(page.locator(".main-nav")).to_be_hidden()
    expect(page.locator("#lang-select")).to_be_hidden()

    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    expect(page.get_by_role("link", name="Phản ánh, kiến nghị")).to_be_visible()
    expect(page.locator("#lang-select")).to_be_visible()
    page.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false"
    expect(page.locator(".main-nav")).to_be_hidden()

    # The menu works: open it, follow a link, and switch the language from a phone.
    toggle.click()
    page.get_by_role("link", name="Phản ánh, kiến nghị").click()
    page.wait_for_url(re.compile(r"/phan-anh/$"))
    page.get_by_role("button", name="Danh mục").click()
    page.locator("#lang-select").select_option("en")
    page.locator("form.lang-switch button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    expect(page).to_have_url(world.site.url + "/phan-anh/")


def test_wide_screen_shows_the_menu_without_the_button(world, page):
    page.goto(world.site.url + "/")
    expect(page.locator(".nav-toggle")).to_be_hidden()
    expect(page.locator(".main-nav")).to_be_visible()
    expect(page.locator("#lang-select")).to_be_visible()


def test_board_chart_is_readable_on_a_phone(world, phone_page):
    page = phone_page
    page.goto(world.site.url + "/giam-sat/")
    chart = page.locator("#chart-addressees")
    chart.scroll_into_view_if_needed()
    sizes = page.evaluate(CHART_TEXT_PX)
    assert len(sizes) >= 6  # legend, the addressee's name, four figures
    assert min(sizes) >= 11
    assert "Ủy ban nhân dân tỉnh Vĩnh Long" in chart.locator("text").all_text_contents()
    # The chart fits the phone's width (or scrolls inside its own box, never the page).
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_every_menu_link_opens_for_a_visitor_a_citizen_and_an_officer(world, page):
    site = world.site
    for who, username in (("visitor", None), ("citizen", "congdan.e2e"), ("officer", "canbo.e2e")):
        page.context.clear_cookies()
        if username is not None:
            page.goto(site.url + "/tai-khoan/dang-nhap/")
            page.get_by_label("Tên đăng nhập").fill(username)
            page.get_by_label("Mật khẩu").fill(PASSWORD)
            page.locator("main").get_by_role("button", name="Đăng nhập").click()
            page.wait_for_load_state()
        page.goto(site.url + "/")
        links = _menu_links(page)
        officer = who == "officer"
        assert ("/giao-ban/" in links, "/can-bo/" in links) == (officer, officer), who
        for link in links:
            response = page.goto(site.url + link)
            assert response.status == 200, (who, link)


def test_error_pages_have_the_layout_and_a_way_back(world, page):
    site = world.site
    # 404, reached from a page of the site: a link back to it and one home.
    page.goto(site.url + "/tin-tuc/")
    page.evaluate("location.href = '/tin-tuc/khong-co-bai-nay/'")
    page.wait_for_url(re.compile(r"khong-co-bai-nay"))
    assert page.get_by_role("heading", level=1).inner_text() == "Không tìm thấy trang"
    expect(page.locator(".site-header")).to_be_visible()
    page.get_by_test_id("error-back").click()
    page.wait_for_url(site.url + "/tin-tuc/")

    # 403: a citizen who types an officer's address.
    page.goto(site.url + "/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("congdan.e2e")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()
    response = page.goto(site.url + "/giao-ban/")
    assert response.status == 403
    assert page.get_by_role("heading", level=1).inner_text() == "Bạn không có quyền xem trang này"
    page.get_by_test_id("error-home").click()
    page.wait_for_url(site.url + "/")

    # A refused form (its security cookie gone): the site's page, with a way back to the form.
    # (The signed-in citizen's sign-out button: the language switch of a visitor is a GET form.)
    page.goto(site.url + "/tin-tuc/")
    page.context.clear_cookies(name="csrftoken")
    page.get_by_role("button", name=re.compile("^Đăng xuất")).click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Chưa gửi được biểu mẫu"
    assert "tải lại trang rồi gửi lại" in page.locator("main").inner_text()
    page.get_by_test_id("error-back").click()
    page.wait_for_url(site.url + "/tin-tuc/")
