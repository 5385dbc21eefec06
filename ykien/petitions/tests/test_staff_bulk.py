"""Bulk actions of the officer's petition list: each petition through its service, a report of
what was done and what was refused and why, a confirmation before a transfer, scope, bad input."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from ykien.petitions import services
from ykien.petitions.models import Petition
from ykien.petitions.tests.conftest import otp_login, submit

pytestmark = pytest.mark.django_db(transaction=True)
URL = reverse("petitions:staff_bulk")


@pytest.fixture(autouse=True)
def _clock(time_machine):
    time_machine.move_to("2026-03-02T09:00:00+07:00", tick=False)


def items(html: str, css: str) -> list[str]:
    block = re.search(rf'<ul class="{css}">(.*?)</ul>', html, re.S)
    if block is None:
        return []
    return [
        re.sub(r"<[^>]+>", "", li).strip() for li in re.findall(r"<li>(.*?)</li>", block[1], re.S)
    ]


@pytest.fixture
def three(tree, people):
    open_one = submit(tree.prov_new, subject="Một")
    other = submit(tree.prov_new, subject="Hai")
    closed = submit(tree.prov_new, subject="Ba")
    services.petition_refuse(
        actor=people.handler, petition=closed, ground="pa_unclear", note="Nội dung không rõ ràng."
    )
    foreign = submit(tree.prov_b, subject="Tỉnh khác")
    mail.outbox.clear()  # the senders' receipts
    return open_one, other, closed, foreign


def test_bulk_assign_reports_done_and_refused(client, people, three):
    open_one, other, closed, foreign = three
    otp_login(client, people.handler)
    response = client.post(
        URL,
        {"ids": [open_one.pk, closed.pk, foreign.pk, other.pk], "action": "assign",
         "handler": people.handler2.pk},
    )  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 200
    assert items(html, "bulk-done") == [
        f"#{open_one.pk}: Đã giao cho Xuly2.",
        f"#{other.pk}: Đã giao cho Xuly2.",
    ]
    refused = items(html, "bulk-refused")
    assert refused[0].startswith(f"#{closed.pk}: ")
    assert refused[1] == f"#{foreign.pk}: Không tìm thấy đơn này trong phạm vi của bạn."
    assert Petition.objects.get(pk=open_one.pk).handler == people.handler2
    assert Petition.objects.get(pk=closed.pk).handler is None
    assert Petition.objects.get(pk=foreign.pk).handler is None


def test_bulk_transfer_asks_for_confirmation_first(client, tree, people, three):
    open_one, other, _closed, _foreign = three
    otp_login(client, people.handler)
    data = {"ids": [open_one.pk, other.pk], "action": "transfer",
            "unit": tree.agency_new.pk, "note": "Thuộc thẩm quyền UBND tỉnh."}  # fmt: skip
    response = client.post(URL, data)
    assert "Việc chuyển đơn không thể hoàn tác." in response.content.decode()
    assert Petition.objects.get(pk=open_one.pk).unit == tree.prov_new
    response = client.post(URL, {**data, "confirm": "1"})
    assert items(response.content.decode(), "bulk-done") == [
        f"#{open_one.pk}: Đã chuyển đến Ủy ban nhân dân tỉnh Vĩnh Long.",
        f"#{other.pk}: Đã chuyển đến Ủy ban nhân dân tỉnh Vĩnh Long.",
    ]
    assert Petition.objects.get(pk=open_one.pk).unit == tree.agency_new


def test_bulk_remind_mails_the_handler(client, people, three):
    open_one, _other, closed, _foreign = three
    services.petition_assign(actor=people.handler, petition=open_one, handler=people.handler2)
    mail.outbox.clear()
    otp_login(client, people.handler)
    response = client.post(URL, {"ids": [open_one.pk, closed.pk], "action": "remind"})
    html = response.content.decode()
    assert items(html, "bulk-done") == [f"#{open_one.pk}: Đã gửi 1 thư nhắc."]
    assert items(html, "bulk-refused") == [
        f"#{closed.pk}: Đơn #{closed.pk} đã kết thúc, không cần nhắc."
    ]
    assert [m.to for m in mail.outbox] == [[people.handler2.email]]
    assert f"#{open_one.pk}" in mail.outbox[0].body
    assert "Một" not in mail.outbox[0].body  # never the subject


def test_an_officer_without_the_handler_role_is_refused_item_by_item(client, people, three):
    open_one, *_rest = three
    client.force_login(people.officer)
    response = client.post(
        URL, {"ids": [open_one.pk], "action": "assign", "handler": people.handler.pk}
    )
    refused = items(response.content.decode(), "bulk-refused")
    assert len(refused) == 1
    assert refused[0].startswith(f"#{open_one.pk}: ")
    assert Petition.objects.get(pk=open_one.pk).handler is None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"ids": [str(2**63)], "action": "remind"}, "Số đơn không hợp lệ."),
        ({"ids": ["abc"], "action": "remind"}, "Số đơn không hợp lệ."),
        ({"ids": [], "action": "remind"}, "Hãy chọn ít nhất một đơn."),
        (
            {"ids": ["1"], "action": "delete"},
            "Lựa chọn không hợp lệ; hãy chọn lại trong danh sách.",
        ),
        ({"ids": ["1"], "action": "assign"}, "Hãy chọn cán bộ xử lý."),
        (
            {"ids": ["1"], "action": "transfer", "unit": "", "note": "x"},
            "Hãy chọn đơn vị nhận đơn.",
        ),
    ],
)
def test_bad_bulk_input_is_a_translated_400_and_nothing_changes(
    client, people, three, data, message
):
    otp_login(client, people.handler)
    before = list(Petition.objects.order_by("pk").values_list("pk", "handler_id", "unit_id"))
    response = client.post(URL, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert (
        list(Petition.objects.order_by("pk").values_list("pk", "handler_id", "unit_id")) == before
    )
    assert mail.outbox == []
