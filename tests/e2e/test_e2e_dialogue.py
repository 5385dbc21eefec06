"""A direct dialogue in Chromium, by clicking from the staff menu: a commune front officer plans a
dialogue between the commune chairman and the People, announces it and opens it for questions;
visitors send questions (a near-duplicate and one not in Vietnamese among them, with the captcha);
the officer prints the questions grouped for the head; the session is recorded with answers, a
question raised on the spot and two commitments; the front's leader issues the minutes; the
commune People's Committee reports one commitment kept; three weeks later (the clock moved) the
other is overdue and the officer refers it to the province front; the public accountability board
shows both beside the recommendations. The Content-Security-Policy is on."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pytest
import time_machine
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "mat-khau-du-dai-2026"
BACKUP_CODE = "bb204060"
TOPIC = "Đối thoại về giao thông nông thôn và nước sạch"
QUESTIONS = (
    "Khi nào xã sửa lại tuyến đường liên ấp bị sạt lở sau mùa mưa năm nay?",
    "Xin hỏi khi nào xã sửa tuyến đường liên ấp bị sạt lở sau mùa mưa năm nay?",
    "When will the commune repair the flooded road near hamlet 3?",
)
KEPT = "Nâng công suất trạm cấp nước ấp 3."
LATE = "Sửa chữa xong tuyến đường liên ấp bị sạt lở."


@dataclass
class Commune:
    url: str
    today: dt.date


@pytest.fixture
def commune(live_server) -> Commune:
    """A province front, a commune front under it (organises the dialogue), the commune People's
    Committee; an officer and a leader (with a backup code) of the commune front, a respondent
    of the People's Committee."""
    from django.core.cache import cache
    from django_otp.plugins.otp_static.models import StaticDevice

    from ykien.core.models import Role, UnitKind, UnitLevel, User
    from ykien.core.tests.factories import UserFactory, grant, make_unit

    cache.clear()
    province = make_unit("Ủy ban MTTQ Việt Nam tỉnh Vĩnh Long", code="MTTQ-86")
    front = make_unit(
        "Ủy ban MTTQ Việt Nam xã Long Hồ", parent=province, level=UnitLevel.COMMUNE, code="MTTQ-X"
    )
    agency = make_unit(
        "Ủy ban nhân dân xã Long Hồ",
        parent=front,
        level=UnitLevel.COMMUNE,
        kind=UnitKind.STATE,
        code="UBND-X",
    )
    people = (
        ("canbo.xa", "Cán bộ Mặt trận xã", front, Role.OFFICER, User.Kind.OFFICER),
        ("lanhdao.xa", "Chủ tịch Mặt trận xã", front, Role.LEADER, User.Kind.LEADER),
        ("traloi.xa", "Văn phòng Ủy ban xã", agency, Role.RESPONDENT, User.Kind.RESPONDENT),
    )
    for username, name, unit, role, kind in people:
        user = UserFactory(username=username, full_name=name, kind=kind)
        grant(user, unit, role)
    leader = User.objects.get(username="lanhdao.xa")
    StaticDevice.objects.create(user=leader, name="backup").token_set.create(token=BACKUP_CODE)
    return Commune(live_server.url, dt.date.today())  # noqa: DTZ011 (the server's clock)


