"""Supervision in Chromium: a sender follows a Regulation 124 feedback from the feedback form to the
look-up by its code (typed in lower case), seeing the steps and never the sender; an officer
corrects a programme item and then cancels another from the programme page, each change in the
item's history; the addressee picker of a recommendation offers the supervised body first.
axe-core finds no serious or critical problem on the pages."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.e2e.axe import assert_accessible
from tests.e2e.test_e2e_small_screens import _sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_sender_looks_up_a_feedback_by_its_code(world, page):
    from ykien.core.permissions import SYSTEM
    from ykien.core.pii import SenderIdentity
    from ykien.oversight import services
    from ykien.oversight.models import OfficialPosition

    position = OfficialPosition.objects.get(title="Chủ tịch Ủy ban nhân dân tỉnh")
    feedback = services.feedback_submit(
        position=position,
        content="Dùng xe công đi việc riêng.",
        identity=SenderIdentity(name="Lý Văn Hòa", address="Ấp 2, xã Long Hồ"),
    )
    services.feedback_set_status(actor=SYSTEM, feedback=feedback, status="reviewing")

    page.goto(world.site.url + "/giam-sat/phan-anh-can-bo/")
    page.get_by_role("link", name="Tra cứu bằng mã phản ánh").click()
    page.get_by_label("Mã phản ánh").fill(feedback.tracking_code.lower())
    page.get_by_role("button", name="Tra cứu").click()
    main = page.locator("main")
    main.get_by_role("heading", name="Phản ánh về Chủ tịch Ủy ban nhân dân tỉnh").wait_for()
    text = main.inner_text()
    assert feedback.tracking_code in text
    assert "Đã tiếp nhận" in text
    assert "Đang xem xét, xác minh" in text
    assert "Đang xem xét, chưa có kết quả" in text
    for secret in ("Lý Văn Hòa", "Ấp 2", "Dùng xe công"):
        assert secret not in text
    assert_accessible(page)
    page.get_by_label("Mã phản ánh").fill("PA124-ZZZZZZZZ")
    page.get_by_role("button", name="Tra cứu").click()
    main.get_by_text("Không tìm thấy phản ánh với mã tra cứu này.").first.wait_for()


def test_an_officer_edits_then_cancels_programme_items(world, page):
    from ykien.core.models import Unit, User
    from ykien.oversight import services
    from ykien.oversight.models import ProgrammeItem

    officer = User.objects.get(username="canbo.e2e")
    province = Unit.objects.get(code="MTTQ-86")
    agency = Unit.objects.get(code="UBND-86")
    year = dt.date.today().year  # noqa: DTZ011 (the live server runs on the same clock)
    programme = services.programme_create(
        actor=officer, unit=province, year=year, title=f"Chương trình giám sát năm {year}"
    )
    for content in ("Giám sát bồi thường khi thu hồi đất", "Giám sát cấp phép xây dựng"):
        services.programme_item_add(
            actor=officer,
            programme=programme,
            content=content,
            form="team",
            subject=agency,
            time_text=f"Quý II/{year}",
            lead_unit=province,
        )
    first, second = ProgrammeItem.objects.filter(programme=programme).order_by("order", "pk")

    _sign_in(page, world.site.url, "canbo.e2e")
    page.goto(f"{world.site.url}/can-bo/giam-sat/chuong-trinh/{programme.pk}/")
    page.get_by_role("link", name="Sửa, hủy, diễn biến — nội dung số 1").click()
    page.get_by_label("Thời gian").fill(f"Quý III/{year}")
    page.get_by_label("Lý do sửa (nếu có)").fill("Đối tượng xin lùi thời gian")
    page.get_by_role("button", name="Lưu thay đổi").click()
    page.get_by_text("Đã sửa nội dung chương trình.").wait_for()
    assert ProgrammeItem.objects.get(pk=first.pk).time_text == f"Quý III/{year}"

    page.get_by_role("link", name="Sửa, hủy, diễn biến — nội dung số 1").click()
    history = page.locator("main").inner_text()
    assert f"Quý II/{year}" in history
    assert f"Quý III/{year}" in history
    assert "Đối tượng xin lùi thời gian" in history
    assert_accessible(page)

    page.goto(f"{world.site.url}/can-bo/giam-sat/noi-dung-chuong-trinh/{second.pk}/")
    page.get_by_label("Lý do hủy").fill("Sở đã được thanh tra năm nay")
    page.get_by_role("button", name="Hủy nội dung").click()
    page.get_by_text("Đã hủy nội dung chương trình.").wait_for()
    row = page.locator("tr.cancelled")
    assert "Sở đã được thanh tra năm nay" in row.inner_text()
    assert ProgrammeItem.objects.get(pk=second.pk).is_cancelled


def test_the_addressee_picker_offers_the_supervised_body_first(world, page):
    activity = world.recommendation.activity
    _sign_in(page, world.site.url, "canbo.e2e")
    page.goto(f"{world.site.url}/can-bo/giam-sat/cuoc/{activity.pk}/")
    page.get_by_text("Soạn kiến nghị").click()
    combobox = page.get_by_role("combobox", name="Cơ quan nhận kiến nghị")
    combobox.click()
    first = page.get_by_role("listbox").get_by_role("option").first
    first.wait_for()
    assert first.inner_text().split("\n")[0] == "Ủy ban nhân dân tỉnh Vĩnh Long"
    assert_accessible(page)
