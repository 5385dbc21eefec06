"""One bulk action in Chromium: on the officer's petition list, search without diacritics, tick
every row with "select all", assign them to a handler, read the report; axe-core finds no serious
or critical problem on the list nor on the report."""

from __future__ import annotations

import pytest

from tests.e2e.axe import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "mat-khau-du-dai-2026"


def test_bulk_assign_from_the_petition_list(site, page):
    from ykien.core.models import Role, Unit
    from ykien.core.permissions import SYSTEM
    from ykien.core.pii import SenderIdentity
    from ykien.core.tests.factories import UserFactory, grant
    from ykien.petitions import services
    from ykien.petitions.models import Petition

    province = Unit.objects.get(code="MTTQ-86")
    # A superuser holds no confidential role: no second factor to pass in the browser.
    UserFactory(username="quantri.e2e", is_superuser=True, is_staff=True)
    handler = UserFactory(username="xuly.e2e", full_name="Trần Văn Xử")
    grant(handler, province, Role.HANDLER)
    made = [
        services.petition_submit(
            actor=SYSTEM,
            kind="report",
            subject=f"Đường liên ấp Tân An số {i}",
            content="Đoạn đường liên ấp bị sụt lún nhiều chỗ, xe cộ đi lại khó khăn.",
            unit=province,
            identity=SenderIdentity(),
            anonymous=True,
        )
        for i in range(2)
    ]
    page.goto(site.url + "/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("quantri.e2e")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()

    page.goto(site.url + "/can-bo/don-thu/")
    page.get_by_label("Tìm kiếm").fill("duong lien ap tan an")
    page.get_by_role("button", name="Tìm", exact=True).click()
    page.wait_for_load_state()
    assert "q=duong+lien+ap+tan+an" in page.url
    page.get_by_label("Chọn tất cả đơn trên trang này").check()
    for p in made:
        assert page.get_by_label(f"Chọn đơn #{p.pk}").is_checked()
    page.get_by_label("Thao tác").select_option("assign")
    page.locator("#bulk").get_by_label("Cán bộ xử lý").select_option(label="Trần Văn Xử")
    assert_accessible(page)
    page.get_by_role("button", name="Thực hiện").click()
    page.wait_for_load_state()
    assert page.locator(".bulk-done li").all_inner_texts() == [
        f"#{p.pk}: Đã giao cho Trần Văn Xử." for p in sorted(made, key=lambda p: -p.pk)
    ]
    assert_accessible(page)
    assert set(
        Petition.objects.filter(pk__in=[p.pk for p in made]).values_list("handler", flat=True)
    ) == {handler.pk}
