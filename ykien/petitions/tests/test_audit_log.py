"""The audit log as a leader reads it: actions, records and changes by their labels, units and
people by name, times in Asia/Ho_Chi_Minh; never a code, a field name or a raw dict."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse

from ykien.core.permissions import SYSTEM
from ykien.petitions import services

from .conftest import otp_login, submit

pytestmark = pytest.mark.django_db

CODES = [
    "petition.submit",
    "petition.assign",
    "petition.accept",
    "petition.rate",
    "confidential.read",
    "petitions.petition",
    "report.settle",
    "reception.answer",
    "{'",
    "'status'",
    "handler:",
    "id_number",
    "T09:00",
    ">received<",
    ": received",
    ": accepted",
]


@pytest.fixture
def logged(tree, people):
    # 09:00 UTC is 16:00 in Hà Nội.
    with time_machine.travel(dt.datetime(2026, 11, 26, 9, 0, tzinfo=dt.UTC), tick=False):
        p = submit(tree.prov_new)
        p = services.petition_assign(actor=people.leader, petition=p, handler=people.handler)
        p = services.petition_accept(actor=people.handler, petition=p)
        p = services.petition_settle(actor=people.handler, petition=p, conclusion="Đã sửa.")
        p = services.petition_answer(actor=people.handler, petition=p, answer="Đã sửa đường.")
        services.petition_rate(actor=SYSTEM, petition=p, rating=5)
        services.sender_reveal(actor=people.handler, petition=p, reason="Liên hệ người gửi")
    return p


def _page(client, people, language="vi") -> str:
    otp_login(client, people.leader)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(reverse("core:audit_log"))
    assert response.status_code == 200
    # The log itself (the filter form's option values are codes the browser sends, not text).
    return response.content.decode().split("<table>", 1)[1]


def test_audit_log_shows_labels_names_and_local_times(logged, client, people):
    page = _page(client, people)
    for text in (
        "Tiếp nhận đơn thư",
        "Giao cán bộ xử lý đơn thư",
        "Thụ lý đơn thư",
        "Người gửi đánh giá kết quả",
        "Xem thông tin bảo mật",
        f"Đơn thư #{logged.pk}",
        "<li>Cán bộ xử lý: — → Xuly</li>",
        "<li>Trạng thái: Đã tiếp nhận, chờ thụ lý → Đã thụ lý, đang giải quyết</li>",
        "<li>Ngày thụ lý: — → 26/11/2026</li>",
        "<li>Thời điểm đánh giá: — → 26/11/2026 16:00</li>",
        "<li>Mức hài lòng: — → 5</li>",
        "<li>Đơn vị xử lý: Ủy ban MTTQ tỉnh Vĩnh Long</li>",
        "<li>Loại đơn: Phản ánh</li>",
        "<li>Kênh tiếp nhận: Cổng thông tin</li>",
        "<li>Quy tắc thời hạn giải quyết: Phản ánh: giải quyết, trả lời người phản ánh</li>",
        "<li>Thông tin đã xem: Họ và tên, Số định danh cá nhân, Điện thoại, Thư điện tử, Địa"
        " chỉ</li>",
    ):
        assert text in page, text
    for code in CODES:
        assert code not in page, code


def test_audit_log_in_english(logged, client, people):
    page = _page(client, people, "en")
    for text in (
        "Accept petition",
        "<li>Status: Received, awaiting acceptance → Accepted, being settled</li>",
        "<li>Rating time: — → 26/11/2026 16:00</li>",
        "View confidential information",
    ):
        assert text in page, text
    for code in CODES:
        assert code not in page, code
