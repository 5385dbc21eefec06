"""The petition list's unit filter and the bulk transfer pick a unit by its name (the unit
picker), never from a long list or by a code; a bulk form sent back with an error keeps the
petitions ticked and says one thing per field."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from ykien.petitions.models import Petition
from ykien.petitions.tests.conftest import otp_login, submit

pytestmark = pytest.mark.django_db
URL = reverse("petitions:staff_list")
BULK = reverse("petitions:staff_bulk")


@pytest.fixture(autouse=True)
def _clock(time_machine):
    time_machine.move_to("2026-03-02T09:00:00+07:00", tick=False)


def numbers(response) -> list[int]:
    return [int(n) for n in re.findall(r'href="/can-bo/don-thu/(\d+)/"', response.content.decode())]


@pytest.fixture
def two(tree):
    return submit(tree.prov_new, subject="Đường liên ấp"), submit(tree.commune_new, subject="Đèn")


def test_the_unit_filter_is_a_picker_offering_the_officers_units(client, tree, people, two):
    client.force_login(people.officer)
    html = client.get(URL).content.decode()
    unit_input = re.search(r'<input[^>]*name="unit"[^>]*>', html)
    assert unit_input is not None
    assert 'data-picker="/can-bo/goi-y/don-vi/?pham-vi=cua-toi&amp;hien-hanh=1"' in unit_input[0]
    assert "Ủy ban MTTQ xã Càng Long" in unit_input[0]  # offered at the first click
    assert '<select name="unit"' not in html


def test_the_unit_filter_takes_a_picked_unit_or_its_name_without_diacritics(
    client, tree, people, two
):
    _road, light = two
    client.force_login(people.officer)
    assert numbers(client.get(URL, {"unit": tree.commune_new.pk})) == [light.pk]
    assert numbers(client.get(URL, {"unit": "xa cang long"})) == [light.pk]


def test_a_unit_outside_the_officers_scope_is_a_translated_400(client, tree, people, two):
    client.force_login(people.officer)
    response = client.get(URL, {"unit": tree.prov_b.pk})
    assert response.status_code == 400
    assert "Không có đơn vị này (có thể đã bị xóa hoặc bạn không được chọn)." in (
        response.content.decode()
    )


def test_a_ten_thousand_character_reason_is_one_error_and_the_ticks_are_kept(
    client, tree, people, two
):
    road, light = two
    otp_login(client, people.handler)
    response = client.post(
        BULK,
        {"ids": [road.pk, light.pk], "action": "transfer", "unit": tree.agency_new.pk,
         "note": "x" * 10_000},
    )  # fmt: skip
    assert response.status_code == 400
    form = response.context["bulk"]
    too_long = "Giá trị này chỉ có tối đa 2000 kí tự (hiện có 10000)"
    assert form.errors == {"note": [too_long]}
    html = response.content.decode()
    assert html.count(too_long) == 1
    for p in (road, light):
        assert re.search(
            rf'<input type="checkbox" name="ids" value="{p.pk}" form="bulk" checked', html
        )
    assert set(Petition.objects.values_list("unit_id", flat=True)) == {
        tree.prov_new.pk,
        tree.commune_new.pk,
    }


def test_the_bulk_transfer_picks_the_receiving_unit_by_name(client, tree, people, two):
    road, _light = two
    otp_login(client, people.handler)
    data = {"ids": [road.pk], "action": "transfer", "unit": "ubnd tinh vinh long",
            "note": "Thuộc thẩm quyền UBND tỉnh.", "confirm": "1"}  # fmt: skip
    response = client.post(BULK, data)
    assert response.status_code == 200
    assert Petition.objects.get(pk=road.pk).unit == tree.agency_new
