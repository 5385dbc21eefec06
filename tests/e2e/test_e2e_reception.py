"""Citizen reception in Chromium: a Front officer opens the supervision of the heads' receptions
from the staff menu and finds last month flagged for a commune's Party secretary who held one of
the two days the rule asks (the other missed); a citizen registers ahead for a coming session
from the public schedule, captcha solved as a person reads it; signed in, a citizen registers with
no captcha and finds the registration on "my page". The head's office finds sessions in
its list (search without diacritics, a filter, the CSV export); with the clock in September 2026,
a commune chairman's August reception delegated to a deputy is flagged by the supervision, with
the reason (the 2025 amendment of Luật Tiếp công dân, in force 1 July 2026)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from axe import assert_accessible  # tests/e2e/axe.py (the test directory is on sys.path)
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "mat-khau-du-dai-2026"
BACKUP_CODE = "bb204060"


def _seed_rules() -> None:
    """The frequency rules as the migrations leave them (a transactional test's flush empties
    the seeded table)."""
    from ykien.reception.frequency_rules import DELEGATION_BANS, SEED_RULES
    from ykien.reception.models import FrequencyRule

    for seed in SEED_RULES:
        fields = dict(seed)
        code, valid_from = fields.pop("code"), fields.pop("valid_from")
        fields["delegation_ban"] = DELEGATION_BANS.get((code, valid_from), "")
        FrequencyRule.objects.update_or_create(code=code, valid_from=valid_from, defaults=fields)


def _sign_in(page, url: str, username: str) -> None:
    page.goto(url + "/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()


def _menu(page, url: str, entry: str) -> None:
    page.goto(url + "/can-bo/")
    menu = page.get_by_role("navigation", name="Khu vực cán bộ")
    menu.locator("summary", has_text="Tiếp dân, đối thoại").click()
    menu.get_by_role("link", name=entry).click()
    page.wait_for_load_state()


@pytest.fixture
def calendar(site):
    """A commune under the site's province, its Party secretary's calendar: last month one day
    held and one missed; a session five days ahead, open for registration."""
    from ykien.core.models import Unit, UnitLevel
    from ykien.core.permissions import SYSTEM
    from ykien.core.tests.factories import make_unit
    from ykien.reception import services
    from ykien.reception.models import Office

    _seed_rules()
    commune = make_unit(
        "Ủy ban MTTQ Việt Nam xã Càng Long",
        parent=Unit.objects.get(code="MTTQ-86"),
        level=UnitLevel.COMMUNE,
    )
    today = dt.date.today()  # noqa: DTZ011 (the live server runs on the same clock)
    last_month = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    head = services.head_create(
        actor=SYSTEM,
        unit=commune,
        office=Office.PARTY_SECRETARY,
        name="Lâm Thị Kim Phượng",
        title="Bí thư Đảng ủy xã Càng Long",
        valid_from=last_month,  # took office at the start of last month
    )

    def session(day, to=None):
        made = services.session_schedule(
            actor=SYSTEM, head=head, day=day, starts_at=dt.time(7, 30), place="Trụ sở Đảng ủy xã"
        )
        return (
            made if to is None else services.session_transition(actor=SYSTEM, session=made, to=to)
        )

    session(last_month.replace(day=8), "held")
    session(last_month.replace(day=22), "missed")
    coming = session(today + dt.timedelta(days=5))
    return last_month, coming


def test_the_supervision_flags_the_missed_month_from_the_staff_menu(site, calendar, page):
    last_month, _coming = calendar
    page.goto(site.url + "/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("canbo.e2e")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()
    page.goto(site.url + "/can-bo/")
    menu = page.get_by_role("navigation", name="Khu vực cán bộ")
    menu.locator("summary", has_text="Tiếp dân, đối thoại").click()
    menu.get_by_role("link", name="Giám sát việc tiếp công dân").click()
    page.wait_for_load_state()
    expect(page).to_have_url(site.url + "/can-bo/tiep-cong-dan/giam-sat/")
    card = page.locator("section.card", has_text="Lâm Thị Kim Phượng")
    assert "1 tháng không đủ số buổi" in card.locator("h2").inner_text()
    flagged = card.locator("tr.row-flagged")
    assert flagged.count() == 1
    assert flagged.locator("th").inner_text() == f"{last_month:%m/%Y}"
    assert "Không đủ số buổi tối thiểu" in flagged.inner_text()
    assert_accessible(page)


def test_a_citizen_registers_for_a_coming_session(site, calendar, page, solve_captcha):
    from ykien.reception.models import Registration

    _last_month, coming = calendar
    page.goto(site.url + "/tiep-cong-dan/")
    page.get_by_role("link", name=f"{coming.day:%d/%m/%Y}").first.click()
    page.wait_for_load_state()
    page.get_by_label("Họ và tên").fill("Thạch Thị Sa Rươl")
    page.get_by_label("Số điện thoại").fill("0987 654 321")
    page.get_by_label("Nội dung cần trình bày").fill("Đề nghị sửa cống thoát nước ấp Bình Hòa")
    solve_captcha(page)
    page.get_by_role("button", name="Gửi đăng ký").click()
    page.wait_for_load_state()
    assert (
        f"Đã nhận đăng ký của bạn cho buổi tiếp ngày {coming.day:%d/%m/%Y}."
        in page.locator(".messages").inner_text()
    )
    registration = Registration.objects.get()
    assert (registration.session_id, registration.subject) == (
        coming.pk,
        "Đề nghị sửa cống thoát nước ấp Bình Hòa",
    )
    assert_accessible(page)


def test_the_office_finds_sessions_in_its_list_and_exports_them(site, calendar, page):
    from django_otp.plugins.otp_static.models import StaticDevice

    from ykien.core.models import Role, Unit
    from ykien.core.tests.factories import UserFactory, grant

    last_month, _coming = calendar
    office = UserFactory(username="vanphong.e2e", full_name="Văn phòng Đảng ủy xã")
    grant(office, Unit.objects.get(name="Ủy ban MTTQ Việt Nam xã Càng Long"), Role.HEAD_OFFICE)
    StaticDevice.objects.create(user=office, name="backup").token_set.create(token=BACKUP_CODE)
    _sign_in(page, site.url, "vanphong.e2e")
    page.goto(site.url + "/can-bo/")  # the second factor first
    page.get_by_label("Mã xác thực (6 chữ số) hoặc mã dự phòng").fill(BACKUP_CODE)
    page.get_by_role("button", name="Xác nhận").click()
    page.wait_for_load_state()
    _menu(page, site.url, "Lịch và sổ tiếp công dân")
    main = page.locator("main")
    assert "3 buổi tiếp" in main.inner_text()
    page.get_by_label("Tìm kiếm").fill("lam thi KIM phuong")
    page.get_by_label("Trạng thái").select_option(label="Không tiếp theo lịch")
    main.get_by_role("button", name="Tìm").click()
    page.wait_for_load_state()
    assert "q=lam+thi+KIM+phuong" in page.url
    assert "status=missed" in page.url
    assert "1 buổi tiếp" in main.inner_text()
    assert f"{last_month.replace(day=22):%d/%m/%Y}" in main.locator("tbody").inner_text()
    assert_accessible(page)
    with page.expect_download() as download:
        main.get_by_role("link", name="Xuất CSV").click()
    assert download.value.suggested_filename == "buoi-tiep-cong-dan.csv"
    lines = open(download.value.path(), encoding="utf-8-sig").read().strip().splitlines()  # noqa: SIM115
    assert len(lines) == 2
    assert "Lâm Thị Kim Phượng" in lines[1]
    assert "Không tiếp theo lịch" in lines[1]


def test_a_delegation_after_1_july_2026_is_flagged_with_its_reason(site, page):
    from ykien.core.models import Unit, UnitLevel
    from ykien.core.permissions import SYSTEM
    from ykien.core.tests.factories import make_unit
    from ykien.reception import services
    from ykien.reception.models import Office

    _seed_rules()
    now = dt.datetime(2026, 9, 15, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    with time_machine.travel(now):
        commune = make_unit(
            "Ủy ban MTTQ Việt Nam xã Long Đức",
            parent=Unit.objects.get(code="MTTQ-86"),
            level=UnitLevel.COMMUNE,
        )
        head = services.head_create(
            actor=SYSTEM,
            unit=commune,
            office=Office.PC_CHAIR,
            name="Nguyễn Thanh Bình",
            title="Chủ tịch UBND xã Long Đức",
            valid_from=dt.date(2026, 8, 1),
        )
        for day, to, deputy in (
            ("2026-08-04", "held", ""),
            ("2026-08-18", "delegated", "Phó Chủ tịch Lê Hòa"),
        ):
            made = services.session_schedule(
                actor=SYSTEM,
                head=head,
                day=dt.date.fromisoformat(day),
                starts_at=dt.time(7, 30),
                place="Trụ sở UBND xã",
            )
            services.session_transition(actor=SYSTEM, session=made, to=to, deputy_name=deputy)
        _sign_in(page, site.url, "canbo.e2e")
        _menu(page, site.url, "Giám sát việc tiếp công dân")
        card = page.locator("section.card", has_text="Nguyễn Thanh Bình")
        assert "1 buổi ủy quyền cấp phó không đúng quy định" in card.locator("h2").inner_text()
        august = card.locator("tr.row-flagged")
        assert august.count() == 1
        assert august.locator("th").inner_text() == "08/2026"
        text = august.inner_text()
        assert "Ủy quyền cấp phó không đúng quy định" in text
        assert (
            "không ủy quyền cấp phó (Luật sửa đổi, bổ sung một số điều của Luật Tiếp công dân"
            in text
        )
        assert "Không đủ số buổi tối thiểu" in text  # one of the two days held in person
        assert_accessible(page)


def test_a_signed_in_citizen_registers_without_a_captcha_and_finds_it_on_my_page(
    site, calendar, page
):
    from ykien.core.tests.factories import UserFactory
    from ykien.reception.models import Registration

    _last_month, coming = calendar
    citizen = UserFactory(username="sa.ruol.e2e", full_name="Thạch Thị Sa Rươl")
    _sign_in(page, site.url, "sa.ruol.e2e")
    page.goto(site.url + "/tiep-cong-dan/")
    page.get_by_role("link", name=f"{coming.day:%d/%m/%Y}").first.click()
    page.wait_for_load_state()
    form = page.locator("form", has=page.get_by_role("button", name="Gửi đăng ký"))
    assert form.get_by_label("Mã xác nhận").count() == 0
    assert form.get_by_label("Họ và tên").input_value() == "Thạch Thị Sa Rươl"
    form.get_by_label("Số điện thoại").fill("0987 654 321")
    form.get_by_label("Nội dung cần trình bày").fill("Đề nghị sửa cống thoát nước ấp Bình Hòa")
    form.get_by_role("button", name="Gửi đăng ký").click()
    page.wait_for_load_state()
    assert (
        f"Đã nhận đăng ký của bạn cho buổi tiếp ngày {coming.day:%d/%m/%Y}."
        in page.locator(".messages").inner_text()
    )
    registration = Registration.objects.get()
    assert (registration.session_id, registration.user_id) == (coming.pk, citizen.pk)
    assert_accessible(page)
    page.get_by_role("link", name="Trang của tôi").first.click()
    page.wait_for_load_state()
    section = page.locator("#muc-app-reception")
    assert section.locator("h2").inner_text() == "Đăng ký tiếp công dân"
    assert f"Buổi tiếp ngày {coming.day:%d/%m/%Y} lúc 07:30" in section.inner_text()
    assert "Đề nghị sửa cống thoát nước ấp Bình Hòa" in section.inner_text()
    assert_accessible(page)
