"""Citizen reception in Chromium: a Front officer opens the supervision of the heads' receptions
from the staff menu and finds last month flagged for a commune's Party secretary who held one of
the two days the rule asks (the other missed); a citizen registers ahead for a coming session
from the public schedule, captcha solved as a person reads it."""

from __future__ import annotations

import datetime as dt

import pytest
from axe import assert_accessible  # tests/e2e/axe.py (the test directory is on sys.path)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "mat-khau-du-dai-2026"


@pytest.fixture
def calendar(site):
    """A commune under the site's province, its Party secretary's calendar: last month one day
    held and one missed; a session five days ahead, open for registration."""
    from ykien.core.models import Unit, UnitLevel
    from ykien.core.permissions import SYSTEM
    from ykien.core.tests.factories import make_unit
    from ykien.reception import services
    from ykien.reception.frequency_rules import SEED_RULES
    from ykien.reception.models import FrequencyRule, Office

    for seed in SEED_RULES:  # a transactional test's flush empties the seeded table
        fields = dict(seed)
        code, valid_from = fields.pop("code"), fields.pop("valid_from")
        FrequencyRule.objects.update_or_create(code=code, valid_from=valid_from, defaults=fields)
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
    assert page.url == site.url + "/can-bo/tiep-cong-dan/giam-sat/"
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