def _sign_in(page, url: str, username: str) -> None:
    page.goto(url + "/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()


def _menu(page, url: str, entry: str) -> None:
    """Open the staff menu's area "Tiếp dân, đối thoại" on the workspace and follow ``entry``."""
    page.goto(url + "/can-bo/")
    menu = page.get_by_role("navigation", name="Khu vực cán bộ")
    menu.locator("summary", has_text="Tiếp dân, đối thoại").click()
    menu.get_by_role("link", name=entry).click()
    page.wait_for_load_state()


def _pick(page, label: str, option: str) -> None:
    """Choose ``option`` in the unit picker ``label`` (offered as soon as it opens)."""
    combobox = page.get_by_role("combobox", name=label)
    combobox.click()
    page.get_by_role("option", name=option).first.click()


def _click(page, name: str) -> None:
    page.get_by_role("button", name=name).click()
    page.wait_for_load_state()


def _plan(page, c: Commune) -> None:
    _sign_in(page, c.url, "canbo.xa")
    _menu(page, c.url, "Lập kế hoạch đối thoại")
    page.get_by_label("Ủy ban MTTQ tổ chức").select_option(label="Ủy ban MTTQ Việt Nam xã Long Hồ")
    _pick(page, "Cơ quan của người đứng đầu", "Ủy ban nhân dân xã Long Hồ")
    page.get_by_role("textbox", name="Người đứng đầu:", exact=True).fill("Nguyễn Văn Thành")
    page.get_by_label("Chức vụ").fill("Chủ tịch Ủy ban nhân dân xã")
    page.get_by_label("Chủ đề đối thoại").fill(TOPIC)
    page.get_by_label("Ngày đối thoại").fill(c.today.isoformat())
    page.get_by_label("Địa điểm").fill("Hội trường Ủy ban nhân dân xã")
    page.get_by_label("Thành phần mời").fill("Đại diện các ấp, hộ dân ven lộ")
    _click(page, "Lưu kế hoạch")
    assert page.get_by_role("heading", level=1).inner_text() == TOPIC
    _click(page, "Thông báo công khai")
    _click(page, "Mở nhận câu hỏi gửi trước")
    assert "Đang nhận câu hỏi" in page.locator("main").inner_text()


def _ask(browser, c: Commune, solve_captcha) -> None:
    """A visitor finds the dialogue on the public list and sends the questions (captcha)."""
    context = browser.new_context(locale="vi-VN")
    visitor = context.new_page()
    for text in QUESTIONS:
        visitor.goto(c.url + "/doi-thoai/")
        visitor.get_by_role("link", name=TOPIC).click()
        visitor.get_by_label("Câu hỏi của bạn").fill(text)
        solve_captcha(visitor)
        _click(visitor, "Gửi câu hỏi")
        assert visitor.get_by_role("heading", level=1).inner_text() == "Đã gửi câu hỏi"
    context.close()


def _grouped(page, c: Commune) -> None:
    _menu(page, c.url, "Cuộc đối thoại trực tiếp")
    page.get_by_role("link", name=TOPIC).click()
    page.get_by_role("link", name="Câu hỏi đã nhóm cho người đứng đầu").click()
    main = page.locator("main")
    assert "Tổng số câu hỏi: 3; cần xem lại" in main.inner_text()
    counts = main.locator("tbody tr td:nth-child(2)").all_inner_texts()
    assert sorted(counts) == ["1", "2"]  # the two near-duplicates together
    with page.expect_download() as download:
        main.get_by_role("link", name="PDF").click()
    assert download.value.suggested_filename.endswith(".pdf")
    page.get_by_role("link", name=TOPIC).click()
    page.wait_for_load_state()


def _commit(page, text: str, due: dt.date) -> None:
    form = page.locator("form", has_text="Ghi nhận cam kết của người đứng đầu")
    form.get_by_label("Nội dung cam kết").fill(text)
    _pick(page, "Cơ quan, đơn vị thực hiện", "Ủy ban nhân dân xã Long Hồ")
    form.get_by_label("Hạn thực hiện").fill(due.isoformat())
    form.get_by_role("button", name="Ghi nhận cam kết").click()
    page.wait_for_load_state()
    assert "Đã ghi nhận cam kết." in page.locator("main").inner_text()


def _session(page, c: Commune) -> None:
    _click(page, "Ghi nhận đã tổ chức đối thoại")
    card = page.locator("article", has_text=QUESTIONS[0])
    card.get_by_label("Nội dung trả lời").fill("Xã khởi công sửa tuyến đường trong tháng tới.")
    # Its near-duplicate (question 2) is offered the same answer, ticked.
    expect(card.get_by_label("Trả lời chung cho câu hỏi số 2 (cùng nội dung)")).to_be_checked()
    card.get_by_role("button", name="Ghi nội dung trả lời").click()
    page.wait_for_load_state()
    expect(page.locator(".messages")).to_contain_text("Đã ghi nội dung trả lời cho 2 câu hỏi.")
    twin = page.locator("article", has_text=QUESTIONS[1])
    expect(twin).to_contain_text("Trả lời: Xã khởi công sửa tuyến đường trong tháng tới.")
    raised = page.locator("form", has_text="Ghi câu hỏi nêu tại buổi đối thoại")
    raised.get_by_label("Câu hỏi nêu tại buổi đối thoại").fill("Khi nào nước sạch về ấp 3?")
    raised.get_by_label("Nội dung trả lời").fill("Xã nâng công suất trạm cấp nước ấp 3.")
    raised.get_by_role("button", name="Ghi câu hỏi").click()
    page.wait_for_load_state()
    _commit(page, KEPT, c.today + dt.timedelta(days=7))
    _commit(page, LATE, c.today + dt.timedelta(days=10))


def _minutes(page, c: Commune) -> None:
    _sign_in(page, c.url, "lanhdao.xa")
    page.goto(c.url + "/can-bo/")  # the second factor first
    page.get_by_label("Mã xác thực (6 chữ số) hoặc mã dự phòng").fill(BACKUP_CODE)
    _click(page, "Xác nhận")
    _menu(page, c.url, "Cuộc đối thoại trực tiếp")
    page.get_by_role("link", name=TOPIC).click()

    def fill() -> None:
        page.get_by_label("Số biên bản").fill("15/BB-MTTQ-BTT")
        page.get_by_label("Tóm tắt diễn biến buổi đối thoại").fill(
            "Chủ tịch Ủy ban nhân dân xã trả lời các câu hỏi và nhận hai cam kết có thời hạn."
        )

    fill()
    _click(page, "Ban hành biên bản đối thoại")
    # Refused while question 3 waits: the form keeps what was typed, nothing is issued.
    expect(page.locator("main")).to_contain_text("Câu hỏi số 3 chưa được trả lời.")
    expect(page.get_by_label("Số biên bản")).to_have_value("15/BB-MTTQ-BTT")
    assert "Đã ban hành biên bản" not in page.locator("main").inner_text()
    card = page.locator("article", has_text=QUESTIONS[2])
    card.get_by_label("Nội dung trả lời").fill("Trả lời chung với câu hỏi số 1.")
    card.get_by_role("button", name="Ghi nội dung trả lời").click()
    page.wait_for_load_state()
    fill()
    _click(page, "Ban hành biên bản đối thoại")
    assert "Đã ban hành biên bản" in page.locator("main").inner_text()
    page.get_by_role("link", name="Trang công khai").click()
    with page.expect_download() as download:
        page.locator("main").get_by_role("link", name="DOCX").click()
    assert download.value.suggested_filename.endswith(".docx")


def _report(page, c: Commune) -> None:
    _sign_in(page, c.url, "traloi.xa")
    _menu(page, c.url, "Cam kết cần báo cáo")
    page.locator("tr", has_text=KEPT).get_by_role("link", name="Báo cáo kết quả").click()
    page.get_by_label("Đã thực hiện cam kết").check()
    page.get_by_label("Nội dung báo cáo").fill("Đã lắp thêm máy bơm; trạm cấp nước chạy cả ngày.")
    _click(page, "Gửi báo cáo")
    assert "Đã báo cáo kết quả thực hiện cam kết." in page.locator("main").inner_text()


def _escalate(page, c: Commune) -> None:
    """Three weeks later: the second commitment is overdue; the officer refers it up."""
    later = dt.datetime.combine(c.today + dt.timedelta(days=21), dt.time(9))
    with time_machine.travel(later.replace(tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))):
        page.context.clear_cookies()
        _sign_in(page, c.url, "canbo.xa")
        _menu(page, c.url, "Cuộc đối thoại trực tiếp")
        page.get_by_role("link", name=TOPIC).click()
        row = page.locator("tr", has_text=LATE)
        assert "quá hạn" in row.inner_text()
        row.get_by_role("button", name="Chuyển cấp trên đôn đốc cam kết quá hạn").click()
        page.wait_for_load_state()
        assert (
            "Quá hạn, đã chuyển cấp trên đôn đốc" in page.locator("tr", has_text=LATE).inner_text()
        )
        page.goto(c.url + "/giam-sat/")
        board = page.locator("section", has_text="Cam kết của người đứng đầu tại đối thoại")
        assert "Đã thực hiện" in board.locator("tr", has_text=KEPT).inner_text()
        assert (
            "Quá hạn, đã chuyển cấp trên đôn đốc" in board.locator("tr", has_text=LATE).inner_text()
        )


