"""The positions page offers only the units the officer may add a position to; another unit
posted by hand is refused and nothing is stored."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ykien.oversight.models import OfficialPosition

pytestmark = pytest.mark.django_db


def _options(html: str) -> str:
    return html.split('name="unit"', 1)[1].split("</select>", 1)[0]


def test_only_units_in_scope_are_offered(client, world, no_otp):
    client.force_login(world.officer)
    options = _options(client.get(reverse("oversight:positions")).content.decode())
    assert "Ủy ban nhân dân tỉnh Vĩnh Long" in options
    assert "Sở Xây dựng tỉnh Vĩnh Long" in options
    assert "Ủy ban Trung ương MTTQ Việt Nam" not in options
    assert "Cà Mau" not in options


def test_a_unit_out_of_scope_posted_by_hand_is_refused(client, world, no_otp):
    client.force_login(world.officer)
    response = client.post(
        reverse("oversight:positions"), {"unit": world.central.pk, "title": "Chủ tịch"}
    )
    assert response.status_code == 200
    assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()
    assert not OfficialPosition.objects.exists()
    ok = client.post(reverse("oversight:positions"), {"unit": world.sxd.pk, "title": "Giám đốc"})
    assert ok.status_code == 302
    assert OfficialPosition.objects.filter(unit=world.sxd, title="Giám đốc").exists()
