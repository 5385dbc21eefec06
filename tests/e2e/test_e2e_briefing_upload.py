"""Briefings in Chromium: an officer uploads the quarter's sheet from the entry page, is shown
every refused cell with its row, column and reason (nothing saved), then a corrected sheet's
preview of what changes, and confirms it. axe-core finds no serious or critical problem."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import assert_accessible
from tests.e2e.test_e2e_small_screens import _sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

HEADER = "Mã chỉ tiêu,Chỉ tiêu,Đơn vị tính,Kỳ báo cáo,Số liệu\r\n"


def _sheet(*rows: str) -> dict[str, object]:
    return {
        "name": "so-lieu.csv",
        "mimeType": "text/csv",
        "buffer": (HEADER + "".join(r + "\r\n" for r in rows)).encode("utf-8"),
    }


def test_an_officer_uploads_a_sheet_previews_and_confirms(site, page):
    from ykien.core.models import Unit
    from ykien.core.permissions import SYSTEM
    from ykien.reporting import services
    from ykien.reporting.models import Measure, Value

    services.indicator_upsert(
        actor=SYSTEM, code="DV", name="Số đảng viên", measure=Measure.PEOPLE, order=1
    )
    services.indicator_upsert(
        actor=SYSTEM, code="TT", name="Mô hình tập thể", measure=Measure.COUNT, order=2
    )
    services.period_ensure(actor=SYSTEM, code="2026-Q3")
    province = Unit.objects.get(code="MTTQ-86")

    _sign_in(page, site.url, "canbo.e2e")
    page.goto(f"{site.url}/giao-ban/nhap/MTTQ-86/2026-Q3/")
    page.get_by_role("link", name="Nhập số liệu từ tệp XLSX hoặc CSV").click()
    main = page.locator("main")
    expect(main.get_by_role("link", name="Tệp mẫu XLSX")).to_be_visible()

    page.get_by_label("Tệp số liệu (XLSX hoặc CSV)").set_input_files(
        _sheet("DV,,,2026-Q3,mười", "TT,,,2026-Q2,3")
    )
    page.get_by_role("button", name="Xem trước").click()
    errors = main.locator("#upload-errors tbody tr")
    errors.first.wait_for()
    assert [r.split("\t") for r in errors.all_inner_texts()] == [
        ["2", "E", "“Số đảng viên”: “mười” không phải là số (viết như 1.068 hoặc 5,8)."],
        ["3", "D", "Kỳ “2026-Q2” không phải kỳ đang nhập (2026-Q3)."],
    ]
    assert_accessible(page)
    assert not Value.objects.filter(submission__unit=province).exists()

    page.get_by_label("Tệp số liệu (XLSX hoặc CSV)").set_input_files(
        _sheet("DV,,,2026-Q3,1.068", "TT,,,2026-Q3,3")
    )
    page.get_by_role("button", name="Xem trước").click()
    main.get_by_role("heading", name="Xem trước: những gì sẽ thay đổi").wait_for()
    assert "2 số liệu sẽ thay đổi. Chưa có gì được lưu." in main.inner_text()
    assert "— → 1.068" in main.locator("#upload-preview").inner_text()
    assert not Value.objects.filter(submission__unit=province).exists()
    assert_accessible(page)

    page.get_by_role("button", name="Xác nhận lưu số liệu").click()
    main.get_by_text("Đã lưu 2 số liệu từ tệp.").wait_for()
    assert page.url.endswith("/giao-ban/nhap/MTTQ-86/2026-Q3/")
    saved = dict(
        Value.objects.filter(submission__unit=province).values_list("indicator__code", "value")
    )
    assert saved == {"DV": 1068, "TT": 3}
