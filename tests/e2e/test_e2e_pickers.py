"""A picker in Chromium: on a petition, the transfer form's unit picker (Tom Select fed by
``/can-bo/goi-y/don-vi/``) is given "tra vinh" without diacritics; it offers what the former
Trà Vinh units became and, marked and not pickable, the former units; the People's Committee of
Vĩnh Long is picked with the keyboard and the form submitted after the browser asks to confirm (cancelled once: nothing moves); the
petition moves to that unit. axe-core finds no serious or critical problem with the combobox open
nor on the page after the transfer."""

from __future__ import annotations

import pytest

from tests.e2e.axe import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "mat-khau-du-dai-2026"


def test_transfer_picks_a_unit_by_typing_tra_vinh(site, page):
    import datetime as dt

    from ykien.core import services as core_services
    from ykien.core.models import Unit, UnitKind
    from ykien.core.permissions import SYSTEM
    from ykien.core.pii import SenderIdentity
    from ykien.core.tests.factories import UserFactory, make_unit
    from ykien.petitions import services
    from ykien.petitions.models import Petition

    province = Unit.objects.get(code="MTTQ-86")
    committee = Unit.objects.get(code="UBND-86")
    # Trà Vinh province until 30/6/2025, merged into Vĩnh Long on 1/7/2025.
    reform = dt.date(2025, 7, 1)
    ended = reform - dt.timedelta(days=1)
    old_front = make_unit("Ủy ban MTTQ tỉnh Trà Vinh", code="MTTQ-84", valid_to=ended)
    old_committee = make_unit(
        "Ủy ban nhân dân tỉnh Trà Vinh",
        parent=old_front,
        kind=UnitKind.STATE,
        code="UBND-84",
        valid_to=ended,
    )
    for old, new in ((old_front, province), (old_committee, committee)):
        core_services.unit_merge(actor=SYSTEM, predecessors=[old], successor=new, effective=reform)
    # A superuser holds no confidential role: no second factor to pass in the browser.
    UserFactory(username="quantri.e2e", is_superuser=True, is_staff=True)
    petition = services.petition_submit(
        actor=SYSTEM,
        kind="report",
        subject="Cấp phép xây dựng chậm",
        content="Hồ sơ cấp phép xây dựng nộp từ lâu chưa được trả lời.",
        unit=province,
        identity=SenderIdentity(),
        anonymous=True,
    )
    page.goto(site.url + "/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("quantri.e2e")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()

    page.goto(f"{site.url}/can-bo/don-thu/{petition.pk}/")
    form = page.locator("#action-transfer")
    combobox = form.get_by_role("combobox", name="Đơn vị nhận")
    combobox.click()
    combobox.press_sequentially("tra vinh", delay=20)
    wanted = page.get_by_role(
        "option", name="Ủy ban nhân dân tỉnh Vĩnh Long gồm Ủy ban nhân dân tỉnh Trà Vinh"
    )
    wanted.wait_for()
    options = form.get_by_role("listbox").get_by_role("option")
    assert [o.inner_text().split("\n")[0] for o in options.all()] == [
        "Ủy ban MTTQ Việt Nam tỉnh Vĩnh Long",
        "Ủy ban nhân dân tỉnh Vĩnh Long",
        "Ủy ban MTTQ tỉnh Trà Vinh (trước 1/7/2025)",
        "Ủy ban nhân dân tỉnh Trà Vinh (trước 1/7/2025)",
    ]
    # The former units are offered too, marked with the day they ended, and cannot be picked.
    assert [o.get_attribute("aria-disabled") for o in options.all()] == [None, None, "true", "true"]
    assert_accessible(page)  # the combobox open, with its listbox
    for _step in range(6):
        if wanted.get_attribute("aria-selected") == "true":
            break
        combobox.press("ArrowDown")
    assert wanted.get_attribute("aria-selected") == "true"
    combobox.press("Enter")
    assert form.locator("input[name=transfer-unit]").input_value() == str(committee.pk)
    form.get_by_label("Lý do chuyển").fill("Thuộc thẩm quyền của Ủy ban nhân dân tỉnh.")
    # A transfer cannot be undone: the browser asks first (data-confirm, no inline script).
    questions: list[str] = []

    def answer(dialog) -> None:
        questions.append(dialog.message)
        if len(questions) == 1:
            dialog.dismiss()
        else:
            dialog.accept()

    page.on("dialog", answer)
    form.get_by_role("button", name="Chuyển đơn").click()
    page.wait_for_timeout(500)
    assert questions == ["Chuyển đơn này đến đơn vị đã chọn? Việc chuyển đơn không thể hoàn tác."]
    assert Petition.objects.get(pk=petition.pk).unit == province  # cancelled: nothing sent
    with page.expect_navigation():
        form.get_by_role("button", name="Chuyển đơn").click()
    assert len(questions) == 2
    petition = Petition.objects.get(pk=petition.pk)
    assert petition.unit == committee
    assert_accessible(page)
