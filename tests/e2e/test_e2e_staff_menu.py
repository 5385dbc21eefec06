"""The staff menu in Chromium: an officer signs in, opens the menu on a wide screen and on a
phone (where it folds behind its button), follows two entries; axe-core finds no serious or
critical problem on the workspace and a list page. The Content-Security-Policy is on."""

from __future__ import annotations

import pytest
from axe import assert_accessible  # tests/e2e/axe.py (the test directory is on sys.path)
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "mat-khau-du-dai-2026"


def _sign_in(page, url: str) -> None:
    page.goto(url + "/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("canbo.e2e")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()


def test_an_officer_finds_the_staff_pages_from_the_menu(site, page):
    _sign_in(page, site.url)
    page.goto(site.url + "/can-bo/")
    menu = page.get_by_role("navigation", name="Khu vực cán bộ")
    expect(menu).to_be_visible()
    expect(page.get_by_role("button", name="Khu vực cán bộ")).to_be_hidden()
    assert page.get_by_role("navigation", name="Đường dẫn").inner_text().strip() == "Bàn làm việc"
    assert_accessible(page)

    due = menu.get_by_role("link", name="Sắp đến hạn và quá hạn")
    expect(due).to_be_hidden()
    menu.locator("summary", has_text="Đơn thư").click()
    expect(due).to_be_visible()
    page.keyboard.press("Escape")  # closes the area, the focus back on its name
    expect(due).to_be_hidden()
    menu.locator("summary", has_text="Đơn thư").click()
    due.click()
    page.wait_for_load_state()
    expect(page).to_have_url(site.url + "/can-bo/don-thu/han/")
    crumbs = page.get_by_role("navigation", name="Đường dẫn").locator("li").all_inner_texts()
    assert [c.replace("›", "").strip() for c in crumbs] == [
        "Bàn làm việc",
        "Đơn thư",
        "Sắp đến hạn và quá hạn",
    ]
    assert_accessible(page)


def test_on_a_phone_the_staff_menu_folds_behind_its_button(site, phone_page):
    page = phone_page
    _sign_in(page, site.url)
    page.goto(site.url + "/can-bo/don-thu/")
    toggle = page.get_by_role("button", name="Khu vực cán bộ")
    assert toggle.get_attribute("aria-expanded") == "false"
    menu = page.get_by_role("navigation", name="Khu vực cán bộ")
    expect(menu).to_be_hidden()

    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    menu.locator("summary", has_text="Dự thảo").click()
    register = menu.get_by_role("link", name="Tiếp nhận dự thảo mới")
    expect(register).to_be_visible()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    register.click()
    page.wait_for_load_state()
    expect(page).to_have_url(site.url + "/can-bo/du-thao/moi/")
    assert_accessible(page)
