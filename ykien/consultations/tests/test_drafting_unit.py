"""The drafting body of a registered draft: the form offers the units in force on the received
date (today by default), names told apart by the parent unit; the service refuses a unit not in
force on that date."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from ykien.consultations import services
from ykien.consultations.forms import unit_labels
from ykien.consultations.models import Draft
from ykien.core.errors import ValidationFailed
from ykien.core.models import UnitKind
from ykien.core.tests.factories import make_unit

pytestmark = pytest.mark.django_db

EXPIRED = (
    "Cơ quan soạn thảo “Ủy ban nhân dân tỉnh Vĩnh Long” không còn hoặc chưa có hiệu lực vào "
    "ngày nhận {day}; hãy chọn đơn vị đang hoạt động vào ngày đó."
)


@pytest.fixture
def bodies(tree):
    """The pre-merger provincial committee of the same name, and two valid units of one name."""
    old_province = make_unit(
        "Ủy ban MTTQ tỉnh Vĩnh Long", code="VL-OLD", valid_to=dt.date(2025, 6, 30)
    )
    old = make_unit(
        "Ủy ban nhân dân tỉnh Vĩnh Long",
        parent=old_province,
        kind=UnitKind.STATE,
        code="UBND-VL-2025",
        valid_to=dt.date(2025, 6, 30),
    )
    justice_b = make_unit("Sở Tư pháp", parent=tree.prov_b, kind=UnitKind.STATE, code="STP-B")
    justice_new = make_unit(
        "Sở Tư pháp",
        parent=tree.prov_new,
        kind=UnitKind.STATE,
        code="STP-N",
        valid_from=dt.date(2025, 7, 1),
    )
    return old, justice_b, justice_new


def _options(html: str) -> list[str]:
    select = re.search(r'<select name="drafting_unit"[^>]*>(.*?)</select>', html, re.S)
    assert select is not None
    return re.findall(r'<option value="\d+"[^>]*>([^<]*)</option>', select.group(1))


def _post(client, tree, drafting_unit, received_on: str):
    return client.post(
        reverse("consultations:register"),
        {
            "unit": tree.prov_new.pk,
            "drafting_unit": drafting_unit.pk,
            "title": "Dự thảo Nghị quyết",
            "kind": "resolution",
            "form": "written",
            "received_on": received_on,
        },
    )


def test_the_form_offers_the_units_in_force_told_apart_by_parent(client, tree, people, bodies):
    client.force_login(people.officer)
    html = client.get(reverse("consultations:register")).content.decode()
    assert _options(html) == [
        "Sở Tư pháp (Ủy ban MTTQ tỉnh Cà Mau)",
        "Sở Tư pháp (Ủy ban MTTQ tỉnh Vĩnh Long)",
        "Ủy ban nhân dân tỉnh Vĩnh Long",  # the expired one of that name is not offered
    ]


def test_the_list_follows_the_received_date(client, tree, people, bodies):
    client.force_login(people.officer)
    response = _post(client, tree, bodies[0], "khong-phai-ngay")  # invalid date: today's list
    assert "Ủy ban nhân dân tỉnh Vĩnh Long" in _options(response.content.decode())
    response = _post(client, tree, tree.agency_new, "2025-06-01")  # refused: not yet in force
    assert response.status_code == 200
    assert _options(response.content.decode()) == ["Sở Tư pháp", "Ủy ban nhân dân tỉnh Vĩnh Long"]
    assert EXPIRED.format(day="01/06/2025") in response.content.decode()
    assert Draft.objects.count() == 0


def test_an_expired_unit_is_refused_with_a_clear_message(client, tree, people, bodies):
    client.force_login(people.officer)
    response = _post(client, tree, bodies[0], "2026-11-20")
    assert response.status_code == 200
    assert EXPIRED.format(day="20/11/2026") in response.content.decode()
    assert Draft.objects.count() == 0
    response = _post(client, tree, bodies[0], "2025-06-20")  # in force on that date
    assert response.status_code == 302
    assert Draft.objects.get().drafting_unit == bodies[0]


def test_the_service_checks_the_drafting_unit_on_the_received_date(tree, people, bodies):
    kwargs = {
        "actor": people.officer,
        "unit": tree.prov_new,
        "title": "Dự thảo",
        "kind": "plan",
        "form": "written",
    }
    with pytest.raises(ValidationFailed) as exc:
        services.draft_register(
            drafting_unit=bodies[0], received_on=dt.date(2026, 11, 20), **kwargs
        )
    assert (exc.value.code, exc.value.field, str(exc.value.message)) == (
        "unit_not_in_force",
        "drafting_unit",
        EXPIRED.format(day="20/11/2026"),
    )
    assert Draft.objects.count() == 0
    draft = services.draft_register(
        drafting_unit=tree.agency_new, received_on=dt.date(2026, 11, 20), **kwargs
    )
    with pytest.raises(ValidationFailed) as exc:  # moved back before the unit existed
        services.draft_update(
            actor=people.officer, draft=draft, data={"received_on": dt.date(2025, 6, 1)}
        )
    assert exc.value.code == "unit_not_in_force"
    draft.refresh_from_db()
    assert draft.received_on == dt.date(2026, 11, 20)
    # Other edits of a draft keep working.
    services.draft_update(actor=people.officer, draft=draft, data={"title": "Dự thảo mới"})


def test_labels_fall_back_to_the_code_when_the_parents_share_a_name(tree):
    a = make_unit("Sở Xây dựng", parent=tree.prov_b, kind=UnitKind.STATE, code="SXD-1")
    b = make_unit("Sở Xây dựng", parent=tree.prov_b, kind=UnitKind.STATE, code="SXD-2")
    c = make_unit("Sở Y tế", kind=UnitKind.STATE, code="SYT")
    assert unit_labels([a, b, c]) == [
        (a.pk, "Sở Xây dựng (Ủy ban MTTQ tỉnh Cà Mau) — SXD-1"),
        (b.pk, "Sở Xây dựng (Ủy ban MTTQ tỉnh Cà Mau) — SXD-2"),
        (c.pk, "Sở Y tế"),
    ]
