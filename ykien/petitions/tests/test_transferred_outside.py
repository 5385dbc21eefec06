"""Petitions transferred to a body outside the Front (a People's Committee) leave the handling
lists (staff list, due page, workspace, bulk actions) and are followed on their own page, by the
units of the body's scope and by the unit that sent them."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from ykien.core.models import Role, UnitKind
from ykien.core.tests.factories import UserFactory, grant, make_unit
from ykien.petitions import selectors, services
from ykien.petitions.models import Petition, PetitionEvent
from ykien.petitions.tests.conftest import otp_login, submit
from ykien.petitions.worklist import provider

pytestmark = pytest.mark.django_db
LIST = reverse("petitions:staff_list")
TRANSFERRED = reverse("petitions:staff_transferred")


@pytest.fixture(autouse=True)
def _clock(time_machine):
    time_machine.move_to("2026-03-02T09:00:00+07:00", tick=False)


def numbers(response) -> list[int]:
    return sorted(
        int(n) for n in re.findall(r'href="/can-bo/don-thu/(\d+)/"', response.content.decode())
    )


def listed(response) -> list[int]:
    """Numbers in the table, linked or not."""
    return sorted(
        int(n) for n in re.findall(r"<td>(?:<a [^>]*>)?#(\d+)", response.content.decode())
    )


@pytest.fixture
def world(tree, people):
    # a ministry outside any Front unit's subtree: only the sending unit follows it there
    outside = make_unit("Thanh tra Chính phủ", parent=None, kind=UnitKind.STATE, code="TTCP")
    kept = submit(tree.prov_new, subject="Đường liên ấp xuống cấp")
    to_agency = submit(tree.prov_new, subject="Cấp giấy chứng nhận chậm")
    to_ministry = submit(tree.prov_new, subject="Thanh tra dự án điện")
    to_commune = submit(tree.prov_new, subject="Chợ xã họp lấn đường")
    elsewhere = submit(tree.prov_b, subject="Cầu tạm xuống cấp")
    sent_b = submit(tree.prov_b, subject="Sạt lở bờ sông")
    note = "Thuộc thẩm quyền giải quyết của cơ quan nhà nước"
    services.petition_transfer(
        actor=people.handler, petition=to_agency, to_unit=tree.agency_new, note=note
    )
    services.petition_transfer(
        actor=people.handler, petition=to_ministry, to_unit=outside, note=note
    )
    services.petition_transfer(
        actor=people.handler, petition=to_commune, to_unit=tree.commune_new, note=note
    )
    services.petition_transfer(
        actor=people.other_handler, petition=sent_b, to_unit=outside, note=note
    )
    return {
        "kept": kept,
        "to_agency": to_agency,
        "to_ministry": to_ministry,
        "to_commune": to_commune,
        "elsewhere": elsewhere,
        "sent_b": sent_b,
        "outside": outside,
    }


def test_the_transfer_step_records_the_sending_unit(tree, world):
    step = PetitionEvent.objects.get(petition=world["to_ministry"], action="transfer")
    assert step.params == {
        "from": "Ủy ban MTTQ tỉnh Vĩnh Long",
        "to": "Thanh tra Chính phủ",
        "from_unit": tree.prov_new.pk,
    }
    assert step.text == "Chuyển đơn từ Ủy ban MTTQ tỉnh Vĩnh Long đến Thanh tra Chính phủ."


@pytest.mark.parametrize("who", ["handler", "leader", "officer"])
def test_the_handling_list_leaves_out_petitions_sent_outside_the_front(client, people, world, who):
    otp_login(client, getattr(people, who))
    # a transfer within the Front (to a commune committee) stays in the list
    assert numbers(client.get(LIST)) == sorted([world["kept"].pk, world["to_commune"].pk])


def test_the_transferred_page_follows_them(client, people, world):
    otp_login(client, people.leader)
    response = client.get(TRANSFERRED)
    assert response.status_code == 200
    # the agency under the province (in scope) and the ministry it sent one to (out of scope)
    assert listed(response) == sorted([world["to_agency"].pk, world["to_ministry"].pk])
    html = response.content.decode()
    assert "Ủy ban nhân dân tỉnh Vĩnh Long" in html
    assert "Thanh tra Chính phủ" in html
    # the one at the ministry is listed but its page is out of the leader's scope: no link
    assert numbers(response) == [world["to_agency"].pk]
    assert (
        client.get(reverse("petitions:staff_detail", args=[world["to_ministry"].pk])).status_code
        == 403
    )


def test_the_other_province_sees_only_its_own(client, people, world):
    otp_login(client, people.other_leader)
    assert listed(client.get(TRANSFERRED)) == [world["sent_b"].pk]
    assert numbers(client.get(LIST)) == [world["elsewhere"].pk]


def test_filters_apply_and_bad_input_is_a_400(client, people, world):
    otp_login(client, people.handler)
    assert listed(client.get(TRANSFERRED, {"q": "dien"})) == [world["to_ministry"].pk]
    response = client.get(TRANSFERRED, {"sort": "password"})
    assert response.status_code == 400
    assert "Không thể sắp xếp theo cột này." in response.content.decode()
    assert client.get(TRANSFERRED, {"page": "99"}).status_code == 400


def test_only_petition_staff_see_the_page(client, people, world):
    assert client.get(TRANSFERRED).status_code == 302  # to sign in
    client.force_login(people.citizen)
    assert client.get(TRANSFERRED).status_code == 403


def test_the_staff_menu_links_the_page(client, people, world):
    otp_login(client, people.officer)
    html = client.get(LIST).content.decode()
    assert f'href="{TRANSFERRED}"' in html
    assert "Đơn đã chuyển cơ quan ngoài Mặt trận" in html


def test_workspace_due_page_and_bulk_leave_them_out(client, people, world, tree):
    today = services.today()
    items = {item.url for item in provider(people.leader, today)}
    assert reverse("petitions:staff_detail", args=[world["to_agency"].pk]) not in items
    assert reverse("petitions:staff_detail", args=[world["kept"].pk]) in items
    due = {
        p.pk
        for row in selectors.petitions_due_by_unit(user=people.leader, today=today)
        for p in row.overdue + row.due_soon
    }
    assert world["to_agency"].pk not in due
    # a bulk action on one of them: not found in the officer's lists, nothing changes
    otp_login(client, people.leader)
    response = client.post(
        reverse("petitions:staff_bulk"),
        {"ids": [world["to_agency"].pk], "action": "assign", "handler": people.handler.pk},
    )
    assert "Không tìm thấy đơn này trong phạm vi của bạn." in response.content.decode()
    assert Petition.objects.get(pk=world["to_agency"].pk).handler is None


def test_an_agency_officer_sees_them_in_the_lists_of_their_own_body(client, world, tree):
    # the Front's rule is about the Front's units; the list is the same for everyone
    officer = UserFactory(username="ubnd")
    grant(officer, tree.agency_new, Role.OFFICER)
    assert list(selectors.petitions_for_staff(user=officer)) == []
    assert [p.pk for p in selectors.petitions_transferred_outside(user=officer)] == [
        world["to_agency"].pk
    ]
