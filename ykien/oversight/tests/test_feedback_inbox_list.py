"""The Regulation 124 inbox as a staff list: search without diacritics (tracking code, position,
its unit — never the content), filters by status and review due date, sort, pages, export
without the tracking code, the content or the sender; bad input is a 400 with the reason."""

import csv
import datetime as dt
import io
from unittest import mock

import pytest
from django.urls import reverse

from ykien.core.pii import SenderIdentity
from ykien.oversight import services as s
from ykien.oversight.models import ConductFeedback

pytestmark = pytest.mark.django_db
URL = reverse("oversight:feedback_inbox")
EXPORT = "oversight:feedback_inbox_export"
SENDER = SenderIdentity(name="Lý Văn Hòa", address="Ấp 2, xã Long Hồ", phone="0912345678")


@pytest.fixture(autouse=True)
def _no_otp():
    with mock.patch("ykien.core.middleware.user_needs_otp", return_value=False):
        yield


@pytest.fixture
def items(world):
    """Today (26/11/2026): one about the director received today (review due 28/12), one about
    the chairman received on 1/10 (due 2/11, overdue)."""
    director = s.position_create(actor=world.officer, unit=world.ubnd, title="Giám đốc Sở")
    chairman = s.position_create(actor=world.officer, unit=world.ubnd, title="Chủ tịch xã")
    fresh = s.feedback_submit(
        position=director, content="Dùng xe công đi việc riêng.", identity=SENDER
    )
    old = s.feedback_submit(position=chairman, content="Nhận quà biếu dịp lễ.", identity=SENDER)
    # Received on 1/10: its review is due by the rule from that day (stored when received).
    ConductFeedback.objects.filter(pk=old.pk).update(
        received_on=dt.date(2026, 10, 1), review_due=dt.date(2026, 11, 2)
    )
    return fresh, old


def _pks(response) -> list[int]:
    assert response.status_code == 200, response.content.decode()[:500]
    return [row.feedback.pk for row in response.context["page"]]


def test_search_ignores_diacritics_and_never_reads_the_content(client, world, items):
    fresh, old = items
    client.force_login(world.handler)
    assert _pks(client.get(URL, {"q": "giam doc"})) == [fresh.pk]
    assert _pks(client.get(URL, {"q": "CHỦ TỊCH"})) == [old.pk]
    assert _pks(client.get(URL, {"q": fresh.tracking_code.lower()})) == [fresh.pk]
    assert _pks(client.get(URL, {"q": "uy ban nhan dan"})) == [fresh.pk, old.pk]  # the unit
    response = client.get(URL, {"q": "xe cong"})  # words of the content only
    assert _pks(response) == []
    assert "Không có phản ánh nào." in response.content.decode()


def test_filters_sort_and_due_dates(client, world, items):
    fresh, old = items
    client.force_login(world.handler)
    response = client.get(URL, {"due": "overdue"})
    assert [(r.feedback.pk, r.due, r.overdue) for r in response.context["page"]] == [
        (old.pk, dt.date(2026, 11, 2), True)
    ]
    assert _pks(client.get(URL, {"due": "week"})) == []
    assert _pks(client.get(URL, {"recent": "1"})) == [fresh.pk]
    assert _pks(client.get(URL, {"status": "received"})) == [fresh.pk, old.pk]
    assert _pks(client.get(URL, {"status": "concluded"})) == []
    assert _pks(client.get(URL, {"sort": "received"})) == [old.pk, fresh.pk]
    assert _pks(client.get(URL, {"sort": "position"})) == [old.pk, fresh.pk]
    s.feedback_set_status(actor=world.leader, feedback=old, status="reviewing")
    s.feedback_set_status(
        actor=world.leader, feedback=old, status="dismissed", conclusion="Không đủ căn cứ."
    )
    # A closed item has no review date and is not overdue.
    assert _pks(client.get(URL, {"due": "overdue"})) == []
    html = client.get(URL, {"status": "received", "sort": "received"}).content.decode()
    assert 'href="?status=received&amp;sort=-received"' in html
    assert "/can-bo/giam-sat/phan-anh-124/danh-sach.csv?status=received&amp;sort=received" in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"page": "2"}, "Trang 2 không tồn tại."),
        ({"page": "99999999999999999999"}, "Số trang không hợp lệ."),
        ({"sort": "content"}, "Không thể sắp xếp theo cột này."),
        ({"due": "NaN"}, "Lựa chọn không hợp lệ; hãy chọn lại trong danh sách."),
        ({"status": "deleted"}, "Lựa chọn không hợp lệ; hãy chọn lại trong danh sách."),
        ({"q": "ả" * 201}, "Từ khóa tìm kiếm dài tối đa 200 ký tự."),
    ],
)
def test_bad_input_is_a_400_with_the_reason(client, world, items, params, message):
    client.force_login(world.handler)
    response = client.get(URL, params)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert response.context["page"] is None
    export = client.get(reverse(EXPORT, args=["csv"]), params)
    assert export.status_code == (200 if params == {"page": "2"} else 400)


def test_export_is_the_filtered_inbox_without_code_content_or_sender(client, world, items):
    _fresh, old = items
    client.force_login(world.handler)
    response = client.get(reverse(EXPORT, args=["csv"]), {"due": "overdue"})
    assert response["Content-Disposition"] == 'attachment; filename="phan-anh-124.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [
        ["Số", "Chức danh", "Cơ quan, đơn vị", "Ủy ban MTTQ tiếp nhận", "Ngày nhận",
         "Trạng thái", "Hạn xem xét", "Cán bộ được giao"],
        [str(old.pk), "Chủ tịch xã", world.ubnd.name, old.front.name, "01/10/2026",
         "Đã tiếp nhận", "02/11/2026", ""],
    ]  # fmt: skip
    assert old.tracking_code not in response.content.decode()
    assert client.get(reverse(EXPORT, args=["xlsx"])).content[:2] == b"PK"
    assert client.get(reverse(EXPORT, args=["pdf"])).status_code == 404


@pytest.mark.parametrize(("who", "status"), [("citizen", 403), ("respondent", 403)])
def test_only_the_front_reads_the_inbox_or_its_export(client, world, items, who, status):
    client.force_login(getattr(world, who))
    assert client.get(URL).status_code == status
    assert client.get(reverse(EXPORT, args=["csv"])).status_code == status


def test_another_fronts_officer_finds_nothing(client, world, items):
    client.force_login(world.other_officer)
    assert _pks(client.get(URL)) == []
    rows = list(csv.reader(io.StringIO(
        client.get(reverse(EXPORT, args=["csv"])).content.decode("utf-8-sig")
    )))  # fmt: skip
    assert len(rows) == 1