def test_a_dialogue_from_plan_to_the_accountability_board(commune, page, browser, solve_captcha):
    from ykien.dialogue.models import Commitment, CommitmentStatus

    _plan(page, commune)
    _ask(browser, commune, solve_captcha)
    _grouped(page, commune)
    _session(page, commune)
    page.context.clear_cookies()
    _minutes(page, commune)
    page.context.clear_cookies()
    _report(page, commune)
    _escalate(page, commune)
    assert dict(Commitment.objects.values_list("text", "status")) == {
        KEPT: CommitmentStatus.KEPT,
        LATE: CommitmentStatus.ESCALATED,
    }


def test_the_officer_finds_a_dialogue_in_the_list_and_exports_it(commune, page):
    """The officers' list (``core.lists``): a search typed without diacritics, a status filter,
    a sort by clicking the column, all kept in the URL; the filtered list downloaded as CSV."""
    from axe import assert_accessible  # tests/e2e/axe.py

    from ykien.core.models import Unit
    from ykien.core.permissions import SYSTEM
    from ykien.dialogue import services

    front, agency = Unit.objects.get(code="MTTQ-X"), Unit.objects.get(code="UBND-X")
    for topic, days in ((TOPIC, 3), ("Chợ Long Hồ và vệ sinh môi trường", 10)):
        services.dialogue_create(
            actor=SYSTEM,
            unit=front,
            head_unit=agency,
            head_name="Nguyễn Văn Thành",
            head_title="Chủ tịch Ủy ban nhân dân xã",
            topic=topic,
            held_on=commune.today + dt.timedelta(days=days),
            place="Hội trường xã",
        )
    _sign_in(page, commune.url, "canbo.xa")
    _menu(page, commune.url, "Cuộc đối thoại trực tiếp")
    main = page.locator("main")
    assert "2 cuộc đối thoại" in main.inner_text()
    page.get_by_label("Tìm kiếm").fill("NUOC sach")
    _click(page, "Tìm")
    assert "q=NUOC+sach" in page.url
    assert "1 cuộc đối thoại" in main.inner_text()
    expect(main.get_by_role("link", name=TOPIC)).to_be_visible()
    page.get_by_role("link", name="Bỏ lọc").click()
    page.wait_for_load_state()
    page.get_by_label("Trạng thái").select_option(label="Kế hoạch")
    _click(page, "Tìm")
    assert "status=planned" in page.url
    main.get_by_role("link", name="Ngày", exact=True).click()  # the earliest first
    page.wait_for_load_state()
    assert "sort=day" in page.url
    assert "status=planned" in page.url
    rows = main.locator("tbody tr")
    assert TOPIC in rows.nth(0).inner_text()
    assert_accessible(page)
    with page.expect_download() as download:
        main.get_by_role("link", name="Xuất CSV").click()
    assert download.value.suggested_filename == "doi-thoai.csv"
    text = open(download.value.path(), encoding="utf-8-sig").read()  # noqa: SIM115
    lines = text.strip().splitlines()
    assert len(lines) == 3
    assert TOPIC in lines[1]
    assert "Chợ Long Hồ" in lines[2]
